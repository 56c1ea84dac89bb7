import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  logSpace,
  memoryVsContext,
  resolveExplorer,
  speedVsBatch,
} from '../../../../src/lib/core/index.ts';

describe('serving curves', () => {
  const r = resolveExplorer(defaultConfig());
  const d = r.resolved!.deployment;

  it('memoryVsContext: both layouts, the full one never below the hybrid one, fit limits as in the estimate', () => {
    const contexts = logSpace(1024, 10 * 2 ** 20, 12);
    const [hybrid, full] = memoryVsContext(d, 1, contexts);
    expect(hybrid!.layout).toBe('hybrid');
    hybrid!.points.forEach((p, i) =>
      expect(full!.points[i]!.bytes).toBeGreaterThanOrEqual(p.bytes),
    );
    expect(hybrid!.fitLimitTokens).toBe(r.serving!.maxContextTokens);
    expect(full!.fitLimitTokens).toBeLessThan(hybrid!.fitLimitTokens);
  });

  it('memoryVsContext: both curves pass through both fit limits inside the range, sorted, the inputs untouched', () => {
    const contexts = [1024, 1e7, 1e5];
    const [hybrid, full] = memoryVsContext(d, 1, contexts);
    expect(contexts).toEqual([1024, 1e7, 1e5]);
    const xs = [1024, 1e5, full!.fitLimitTokens, hybrid!.fitLimitTokens, 1e7];
    expect(hybrid!.points.map((p) => p.contextTokens)).toEqual(xs);
    expect(full!.points.map((p) => p.contextTokens)).toEqual(xs);
    const budget = r.serving!.deviceBudgetBytes;
    expect(hybrid!.points[3]!.bytes).toBeLessThanOrEqual(budget);
    expect(full!.points[2]!.bytes).toBeLessThanOrEqual(budget);
  });

  it('memoryVsContext: one curve, the chosen layout’s, where no layer has a window (DeepSeek-V3)', () => {
    const full = resolveExplorer({
      ...defaultConfig('deepseek-v3'),
      deployment: { ...defaultConfig('deepseek-v3').deployment, kvLayout: 'full' },
    });
    const dv3 = full.resolved!.deployment;
    const curves = memoryVsContext(dv3, 1, [1024, 1e5, 1e7]);
    expect(curves.map((c) => c.layout)).toEqual(['full']);
    expect(curves[0]!.fitLimitTokens).toBe(full.serving!.maxContextTokens);
    // The hybrid layout would keep the same tokens on every layer: the same bytes.
    const hybrid = resolveExplorer(defaultConfig('deepseek-v3')).serving!;
    expect(hybrid.kvLayouts.hybrid).toEqual(hybrid.kvLayouts.full);
  });

  it('speedVsBatch: throughput grows with the batch, cost per token falls, fit ends at maxBatch', () => {
    const points = speedVsBatch(
      d,
      131072,
      [1, 8, 64, 512],
      r.resolved!.efficiency,
      r.resolved!.routing,
      2.69,
    );
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.tokensPerSecond).toBeGreaterThan(points[i - 1]!.tokensPerSecond);
      expect(points[i]!.costPerMillionOutputTokens).toBeLessThan(
        points[i - 1]!.costPerMillionOutputTokens,
      );
    }
    expect(points.map((p) => p.fits)).toEqual([1, 8, 64, 512].map((b) => b <= r.serving!.maxBatch));
  });

  it('speedVsBatch: a point is host-bound where the launches outlast the device’s work (piecewise CUDA graphs)', () => {
    const at = (launchSecondsPerLayer: number) =>
      speedVsBatch(
        d,
        131072,
        [1, 512],
        { ...r.resolved!.efficiency, launchSecondsPerLayer },
        r.resolved!.routing,
        2.69,
      ).map((p) => p.hostBound);
    expect(at(0)).toEqual([false, false]);
    // Scout's 48 layers x 384 us = 18.4 ms: longer than its batch-1 step on 8 x H100 (7 ms, 142
    // tokens/s), shorter than its batch-512 one.
    expect(at(384e-6)).toEqual([true, false]);
  });

  it('logSpace spans its ends without repeats', () => {
    const xs = logSpace(1, 4096, 30);
    expect(xs[0]).toBe(1);
    expect(xs.at(-1)).toBe(4096);
    expect(new Set(xs).size).toBe(xs.length);
  });
});

describe('logSpace', () => {
  it.each([
    [1, 8, 4, [1, 2, 4, 8]], // 2^0 .. 2^3
    [1, 3, 5, [1, 2, 3]], // 1, 1.32, 1.73, 2.28, 3 rounded; repeats dropped
    [10, 1000, 3, [10, 100, 1000]],
  ])('logSpace(%i, %i, %i) is %j', (min, max, count, points) => {
    expect(logSpace(min, max, count)).toEqual(points);
  });
});
