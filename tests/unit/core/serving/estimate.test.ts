import { describe, expect, it } from 'vitest';
import {
  countParams,
  estimateServing,
  findDevice,
  kvBytesPerSequence,
  parseHFConfig,
  resolveServing,
  weightBytes,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const llama8b = parseHFConfig(fixtureConfig('llama3.1-8b'));
const h100 = findDevice('h100-sxm')!;

// The published serving facts (tests/fixtures/serving-cases.json) are checked end to end, through
// the CLI, in ../published-serving-facts.test.ts.
describe('estimateServing', () => {
  const base: ServingOptions = {
    device: h100,
    devices: 8,
    contextTokens: 131072,
    batch: 4,
    weights: 'bf16',
  };

  it('decode costs more per token at batch 1 than at batch 64, and says what each waits on', () => {
    const one = estimateServing(scout, { ...base, batch: 1 });
    const many = estimateServing(scout, { ...base, batch: 64 });
    // Batch 1 on 8 devices: each reads 1/8 of the weights (2.4 ms at 0.7 of 3.35 TB/s) while its
    // 48 layers launch 17 kernels each at 5 us (4.08 ms, kernels.ts): the fixed time is the most.
    expect(one.decode.overheadSeconds).toBeCloseTo(48 * 17 * 5e-6, 9);
    expect(one.decode.bound).toBe('overhead');
    // Batch 64 at 131,072 tokens reads 64 KV caches: bytes are the most.
    expect(many.decode.bound).toBe('memory');
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

  it('estimateServing(Scout, BF16) weighs 2 bytes per parameter: 217,283,587,072 B', () => {
    // 108,641,793,536 parameters (expected-params.json) x 2 B
    expect(estimateServing(scout, base).weightsBytes).toBe(217_283_587_072);
  });

  it('kvBytes is batch x kvBytesPerSequence, in 16-token blocks', () => {
    const e = estimateServing(scout, base);
    expect(e.kvBytesPerSequence).toBe(kvBytesPerSequence(scout, 131072, 'bf16', 'hybrid', 16));
    expect(e.kvBytes).toBe(4 * e.kvBytesPerSequence);
    expect(e.kvLayouts.hybrid.kvBytes).toBe(e.kvBytes);
    expect(e.kvLayouts.full.kvBytes).toBeGreaterThan(e.kvLayouts.hybrid.kvBytes);
  });

  it("totalBytes is the weights, the KV cache and every device's activation workspace", () => {
    const r = resolveServing(scout, base);
    const e = estimateServing(scout, base);
    expect(e.totalBytes).toBe(e.weightsBytes + e.kvBytes + 8 * r.deployment.activationBytes);
  });

  it('fits is whether the busiest device stays within memory x utilization', () => {
    const e = estimateServing(scout, base);
    expect(e.deviceBudgetBytes).toBe(Math.floor(e.deviceBytes * 0.9));
    expect(e.fits).toBe(e.perDeviceBytes <= e.deviceBudgetBytes);
    expect(e.fits).toBe(true);
    expect(estimateServing(scout, { ...base, devices: 1, tp: 1 }).fits).toBe(false);
  });

  it('cost per million input tokens is devices x $/hour / (prefill tokens/s x 3600) x 1e6', () => {
    const e = estimateServing(scout, { ...base, usdPerDeviceHour: 2 });
    expect(e.costPerMillionInputTokens).toBeCloseTo(
      ((8 * 2) / 3600 / e.prefill.tokensPerSecond) * 1e6,
      9,
    );
  });

  it('estimateServing of a dense model has no router FLOPs, all-to-all or imbalance', () => {
    const e = estimateServing(llama8b, { ...base, devices: 1 });
    expect(e.routing).toEqual({
      routerFlopsPerToken: 0,
      allToAllBytesPerLayer: 0,
      allToAllSecondsPerLayer: 0,
      imbalance: null,
    });
  });

  it('estimateServing(Scout) router FLOPs per token per layer are 2 x 5120 x 16', () => {
    expect(estimateServing(scout, base).routing.routerFlopsPerToken).toBe(2 * 5120 * 16);
  });

  it('an explicit count is used as given (the explorer passes the one it already has)', () => {
    const count = countParams(scout);
    expect(estimateServing(scout, base, count).weightsBytes).toBe(
      weightBytes(count.breakdown, resolveServing(scout, base).deployment.plan).total,
    );
  });
});

describe('estimateServing decodeAt', () => {
  const options: ServingOptions = {
    device: h100,
    devices: 8,
    contextTokens: 131072,
    batch: 4,
    weights: 'bf16',
  };

  it('prices batch 1 and the largest batch that fits exactly as the estimate at those batches', () => {
    const at4 = estimateServing(scout, options);
    const one = estimateServing(scout, { ...options, batch: 1 });
    const largest = estimateServing(scout, { ...options, batch: at4.maxBatch });
    expect(at4.decodeAt.batchOne.costPerMillionOutputTokens).toBe(one.costPerMillionOutputTokens);
    expect(at4.decodeAt.batchOne.tokensPerSecond).toBe(one.decode.tokensPerSecond);
    expect(at4.decodeAt.maxBatch).toEqual({
      batch: at4.maxBatch,
      tokensPerSecond: largest.decode.tokensPerSecond,
      tokensPerSecondPerUser: largest.decode.tokensPerSecondPerUser,
      costPerMillionOutputTokens: largest.costPerMillionOutputTokens,
    });
    // Batching amortizes the weights: the largest batch is the cheaper end.
    expect(at4.decodeAt.maxBatch!.costPerMillionOutputTokens).toBeLessThan(
      at4.decodeAt.batchOne.costPerMillionOutputTokens,
    );
  });

  it('has no largest-batch point when nothing fits', () => {
    const tiny = estimateServing(scout, { ...options, devices: 1 });
    expect(tiny.fits).toBe(false);
    expect(tiny.decodeAt.maxBatch).toBeNull();
  });
});
