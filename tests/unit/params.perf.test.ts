import { describe, expect, it } from 'vitest';
import { countParams, parseHFConfig, presets } from '../../src/lib/core/index.ts';

/** Median wall time of `fn` in microseconds over `runs` runs, after a warm-up. */
function medianMicros(fn: () => void, runs = 2000): number {
  for (let i = 0; i < 200; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push((performance.now() - start) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

describe('countParams speed', () => {
  it('parses and counts the largest preset in a median under 50 microseconds', () => {
    const largest = presets
      .map((p) => ({ p, total: countParams(parseHFConfig(p.config)).total }))
      .sort((a, b) => b.total - a.total)[0]!.p;
    const micros = medianMicros(() => countParams(parseHFConfig(largest.config)));
    console.log(`parse + count ${largest.id}: median ${micros.toFixed(1)} µs`);
    expect(micros).toBeLessThan(50);
  });
});
