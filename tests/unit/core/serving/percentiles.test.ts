import { describe, expect, it } from 'vitest';
import { LatencySample } from '../../../../src/lib/core/index.ts';

const sample = (...values: number[]) => {
  const s = new LatencySample();
  for (const v of values) s.add(v);
  return s.percentiles();
};

describe('LatencySample', () => {
  it('reads the median and the 99th percentile as NumPy’s default does', () => {
    // np.median([4, 1, 3, 2]) = 2.5; np.percentile([4, 1, 3, 2], 99): rank 0.99 x 3 = 2.97,
    // 3 + 0.97 x (4 - 3) = 3.97.
    const p = sample(4, 1, 3, 2);
    expect(p.median).toBeCloseTo(2.5, 12);
    expect(p.p99).toBeCloseTo(3.97, 12);
    // An odd count's median is its middle value; one value is every percentile.
    expect(sample(9, 1, 5).median).toBe(5);
    expect(sample(7)).toEqual({ median: 7, p99: 7 });
  });

  it('reads a weighted value as that many equal values', () => {
    const weighted = new LatencySample();
    weighted.add(1);
    weighted.add(2);
    weighted.add(10, 2);
    // Ranks 0..3 read 1, 2, 10, 10: the median is (2 + 10) / 2, rank 2.97 is 10.
    expect(weighted.percentiles()).toEqual({ median: 6, p99: 10 });
    expect(weighted.percentiles()).toEqual(sample(1, 2, 10, 10));
    // A weight of 0 adds nothing.
    weighted.add(100, 0);
    expect(weighted.percentiles()).toEqual({ median: 6, p99: 10 });
  });

  it('reads 0 of an empty sample, as the benchmarks’ np.median(x or 0)', () => {
    expect(new LatencySample().percentiles()).toEqual({ median: 0, p99: 0 });
  });

  it('puts the 99th percentile of 100 requests a hundredth of the way from the 99th to the 100th', () => {
    // 1 .. 100 s: rank 0.99 x 99 = 98.01, between 99 and 100.
    const p = sample(...Array.from({ length: 100 }, (_, i) => i + 1));
    expect(p.median).toBeCloseTo(50.5, 12);
    expect(p.p99).toBeCloseTo(99.01, 12);
  });
});
