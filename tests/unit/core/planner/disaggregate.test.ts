import { beforeAll, describe, expect, it } from 'vitest';
import { findDevice, loadAll, queueWaitSeconds } from '../../../../src/lib/core/index.ts';
import {
  bestPools,
  bestUnit,
  kvTransferSeconds,
  POOL_RATIOS,
} from '../../../../src/lib/core/planner/disaggregate.ts';
import type { PrefillPool, ScoredPoint } from '../../../../src/lib/core/planner/score.ts';
import type { LayoutCandidate } from '../../../../src/lib/core/planner/space.ts';
import { resolveWorkload } from '../../../../src/lib/core/planner/workload.ts';

beforeAll(loadAll);

const layout = (gpus: number): LayoutCandidate => ({
  device: findDevice('h200')!,
  gpus,
  tp: gpus,
  ep: 1,
  pp: 1,
  weights: null,
  expertWeights: null,
  kvDtype: 'bf16',
});

describe('kvTransferSeconds', () => {
  it('sends over NVLink inside a node and over the network past it', () => {
    const h200 = findDevice('h200')!;
    expect(kvTransferSeconds(h200, 1e9, 8)).toBeCloseTo(1e9 / h200.scaleUpBytesPerSecond, 15);
    expect(kvTransferSeconds(h200, 1e9, 16)).toBeCloseTo(1e9 / h200.scaleOutBytesPerSecond, 15);
  });
});

describe('bestPools', () => {
  it('keeps the fastest pool of each size', () => {
    const pools: PrefillPool[] = [
      { layout: layout(8), tokensPerSecond: 50_000, aloneSeconds: 0.1 },
      { layout: { ...layout(8), tp: 4 }, tokensPerSecond: 60_000, aloneSeconds: 0.2 },
      { layout: layout(16), tokensPerSecond: 90_000, aloneSeconds: 0.1 },
    ];
    expect(bestPools(pools).map((p) => p.tokensPerSecond)).toEqual([60_000, 90_000]);
  });
});

describe('bestUnit', () => {
  // 8 GPUs decoding 64 sequences at 20 ms a step: 3,200 tokens/s; 1k in, 1k out
  const point: ScoredPoint = {
    layout: layout(8),
    batch: 64,
    outputTokensPerSecond: 2500,
    tokensPerSecondPerUser: 39,
    ttftSeconds: 0.3,
    decodeStepSeconds: 0.02,
  };
  const pool: PrefillPool = { layout: layout(8), tokensPerSecond: 40_000, aloneSeconds: 0.05 };

  it('decodes without prefill pauses and sizes the prefill pool to keep up', () => {
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const tried = { count: 0 };
    const unit = bestUnit(1e8, point, [pool], w, tried)!;
    expect(tried.count).toBe(POOL_RATIOS.length);
    expect(unit.tokensPerSecondPerUser).toBeCloseTo(50, 12); // 1 / 20 ms
    // The most output per GPU that keeps ρ < 1: 8 decode replicas need 25,600 prompt tokens/s of 40,000
    expect(unit.prefill).toMatchObject({ replicas: 1, decodeReplicas: 8 });
    expect(unit.unitGpus).toBe(72);
    expect(unit.outputTokensPerSecond).toBeCloseTo(8 * 3200, 9);
    const load = 25_600 / 40_000;
    const ttft =
      0.05 +
      queueWaitSeconds(load, 1024 / 40_000) +
      1e8 / findDevice('h200')!.scaleOutBytesPerSecond +
      0.01;
    expect(unit.ttftSeconds).toBeCloseTo(ttft, 12);
  });

  it('takes a shorter first token over more output when the output-best misses the TTFT target', () => {
    const w = resolveWorkload({
      inputTokens: 1024,
      outputTokens: 1024,
      targets: { ttftSeconds: 0.08 },
    });
    const unit = bestUnit(1e8, point, [pool], w, { count: 0 })!;
    expect(unit.ttftSeconds).toBeLessThanOrEqual(0.08);
    // 1:8 waits 0.0228 s in the queue (ρ 0.64): 0.085 s; 1:4 (ρ 0.32) waits 0.006 s: 0.068 s
    expect(unit.prefill.decodeReplicas).toBe(4);
  });

  it('is null when no ratio keeps up with the decode rate', () => {
    const w = resolveWorkload({ inputTokens: 100_000, outputTokens: 10 });
    expect(bestUnit(1e8, point, [pool], w, { count: 0 })).toBeNull();
  });
});
