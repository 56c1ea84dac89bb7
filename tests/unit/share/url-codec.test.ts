import { describe, expect, it } from 'vitest';
import {
  canonicalImport,
  defaultConfig,
  resolveExplorer,
  type ExplorerConfig,
} from '../../../src/lib/core/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  CODEC_VERSION,
  decode,
  encode,
  type SharedState,
} from '../../../src/lib/share/url-codec.ts';

const state = (
  config: ExplorerConfig,
  view: SharedState['view'] = { unit: 'GB', theme: 'system' },
): SharedState => ({ config, view });

describe('url codec', () => {
  it('encodes the default state as just the version', () => {
    expect(encode(state(defaultConfig()))).toBe('v=1');
  });

  it('encodes a typical state in short, readable parameters', () => {
    const config = defaultConfig('deepseek-v3');
    config.arch = { topK: 4 };
    config.deployment = {
      ...config.deployment,
      deviceId: 'h200',
      devices: 16,
      tp: 1,
      ep: 16,
      contextTokens: 1048576,
      batch: 64,
    };
    const query = encode(state(config, { unit: 'GiB', theme: 'dark' }));
    expect(query).toBe(
      'v=1&m=deepseek-v3&k=4&g=h200&n=16&ctx=1048576&b=64&tp=1&ep=16&u=GiB&th=dark',
    );
    expect(query.length).toBeLessThan(200);
    expect(decode(query)).toEqual({
      ...state(config, { unit: 'GiB', theme: 'dark' }),
      warnings: [],
    });
  });

  it('reports each ignored parameter and applies the rest', () => {
    const decoded = decode(
      'v=1&m=kimi-k2&k=999&b=-5&g=<script>alert(1)</script>&zz=1&kd=fp8&__proto__=1',
    );
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'kimi-k2' });
    expect(decoded.config.deployment.kvDtype).toBe('fp8');
    expect(decoded.config.arch).toEqual({});
    expect(decoded.warnings).toHaveLength(5);
    expect(decoded.warnings.join('\n')).toMatch(
      /k \(Active experts per token\): expected a whole number from 1 to 64, got "999"/,
    );
    expect(decoded.warnings.join('\n')).toContain(
      'b (Batch size): expected a whole number from 1 to 65536, got "-5"',
    );
    expect(decoded.warnings.join('\n')).toContain('"__proto__": not a parameter of this explorer');
  });

  it('drops values that do not fit together, with a warning', () => {
    const decoded = decode('v=1&m=mixtral-8x7b&k=8&E=4');
    expect(decoded.config.arch).toEqual({ experts: 4 });
    expect(decoded.warnings[0]).toMatch(
      /^k: num_experts_per_tok: expected at most the number of routed experts \(4\), got 8; ignored$/,
    );
    const layout = decode('v=1&n=8&tp=3');
    expect(layout.config.deployment.tp).toBeNull();
    expect(layout.warnings[0]).toMatch(/^tp, ep, pp: tp: expected a divisor/);
  });

  it('opens a link without a version, and one from an unknown version, as version 1', () => {
    expect(decode('m=dbrx').config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    const future = decode('v=9&m=dbrx');
    expect(future.config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(future.warnings[0]).toMatch(/^v: expected a link version/);
  });
});

describe('decode', () => {
  it('decode reads a query with or without its leading "?"', () => {
    expect(decode('?v=1&m=dbrx&b=8')).toEqual(decode('v=1&m=dbrx&b=8'));
    expect(decode('?v=1&m=dbrx&b=8').config.deployment.batch).toBe(8);
  });

  it('decode of an empty query is the default state without warnings', () => {
    expect(decode('')).toEqual({ ...state(defaultConfig()), warnings: [] });
  });

  it('CODEC_VERSION is 1, and encode writes it first', () => {
    expect(CODEC_VERSION).toBe(1);
    expect(encode(state(defaultConfig('dbrx')))).toBe('v=1&m=dbrx');
  });
});

describe('url codec with an imported config', () => {
  const mixtral8x22b = {
    model_type: 'mixtral',
    _name_or_path: 'mistralai/Mixtral-8x22B-v0.1',
    hidden_size: 6144,
    intermediate_size: 16384,
    num_hidden_layers: 56,
    num_attention_heads: 48,
    num_key_value_heads: 8,
    num_local_experts: 8,
    num_experts_per_tok: 2,
    vocab_size: 32768,
    rope_theta: 1e6,
    some_unused_field: 'x'.repeat(500),
  };

  it('encodes it as the nearest preset plus the fields that differ, and decodes to the same model', () => {
    const config = {
      ...defaultConfig(),
      source: { kind: 'config' as const, name: 'Mixtral-8x22B-v0.3', json: mixtral8x22b },
    };
    const query = encode(state(config));
    // Fields the preset has and this config lacks are cleared (x.field=), so the model is exact.
    expect(query).toBe(
      'v=1&m=mixtral-8x22b&mn=Mixtral-8x22B-v0.3&x.max_position_embeddings=&x.torch_dtype=&x.vocab_size=32768',
    );
    expect(query.length).toBeLessThan(200);
    const decoded = decode(query);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.config.source).toMatchObject({ kind: 'config', name: 'Mixtral-8x22B-v0.3' });
    expect(resolveExplorer(decoded.config).count).toEqual(resolveExplorer(config).count);
  });

  it('a config of a family no preset has differs in more fields, and still round-trips', () => {
    const phi = {
      model_type: 'phimoe',
      hidden_size: 4096,
      intermediate_size: 6400,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      num_local_experts: 16,
      num_experts_per_tok: 2,
      vocab_size: 32064,
      attention_bias: true,
      lm_head_bias: true,
    };
    const config = {
      ...defaultConfig(),
      source: { kind: 'config' as const, name: 'Phi-3.5-MoE', json: phi },
    };
    const decoded = decode(encode(state(config)));
    expect(decoded.warnings).toEqual([]);
    // Phi-3.5-MoE: 41,873,153,344 (tests/fixtures/more-expected-params.json)
    expect(resolveExplorer(decoded.config).count.total).toBe(41_873_153_344);
  });

  it('rejects prototype paths and non-JSON values in config overrides', () => {
    const decoded = decode(
      'v=1&m=mixtral-8x7b&x.__proto__.polluted=1&x.constructor=2&x.hidden_size=%7B%22a%22%3A1%7D&x.num_hidden_layers=oops',
    );
    expect(decoded.warnings).toHaveLength(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decoded.config.source).toMatchObject({ kind: 'config' });
  });

  it('an imported config that does not parse falls back to the preset with a warning', () => {
    const decoded = decode('v=1&m=mixtral-8x7b&x.hidden_size=-4');
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'mixtral-8x7b' });
    expect(decoded.warnings[0]).toContain('hidden_size: expected an integer >= 1, got -4');
  });
});

describe('canonical imports', () => {
  const dir = join(import.meta.dirname, '..', '..', 'fixtures');
  const files = [
    ...readdirSync(join(dir, 'models')).map((f) => join(dir, 'models', f)),
    ...readdirSync(join(dir, 'more-models')).map((f) => join(dir, 'more-models', f)),
  ];

  it.each(files.map((f) => [basename(f), f]))(
    '%s: the same model, and decode(encode(s)) = s',
    (name, file) => {
      const original = JSON.parse(readFileSync(file, 'utf8'));
      const json = canonicalImport(original);
      expect(
        resolveExplorer({ ...defaultConfig(), source: { kind: 'config', name, json: original } })
          .count,
      ).toEqual(
        resolveExplorer({ ...defaultConfig(), source: { kind: 'config', name, json } }).count,
      );
      const s = state({ ...defaultConfig(), source: { kind: 'config', name, json } });
      expect(decode(encode(s))).toEqual({ ...s, warnings: [] });
    },
  );
});
