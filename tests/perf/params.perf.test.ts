import { describe, expect, it } from 'vitest';
import { countParams, parseHFConfig, presets } from '../../src/lib/core/index.ts';

/**
 * Median wall time of one call of `fn`, in microseconds: the median over `runs` batches of 50
 * calls each (a batch smooths timer resolution; the median ignores GC pauses and other load).
 */
function medianMicros(fn: () => void, runs = 200, batch = 50): number {
  for (let i = 0; i < 500; i++) fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push(((performance.now() - start) * 1000) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

describe('countParams speed', () => {
  const largest = presets
    .map((p) => ({ p, total: countParams(parseHFConfig(p.config)).total }))
    .sort((a, b) => b.total - a.total)[0]!.p;

  it('counts the largest preset in a median under 50 microseconds', () => {
    const spec = parseHFConfig(largest.config);
    const count = medianMicros(() => countParams(spec));
    const parseAndCount = medianMicros(() => countParams(parseHFConfig(largest.config)));
    console.log(
      `${largest.id}: countParams median ${count.toFixed(1)} µs; parseHFConfig + countParams ${parseAndCount.toFixed(1)} µs`,
    );
    expect(count).toBeLessThan(50);
  });
});
