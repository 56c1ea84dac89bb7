import { describe, expect, it } from 'vitest';
import {
  canonicalImport,
  defaultComparison,
  DEFAULT_TRAINING,
  defaultConfig,
  findPreset,
  resolveExplorer,
  type ExplorerConfig,
} from '../../../src/lib/core/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  CODEC_VERSION,
  decode,
  encode,
  MAX_LINK_CHARS,
  type SharedState,
} from '../../../src/lib/share/url-codec.ts';

const state = (
  config: ExplorerConfig,
  view: SharedState['view'] = { unit: 'GB', theme: 'system' },
): SharedState => ({
  config,
  view,
  compare: defaultComparison(),
  training: { ...DEFAULT_TRAINING },
});

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

  it('keeps a layout that is not at fault: a KV type SGLang refuses for DeepSeek-V4 stays on the page', () => {
    const decoded = decode('v=1&m=deepseek-v4-flash&g=b200&n=4&tp=1&ep=4&eng=sglang&kd=bf16');
    expect(decoded.config.deployment).toMatchObject({ tp: 1, ep: 4, kvDtype: 'bf16' });
    expect(decoded.warnings).toEqual([]);
    expect(resolveExplorer(decoded.config).servingError).toMatch(
      /^kv dtype: expected fp8: SGLang keeps DeepSeek-V4's cache in FP8 only/,
    );
    // without the KV type the engine's is taken: FP8, and the link serves
    const plain = decode('v=1&m=deepseek-v4-flash&g=b200&n=4&tp=1&ep=4&eng=sglang');
    expect(plain.config.deployment.kvDtype).toBeNull();
    expect(resolveExplorer(plain.config).resolved?.deployment.kvDtype).toBe('fp8');
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
    // Every edit refused: the preset itself, not a copy labelled "(edited)" (issue 10, finding 7).
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'mixtral-8x7b' });
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

describe('url codec with pins', () => {
  const scout = defaultConfig();
  const deepseek = defaultConfig('deepseek-v3');
  deepseek.deployment = { ...deepseek.deployment, deviceId: 'h200', weights: 'fp8' };
  const edited = defaultConfig('mixtral-8x7b');
  edited.arch = { topK: 1 };
  edited.deployment = { ...edited.deployment, contextTokens: 32768, batch: 8 };
  const withPins = (pins: ExplorerConfig[], settings = defaultComparison().settings) => ({
    ...state(defaultConfig()),
    compare: { pins, settings },
  });

  it('encodes each pin as its preset id and its own parameters: p=deepseek-v3,g:h200,w:fp8', () => {
    const query = encode(withPins([deepseek, scout, edited]));
    expect(query).toBe(
      'v=1&p=deepseek-v3,g:h200,w:fp8&p=llama4-scout&p=mixtral-8x7b,k:1,ctx:32768,b:8',
    );
    expect(query.length).toBeLessThan(100);
  });

  it('decode(encode(s)) is s with pins and with each comparison setting', () => {
    for (const s of [
      withPins([deepseek, scout, edited]),
      withPins([edited]),
      withPins([]),
      withPins([scout], { same: false, deviceId: 'mi300x', devices: 4, weights: 'int4' }),
    ])
      expect(decode(encode(s))).toEqual({ ...s, warnings: [] });
    expect(encode(withPins([]))).toBe('v=1&p=');
    expect(
      encode(withPins([scout], { same: false, deviceId: 'mi300x', devices: 4, weights: 'int4' })),
    ).toBe('v=1&cs=0&cg=mi300x&cn=4&cw=int4&p=llama4-scout');
  });

  it('leaves the default comparison out: the default page is still v=1', () => {
    expect(encode(state(defaultConfig()))).toBe('v=1');
    expect(encode({ config: defaultConfig(), view: { unit: 'GB', theme: 'system' } })).toBe('v=1');
  });

  it('an imported pin travels as its nearest preset plus the fields that differ, and round-trips', () => {
    const json = { ...(findPreset('mixtral-8x7b')!.config as object), num_hidden_layers: 16 };
    const imported: ExplorerConfig = {
      ...defaultConfig(),
      source: { kind: 'config', name: 'My MoE: small, 16 layers (50% of it)', json },
    };
    const query = encode(withPins([imported, scout]));
    expect(query).toContain(
      '&p=mixtral-8x7b,mn:My+MoE%253A+small%252C+16+layers+%2850%2525+of+it%29,x.num_hidden_layers:16&p=llama4-scout',
    );
    const decoded = decode(query);
    expect(decoded.warnings).toEqual([]);
    expect(decoded.compare.pins[0]!.source).toMatchObject({
      kind: 'config',
      name: 'My MoE: small, 16 layers (50% of it)',
    });
    expect(resolveExplorer(decoded.compare.pins[0]!).count.total).toBe(
      resolveExplorer(imported).count.total,
    );
  });

  it('an old link without pins opens with the default comparison and no warning', () => {
    const old = decode('v=1&m=deepseek-v3&k=4&g=h200&n=16&ctx=1048576&b=64&tp=1&ep=16');
    expect(old.warnings).toEqual([]);
    expect(old.compare).toEqual(defaultComparison());
  });

  it('a mangled pin is left out with a warning naming p, the value and the format; the rest applies', () => {
    const decoded = decode('v=1&m=dbrx&p=llama4-scout,g:h200&p=deepseek%2Cv3&b=8&cs=maybe&cn=-2');
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(decoded.config.deployment.batch).toBe(8);
    expect(decoded.compare.pins.map((p) => p.source)).toEqual([
      { kind: 'preset', id: 'llama4-scout' },
    ]);
    expect(decoded.compare.settings).toEqual(defaultComparison().settings);
    expect(decoded.warnings).toEqual([
      'cs: expected one of 0, 1, got "maybe"; ignored',
      'cn (GPUs): expected a whole number from 1 to 1024, got "-2"; ignored',
      'p (pin 2): expected a preset id, then key:value settings, comma-separated (deepseek-v3,g:h200,w:fp8), got "deepseek,v3"; pin ignored',
    ]);
  });

  it('a repeated p is a list of pins, not a repeated parameter', () => {
    expect(decode('p=dbrx&p=kimi-k2').warnings).toEqual([]);
  });
});

describe('issue 10: hostile links', () => {
  /** decode of a query, and the CPU time it took in milliseconds. */
  function timedDecode(query: string) {
    const started = process.cpuUsage();
    const decoded = decode(query);
    const { user, system } = process.cpuUsage(started);
    return { decoded, ms: (user + system) / 1000 };
  }

  it.each([
    ['finding 1', 'v=1&m=deepseek-v3&x.first_k_dense_replace=1000', 'x.first_k_dense_replace'],
    ['finding 1', 'v=1&m=mixtral-8x7b&x.vocab_size=1000000000000000', 'x.vocab_size'],
    ['finding 1', 'v=1&m=mixtral-8x7b&x.num_hidden_layers=1000000000', 'x.num_hidden_layers'],
    [
      'finding 2',
      'v=1&m=mixtral-8x7b&x.num_local_experts=1000000000&x.hidden_size=64&x.intermediate_size=1&x.num_attention_heads=8&x.num_key_value_heads=8&x.num_hidden_layers=1',
      'x.num_local_experts',
    ],
    [
      'finding 2',
      'v=1&m=llama4-scout&x.text_config.num_hidden_layers=100000',
      'x.text_config.num_hidden_layers',
    ],
  ])('%s: decode(%j) falls back to the preset, names %s, builds, within 1 s', (_, query, field) => {
    const { decoded, ms } = timedDecode(query);
    expect(decoded.config.source.kind).toBe('preset');
    expect(decoded.warnings.some((w) => w.startsWith(`${field}:`))).toBe(true);
    expect(() => resolveExplorer(decoded.config)).not.toThrow();
    expect(ms).toBeLessThan(1000);
  });

  it('finding 1: the rest of a link with a refused config still applies', () => {
    const { config } = decode('v=1&m=mixtral-8x7b&x.vocab_size=1e15&g=h200&b=8');
    expect(config.source).toEqual({ kind: 'preset', id: 'mixtral-8x7b' });
    expect(config.deployment).toMatchObject({ deviceId: 'h200', batch: 8 });
  });

  it('finding 7: embed=yes is named in the notice', () => {
    expect(decode('v=1&embed=yes').warnings).toEqual([
      'embed: expected 1 (the compact embed view), got "yes"; ignored',
    ]);
  });

  it('finding 7: view, theme and chart without embed=1 are named in the notice', () => {
    expect(decode('v=1&view=serving&theme=dark').warnings).toEqual([
      'view: read only with embed=1; ignored',
      'theme: read only with embed=1; ignored',
    ]);
    expect(decode('v=1&embed=1&view=serving&theme=dark').warnings).toEqual([]);
  });

  it('finding 7: links carry canonical decimals, never cf=1.4500000000000002', () => {
    const config = defaultConfig();
    config.deployment = {
      ...config.deployment,
      capacityFactor: 1.4500000000000002,
      skew: 0.30000000000000004,
      usdPerHour: 2.1500000000000004,
    };
    const query = encode(state(config));
    expect(query).toBe('v=1&sk=0.3&cf=1.45&usd=2.15');
    expect(decode('v=1&cf=1.4500000000000002').config.deployment.capacityFactor).toBe(1.45);
  });

  it('finding 11: 20,000 repeated parameters give one notice line saying how many times', () => {
    const { decoded, ms } = timedDecode(`v=1&${Array(20_000).fill('k=2').join('&')}`);
    expect(decoded.warnings).toEqual(['k: given 20,000 times; the first value is used']);
    expect(decoded.config.arch).toEqual({ topK: 2 });
    expect(ms).toBeLessThan(1000);
  });

  it('finding 11: 20,000 different unknown parameters, x.<field> edits or pins: a short notice', () => {
    for (const part of [
      (i: number) => `z${i}=1`,
      (i: number) => `x.f${i}=1`,
      (i: number) => `x.f${i}=oops`,
      () => 'p=dbrx',
      (i: number) => `p=no-such-${i}`,
      () => 'x.hidden_size=1',
    ]) {
      const query = `v=1&m=mixtral-8x7b&${Array.from({ length: 20_000 }, (_, i) => part(i)).join('&')}`;
      const { decoded, ms } = timedDecode(query);
      expect(decoded.warnings.length, query.slice(0, 40)).toBeLessThanOrEqual(20);
      expect(decoded.warnings.length, query.slice(0, 40)).toBeGreaterThan(0);
      expect(ms, query.slice(0, 40)).toBeLessThan(1000);
    }
  });

  it('a link longer than a browser carries (2 MiB, Chromium’s url::kMaxURLChars) is refused whole with one line, at once', () => {
    const head = 'v=1&k=2&zz=';
    const atLimit = head + 'a'.repeat(MAX_LINK_CHARS - head.length);
    expect(atLimit.length).toBe(2_097_152);
    expect(decode(atLimit).config.arch).toEqual({ topK: 2 });
    // 134 MB: the fuzz suite's 2,000 copies of a 5,000-layer x.num_hidden_layers took 1.07 s.
    for (const query of [`${atLimit}a`, head + 'a'.repeat(64 * MAX_LINK_CHARS)]) {
      const { decoded, ms } = timedDecode(query);
      expect(decoded.config).toEqual(decode('').config);
      expect(decoded.warnings).toEqual([
        `the link is ${query.length.toLocaleString('en-US')} characters long, more than the 2,097,152 a browser carries; none of its settings is used, showing the default`,
      ]);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('finding 11: values quoted in a notice never carry bidirectional overrides', () => {
    const { warnings } = decode('v=1&m=%E2%80%AEgnp.exe&zz%E2%80%AE=1');
    expect(warnings.join('\n')).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(warnings.join('\n')).toContain('\\u202e');
  });
});
