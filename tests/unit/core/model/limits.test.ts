import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyFieldEdits,
  applyOverrides,
  atMost,
  ConfigError,
  countParams,
  findPreset,
  LIMITS,
  parseHFConfig,
  presets,
  presetSpec,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import { checkLimit, fieldLimit, groupDigits } from '../../../../src/lib/core/model/limits.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

const preset = (id: string) => findPreset(id)!.config;

/** The elapsed wall time of `fn`, in milliseconds, and what it threw (if anything). */
function timed(fn: () => unknown): { ms: number; error: unknown } {
  const start = cpuNow();
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  return { ms: cpuNow() - start, error };
}

/** A small Mixtral-shaped config: every size far below its limit, so one can be raised alone. */
const tiny = {
  model_type: 'mixtral',
  num_hidden_layers: 2,
  hidden_size: 64,
  intermediate_size: 64,
  num_attention_heads: 8,
  num_key_value_heads: 8,
  head_dim: 8,
  num_local_experts: 8,
  num_experts_per_tok: 2,
  vocab_size: 1000,
  max_position_embeddings: 4096,
};

describe('LIMITS', () => {
  it('every limit is a safe integer with a comment that compares it with a released model', () => {
    const source = readFileSync(
      new URL('../../../../src/lib/core/model/limits.ts', import.meta.url),
      'utf8',
    );
    for (const id of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
      expect(Number.isSafeInteger(LIMITS[id])).toBe(true);
      expect(source).toMatch(new RegExp(`/\\*\\* \\d[^*]*x [^]*?\\*/\\s*${id}: `));
    }
  });

  it('every preset is within every limit: a real model never meets one', () => {
    for (const p of presets) {
      const s = presetSpec(p);
      expect(s.layers).toBeLessThanOrEqual(LIMITS.layers / 8);
      expect(s.hiddenSize).toBeLessThanOrEqual(LIMITS.hiddenSize / 2);
      expect(s.vocabSize).toBeLessThanOrEqual(LIMITS.vocabSize / 2);
      expect(s.moe?.experts ?? 0).toBeLessThanOrEqual(LIMITS.experts / 100);
      expect(s.moe?.topK ?? 0).toBeLessThanOrEqual(LIMITS.topK / 6);
      expect(s.maxContextTokens ?? 0).toBeLessThanOrEqual(LIMITS.contextTokens / 16);
    }
  });

  it.each([
    ['num_hidden_layers', 'layers'],
    ['text_config.hidden_size', 'hiddenSize'],
    ['ffn_config.moe_num_experts', 'experts'],
    ['mlp_only_layers[3]', 'layers'],
    ['num_nextn_predict_layers', 'mtpModules'],
    ['rope_theta', null],
  ])('fieldLimit(%j) is %s', (path, id) => {
    expect(fieldLimit(path)).toBe(id);
  });

  it('atMost names the bound with grouped digits', () => {
    expect(groupDigits(1_048_576)).toBe('1,048,576');
    expect(atMost('layers')).toBe('at most 4,096');
    expect(atMost(null)).toMatch(/^at most 9,007,199,254,740,991 \(2\^53/);
    expect(() => checkLimit('devices', LIMITS.devices, 'devices')).not.toThrow();
    expect(configErrorOf(() => checkLimit('devices', 1e12, 'devices')).message).toBe(
      'devices: expected at most 1,048,576, got 1000000000000',
    );
  });
});

/** [config.json field, its limit, other fields it needs to be valid at that size]. */
const AT_LIMIT: [string, number, Record<string, unknown>][] = [
  ['num_hidden_layers', LIMITS.layers, {}],
  ['hidden_size', LIMITS.hiddenSize, {}],
  ['intermediate_size', LIMITS.intermediateSize, {}],
  ['vocab_size', LIMITS.vocabSize, {}],
  ['num_attention_heads', LIMITS.heads, {}],
  ['num_key_value_heads', LIMITS.heads, { num_attention_heads: LIMITS.heads }],
  ['head_dim', LIMITS.headDim, {}],
  ['num_local_experts', LIMITS.experts, {}],
  ['num_experts_per_tok', LIMITS.topK, { num_local_experts: LIMITS.topK }],
  ['max_position_embeddings', LIMITS.contextTokens, {}],
  ['sliding_window', LIMITS.contextTokens, {}],
];

describe('limits at the edge (parseHFConfig)', () => {
  it.each(AT_LIMIT)('%s at its limit (%i) parses and counts, fast', (field, limit, extra) => {
    let spec: ModelSpec | null = null;
    const { ms, error } = timed(() => {
      spec = parseHFConfig({ ...tiny, ...extra, [field]: limit });
      countParams(spec);
    });
    expect(error).toBeNull();
    expect(spec).not.toBeNull();
    expect(ms).toBeLessThan(1000);
  });

  it.each(AT_LIMIT)(
    '%s one beyond its limit (%i) is refused, naming the field, the value and the limit',
    (field, limit, extra) => {
      const error = configErrorOf(() => parseHFConfig({ ...tiny, ...extra, [field]: limit + 1 }));
      expect(error.field).toBe(field);
      expect(error.message).toContain(String(limit + 1));
      expect(error.message).toContain(`at most ${groupDigits(limit)}`);
    },
  );

  it.each([
    ['n_shared_experts', LIMITS.sharedExperts],
    ['num_nextn_predict_layers', LIMITS.mtpModules],
  ])('DeepSeek-V3 with %s at its limit (%i) counts; one more is refused', (field, limit) => {
    const at = parseHFConfig({ ...preset('deepseek-v3'), [field]: limit });
    expect(Number.isSafeInteger(countParams(at).total + countParams(at).mtp)).toBe(true);
    const error = configErrorOf(() =>
      parseHFConfig({ ...preset('deepseek-v3'), [field]: limit + 1 }),
    );
    expect(error.field).toBe(field);
    expect(error.message).toContain(`at most ${limit}`);
  });

  it('finding 2: 1e9 routed experts are refused at the edge, fast', () => {
    // ?v=1&m=mixtral-8x7b&x.num_local_experts=1000000000&x.hidden_size=64&... froze the tab for 160 s.
    const json = applyFieldEdits(preset('mixtral-8x7b'), [
      ['num_local_experts', 1e9],
      ['hidden_size', 64],
      ['intermediate_size', 1],
      ['num_attention_heads', 8],
      ['num_key_value_heads', 8],
      ['num_hidden_layers', 1],
    ]);
    const { ms, error } = timed(() => parseHFConfig(json));
    expect(ms).toBeLessThan(100);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'num_local_experts: expected at most 65,536, got 1000000000',
    );
  });

  it.each([1e5, 1e6, 1e9])(
    'finding 2 and finding 1: %i layers are refused at the edge, fast (no "Invalid array length")',
    (layers) => {
      for (const id of ['llama4-scout', 'mixtral-8x7b']) {
        const config = preset(id);
        const edits: [string, number][] = [
          [id === 'llama4-scout' ? 'text_config.num_hidden_layers' : 'num_hidden_layers', layers],
        ];
        const { ms, error } = timed(() => parseHFConfig(applyFieldEdits(config, edits)));
        expect(ms).toBeLessThan(100);
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toContain(`got ${layers}`);
        expect((error as ConfigError).message).toContain('at most 4,096');
      }
    },
  );

  it('finding 1: x.vocab_size=1e15 on Mixtral is refused at the edge, naming vocab_size', () => {
    const json = applyFieldEdits(preset('mixtral-8x7b'), [['vocab_size', 1e15]]);
    const error = configErrorOf(() => parseHFConfig(json));
    expect(error.field).toBe('vocab_size');
    expect(error.message).toContain('at most 1,048,576');
  });

  it('finding 8: num_nextn_predict_layers=1e9 is refused, not counted above 2^53', () => {
    const error = configErrorOf(() =>
      parseHFConfig({ ...preset('deepseek-v3'), num_nextn_predict_layers: 1e9 }),
    );
    expect(error.field).toBe('num_nextn_predict_layers');
    expect(error.message).toContain('got 1000000000');
  });
});

describe('limits on the architecture edits (applyOverrides)', () => {
  const scout = presetSpec(findPreset('llama4-scout')!);

  it.each([
    ['layers', LIMITS.layers],
    ['hiddenSize', LIMITS.hiddenSize],
    ['experts', LIMITS.experts],
    ['topK', LIMITS.topK],
    ['sharedExperts', LIMITS.sharedExperts],
    ['expertFfn', LIMITS.intermediateSize],
    ['kvHeads', LIMITS.heads],
    ['headDim', LIMITS.headDim],
  ])('an edit of %s beyond its limit (%i) is refused, naming the limit, fast', (field, limit) => {
    const { ms, error } = timed(() => applyOverrides(scout, { [field]: limit + 1 }));
    expect(ms).toBeLessThan(100);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as ConfigError).message).toContain(`at most ${groupDigits(limit)}`);
  });

  it('finding 2: 1e9 experts typed into the explorer are refused in well under 100 ms', () => {
    const { ms, error } = timed(() => applyOverrides(scout, { experts: 1e9, layers: 1e9 }));
    expect(ms).toBeLessThan(100);
    expect(error).toBeInstanceOf(ConfigError);
  });

  it('Scout at 4,096 layers (the limit) still counts, fast', () => {
    const { ms, error } = timed(() => countParams(applyOverrides(scout, { layers: 4096 })));
    expect(error).toBeNull();
    expect(ms).toBeLessThan(1000);
  });
});
