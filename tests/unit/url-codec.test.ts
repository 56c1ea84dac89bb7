import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalImport,
  defaultConfig,
  DEVICE_IDS,
  presets,
  resolveExplorer,
  type ExplorerConfig,
} from '../../src/lib/core/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decode, encode, type SharedState } from '../../src/lib/share/url-codec.ts';

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

  it('decode(encode(s)) is s for reachable states', () => {
    const arb = fc
      .record({
        preset: fc.constantFrom(...presets.map((p) => p.id)),
        topK: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        layers: fc.option(fc.integer({ min: 1, max: 128 }), { nil: undefined }),
        deviceId: fc.constantFrom(...DEVICE_IDS),
        devices: fc.constantFrom(1, 2, 4, 8, 16),
        contextTokens: fc.integer({ min: 1, max: 16 * 2 ** 20 }),
        batch: fc.integer({ min: 1, max: 65536 }),
        kvDtype: fc.constantFrom('bf16', 'fp16', 'fp8' as const),
        kvLayout: fc.constantFrom('hybrid', 'full' as const),
        weights: fc.constantFrom(null, 'bf16', 'fp8', 'int4', 'q4_k_m' as const),
        skew: fc.integer({ min: 0, max: 40 }).map((x) => x / 20),
        capacityFactor: fc.integer({ min: 10, max: 80 }).map((x) => x / 20),
        usdPerHour: fc.option(
          fc.integer({ min: 0, max: 5000 }).map((x) => x / 100),
          { nil: null },
        ),
        expertWeights: fc.constantFrom(null, 'mxfp4', 'nvfp4', 'fp8' as const),
        layout: fc.constantFrom('tp', 'ep', 'tpep' as const),
        arch: fc.record(
          {
            experts: fc.integer({ min: 8, max: 512 }),
            sharedExperts: fc.integer({ min: 0, max: 4 }),
            expertFfn: fc.integer({ min: 64, max: 8192 }),
            hiddenSize: fc.integer({ min: 256, max: 16384 }),
            headDim: fc.integer({ min: 32, max: 256 }),
          },
          { requiredKeys: [] },
        ),
        unit: fc.constantFrom('GB', 'GiB' as const),
        theme: fc.constantFrom('system', 'light', 'dark' as const),
      })
      .map((r) => {
        const config = defaultConfig(r.preset);
        const dense =
          presets.find((p) => p.id === r.preset)!.published.active ===
          presets.find((p) => p.id === r.preset)!.published.total;
        config.arch = {
          ...(r.layers !== undefined ? { layers: r.layers } : {}),
          ...(r.topK !== undefined && !dense ? { topK: r.topK } : {}),
          ...(dense ? {} : r.arch),
        };
        const layout = {
          tp: { tp: null, ep: 1 },
          ep: { tp: 1, ep: r.devices },
          tpep: { tp: null, ep: r.devices },
        }[r.layout];
        config.deployment = {
          ...config.deployment,
          ...layout,
          deviceId: r.deviceId,
          devices: r.devices,
          contextTokens: r.contextTokens,
          batch: r.batch,
          kvDtype: r.kvDtype,
          kvLayout: r.kvLayout,
          weights: r.weights,
          expertWeights: r.expertWeights,
          skew: r.skew,
          capacityFactor: r.capacityFactor,
          usdPerHour: r.usdPerHour,
        };
        return state(config, { unit: r.unit, theme: r.theme });
      })
      .filter((s) => {
        try {
          return resolveExplorer(s.config).servingError === null;
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(arb, (s) => {
        expect(decode(encode(s))).toEqual({ ...s, warnings: [] });
      }),
      { numRuns: 300 },
    );
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

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        decode(text);
      }),
      { numRuns: 300 },
    );
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
  const dir = join(import.meta.dirname, '..', 'fixtures');
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
