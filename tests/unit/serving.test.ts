import { describe, expect, it } from 'vitest';
import {
  allToAllBytes,
  allToAllSeconds,
  ConfigError,
  countParams,
  defaultWeightPlan,
  estimateServing,
  expectedDistinctExperts,
  findDevice,
  keptTokens,
  kvBytesPerSequence,
  kvBytesPerToken,
  kvBytesPerTokenPerLayer,
  loadImbalance,
  meanAttendedTokens,
  parseHFConfig,
  parseTokenCount,
  resolveLayout,
  WEIGHT_FORMATS,
  weightBytes,
  weightFormatFromName,
  weightPlan,
  type ServingOptions,
} from '../../src/lib/core/index.ts';
import { run } from '../../src/cli/run.ts';
import { fixtureConfig, readJson } from './fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const gptOss20b = parseHFConfig(fixtureConfig('gpt-oss-20b'));
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
const h100 = findDevice('h100-sxm')!;

interface ServingCase {
  id: string;
  model: string;
  cli: string[];
  expect: Record<string, unknown>;
  source: string;
}

/** `[target, band]`: within +-band (a fraction) when band < 1, within a factor of band when >= 1. */
function expectApprox(value: number, [target, band]: [number, number], source: string) {
  if (band < 1) expect(Math.abs(value / target - 1), source).toBeLessThanOrEqual(band);
  else {
    expect(value, source).toBeGreaterThanOrEqual(target / band);
    expect(value, source).toBeLessThanOrEqual(target * band);
  }
}

function checkCase(c: ServingCase) {
  const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout);
  for (const [key, want] of Object.entries(c.expect)) {
    const band = want as [number, number];
    switch (key) {
      case 'kvBytesPerToken':
      case 'weightsBytes':
      case 'fits':
        expect(out[key], c.source).toBe(want);
        break;
      case 'kvBytesApprox':
        expectApprox(out.kvBytes, band, c.source);
        break;
      case 'weightsBytesApprox':
        expectApprox(out.weightsBytes, band, c.source);
        break;
      case 'decodeTokensPerSecondApprox':
        expectApprox(out.decode.tokensPerSecond, band, c.source);
        break;
      case 'decodeTokensPerSecondPerUserApprox':
        expectApprox(out.decode.tokensPerSecondPerUser, band, c.source);
        break;
      case 'prefillTokensPerSecondApprox':
        expectApprox(out.prefill.tokensPerSecond, band, c.source);
        break;
      case 'maxContextTokensAtLeast':
        expect(out.maxContextTokens, c.source).toBeGreaterThanOrEqual(want as number);
        break;
      default:
        throw new Error(`unknown expectation ${key} in ${c.id}`);
    }
  }
}

describe('published serving facts (tests/fixtures/serving-cases.json)', () => {
  const { cases } = readJson('serving-cases.json') as { cases: ServingCase[] };
  for (const c of cases) it(`${c.id}: ${JSON.stringify(c.expect)}`, () => checkCase(c));
});

describe('more published serving facts (tests/fixtures/more-serving-cases.json, quotes and sources inside)', () => {
  const { cases } = readJson('more-serving-cases.json') as { cases: ServingCase[] };
  for (const c of cases) it(`${c.id}: ${JSON.stringify(c.expect)}`, () => checkCase(c));
});

describe('weight formats', () => {
  it.each([
    ['bf16', 16],
    ['fp8', 8 + 32 / 16384], // DeepSeek-V3 report 3.3.2: FP32 scale per 128x128 block
    ['int4', 4.125], // FP16 scale per group of 128
    ['mxfp4', 4.25], // OCP MX v1.0: E8M0 scale per 32
    ['nvfp4', 4.5], // E4M3 scale per 16
    ['q8_0', 8.5], // ggml block_q8_0: 34 bytes / 32
    ['q6_k', 6.5625], // ggml block_q6_K: 210 bytes / 256
    ['q4_k_m', 4.8944], // llama.cpp tools/quantize/README.md, Llama-3.1-8B
  ] as const)('%s stores %f bits per parameter', (id, bits) => {
    expect(WEIGHT_FORMATS[id].bitsPerParam).toBeCloseTo(bits, 10);
  });

  it('weightBytes(Mixtral 8x7B, bf16) is 2 bytes per parameter: 93,405,585,408', () => {
    expect(weightBytes(countParams(mixtral).breakdown, weightPlan('bf16')).total).toBe(
      93_405_585_408,
    );
  });

  it('gpt-oss defaults to MXFP4 experts and BF16 for everything quantization_config leaves alone', () => {
    expect(defaultWeightPlan(gptOss20b)).toEqual({
      linear: 'bf16',
      experts: 'mxfp4',
      embeddings: 'bf16',
      unquantized: 'bf16',
    });
  });

  it('DeepSeek-V3 defaults to FP8 Linear layers with BF16 embeddings', () => {
    expect(defaultWeightPlan(deepseek)).toEqual({
      linear: 'fp8',
      experts: 'fp8',
      embeddings: 'bf16',
      unquantized: 'bf16',
    });
  });

  it('gpt-oss-120b with MXFP4 experts is 60.7 GiB (model card: 60.8 GiB checkpoint)', () => {
    const spec = parseHFConfig({
      ...fixtureConfig('gpt-oss-20b'),
      num_hidden_layers: 36,
      num_local_experts: 128,
    });
    const bytes = weightBytes(countParams(spec).breakdown, defaultWeightPlan(spec)).total;
    expect(bytes / 2 ** 30).toBeCloseTo(60.7, 1);
  });
});

describe('KV cache', () => {
  it('kvBytesPerTokenPerLayer: GQA stores K and V per KV head; MLA stores the latent and RoPE key once', () => {
    expect(kvBytesPerTokenPerLayer(scout.attention, 'bf16')).toBe(2 * 8 * 128 * 2);
    // ISCA'25 "Insights into DeepSeek-V3", Table 1: (512 + 64) x 2 bytes per layer
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'bf16')).toBe(1152);
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'fp8')).toBe(576);
  });

  it('keptTokens caps sliding and chunked layers in the hybrid layout only', () => {
    const sliding = { window: { kind: 'sliding', tokens: 128 }, rope: true } as const;
    expect(keptTokens(sliding, 1000, 'hybrid')).toBe(128);
    expect(keptTokens(sliding, 100, 'hybrid')).toBe(100);
    expect(keptTokens(sliding, 1000, 'full')).toBe(1000);
  });

  it('kvBytesPerSequence(Scout, 1M, hybrid): 12 global layers grow, 36 chunked layers hold one 8192 chunk', () => {
    // 12 x 4096 x 1e6 + 36 x 8192 x 4096 = 50,359,959,552 (serving-cases.json, scout-kv-hybrid)
    expect(kvBytesPerSequence(scout, 1_000_000, 'bf16', 'hybrid')).toBe(50_359_959_552);
    expect(kvBytesPerSequence(scout, 1_000_000, 'bf16', 'full')).toBe(196_608_000_000);
  });

  it('kvBytesPerToken counts only the layers that keep growing', () => {
    expect(kvBytesPerToken(scout, 'bf16', 'hybrid')).toBe(49_152);
    expect(kvBytesPerToken(gptOss20b, 'bf16', 'hybrid')).toBe(24_576);
    expect(kvBytesPerToken(gptOss20b, 'fp8', 'full')).toBe(24 * 2 * 8 * 64);
  });
});

describe('routing', () => {
  it("allToAllSeconds reproduces DeepSeek's example: 32 x 9 x 7000 x (1 + 2) bytes over 50 GB/s = 120.96 us", () => {
    // ISCA'25 "Insights into DeepSeek-V3", section 2.3.2
    const a = { tokens: 32, expertsPerToken: 9, hidden: 7000, dispatchBytes: 1, combineBytes: 2 };
    expect(allToAllBytes(a)).toBe(6_048_000);
    expect(allToAllSeconds(a, 50e9)).toBeCloseTo(120.96e-6, 12);
  });

  it('expectedDistinctExperts under uniform routing is E(1 - (1 - k/E)^B)', () => {
    expect(expectedDistinctExperts(16, 1, 1)).toBeCloseTo(1, 12);
    expect(expectedDistinctExperts(16, 1, 4)).toBeCloseTo(16 * (1 - (15 / 16) ** 4), 12);
    expect(expectedDistinctExperts(256, 8, 256)).toBeCloseTo(256 * (1 - (1 - 8 / 256) ** 256), 9);
  });

  it('skew concentrates tokens on fewer experts', () => {
    expect(expectedDistinctExperts(64, 4, 16, 1)).toBeLessThan(
      expectedDistinctExperts(64, 4, 16, 0),
    );
  });

  it('loadImbalance: one token, top-1 of 16: the busiest expert holds 1 token, 16 x the mean', () => {
    const l = loadImbalance(16, 1, 1, 0, 1.25);
    expect(l.meanLoad).toBeCloseTo(1 / 16, 12);
    expect(l.expectedMaxLoad).toBeCloseTo(1, 9);
    expect(l.capacityFactorForNoDrops).toBeCloseTo(16, 6);
    expect(l.droppedFraction).toBe(0); // capacity max(4, floor(1.25 / 16)) = 4 (DeepSpeed min_capacity)
  });

  it('loadImbalance at large batches approaches the mean plus a few standard deviations', () => {
    // 4096 tokens x top-8 over 256 experts: mean 128, sd ~11.1; E[max] of 256 ~ mean + 2.8 sd
    const l = loadImbalance(256, 8, 4096);
    expect(l.meanLoad).toBe(128);
    expect(l.expectedMaxLoad).toBeGreaterThan(128 + 2.3 * 11.1);
    expect(l.expectedMaxLoad).toBeLessThan(128 + 3.3 * 11.1);
    expect(l.droppedFraction).toBeLessThan(0.01);
    expect(loadImbalance(256, 8, 4096, 0, 1.0).droppedFraction).toBeGreaterThan(l.droppedFraction);
  });
});

describe('parallel layout', () => {
  it('defaults to one tensor-parallel group, or the largest that divides the heads', () => {
    expect(resolveLayout(scout, { devices: 8 })).toMatchObject({ tp: 8, ep: 1, pp: 1, dp: 1 });
    expect(resolveLayout(scout, { devices: 16 })).toMatchObject({ tp: 8, dp: 2 }); // 40 heads
    expect(resolveLayout(deepseek, { devices: 72, tp: 1, ep: 72 })).toMatchObject({
      dp: 72,
      expertShards: 72,
    });
  });

  it.each([
    [{ devices: 8, tp: 3 }, 'tp'],
    [{ devices: 8, tp: 16 }, 'tp'],
    [{ devices: 8, pp: 3 }, 'pp'],
    [{ devices: 8, ep: 5 }, 'ep'],
    [{ devices: 0 }, 'devices'],
  ])('%j is rejected, naming %s', (options, field) => {
    expect(() => resolveLayout(scout, options)).toThrow(ConfigError);
    try {
      resolveLayout(scout, options);
    } catch (e) {
      expect((e as ConfigError).field).toBe(field);
    }
  });
});

describe('estimateServing', () => {
  const base: ServingOptions = {
    device: h100,
    devices: 8,
    contextTokens: 131072,
    batch: 4,
    weights: 'bf16',
  };

  it('prefill attends to a growing context that stops growing past the window', () => {
    const chunked = { window: { kind: 'chunked', tokens: 8192 }, rope: true } as const;
    const global = { window: { kind: 'global' }, rope: true } as const;
    expect(meanAttendedTokens(global, 1000)).toBeCloseTo(500.5, 9);
    expect(meanAttendedTokens(chunked, 8192 * 100)).toBeCloseTo(4096.5, 9);
  });

  it('decode is memory-bound at batch 1 and costs more per token than at batch 64', () => {
    const one = estimateServing(scout, { ...base, batch: 1 });
    const many = estimateServing(scout, { ...base, batch: 64 });
    expect(one.decode.bound).toBe('memory');
    expect(many.decode.tokensPerSecond).toBeGreaterThan(one.decode.tokensPerSecond);
    expect(many.costPerMillionOutputTokens).toBeLessThan(one.costPerMillionOutputTokens);
  });

  it('cost per million output tokens is devices x $/hour / (tokens/s x 3600) x 1e6', () => {
    const e = estimateServing(scout, { ...base, usdPerDeviceHour: 2 });
    expect(e.costPerMillionOutputTokens).toBeCloseTo(
      ((8 * 2) / 3600 / e.decode.tokensPerSecond) * 1e6,
      9,
    );
  });

  it('rejects absurd values with a named field', () => {
    expect(() => estimateServing(scout, { ...base, batch: -1 })).toThrow(
      /batch: expected an integer from 1/,
    );
    expect(() => estimateServing(scout, { ...base, contextTokens: Number.NaN })).toThrow(/context/);
    expect(() => estimateServing(scout, { ...base, efficiency: { bandwidth: 2 } })).toThrow(
      /bandwidth efficiency/,
    );
  });
});

describe('parseTokenCount', () => {
  it.each([
    ['131072', 131072],
    ['128k', 131072],
    ['1M', 1_048_576],
    ['10M', 10_485_760],
    ['1_000_000', 1_000_000],
    ['1e6', 1_000_000],
  ])('%s is %i tokens', (text, tokens) => {
    expect(parseTokenCount(text)).toBe(tokens);
  });

  it.each(['', 'ten', '-5', '1.5', '0', '1T'])('%j is rejected', (text) => {
    expect(() => parseTokenCount(text)).toThrow(ConfigError);
  });
});

describe('weight format names', () => {
  it.each(['__proto__', 'constructor', 'toString'])('%j names no format', (name) => {
    expect(weightFormatFromName(name)).toBeNull();
  });
});
