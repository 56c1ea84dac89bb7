import { describe, expect, it } from 'vitest';
import {
  expectedDistinctExperts,
  expertHitProbability,
  expertPopularity,
  routerFlopsPerToken,
} from '../../../../src/lib/core/index.ts';

describe('expectedDistinctExperts', () => {
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

  it('expectedDistinctExperts(DeepSeek-V3: 256, top-8) is 8 at batch 1 and 255.9 at batch 256', () => {
    // The TSDoc of expectedDistinctExperts: 256 x (1 - (1 - 8/256)^256) = 255.92
    expect(expectedDistinctExperts(256, 8, 1)).toBeCloseTo(8, 9);
    expect(expectedDistinctExperts(256, 8, 256).toFixed(1)).toBe('255.9');
  });

  it('expectedDistinctExperts of no tokens is 0', () => {
    expect(expectedDistinctExperts(256, 8, 0)).toBe(0);
    expect(expectedDistinctExperts(256, 8, 0, 1)).toBe(0);
  });

  it('expectedDistinctExperts(8, top-8, 1 token) is 8: a token uses every expert', () => {
    expect(expectedDistinctExperts(8, 8, 1)).toBe(8);
  });

  it('expectedDistinctExperts(8, top-8, 3 tokens, skew 1.5) is 8: a token uses every expert', () => {
    expect(expectedDistinctExperts(8, 8, 3, 1.5)).toBeCloseTo(8, 9);
  });
});

describe('expertPopularity', () => {
  it('expertPopularity(4, 0) is uniform: 1/4 each', () => {
    expect([...expertPopularity(4, 0)]).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('expertPopularity(3, 1) is Zipf: 1, 1/2, 1/3 over 11/6 = 6/11, 3/11, 2/11', () => {
    const p = [...expertPopularity(3, 1)];
    [6 / 11, 3 / 11, 2 / 11].forEach((q, i) => expect(p[i]).toBeCloseTo(q, 15));
  });
});

describe('expertHitProbability', () => {
  it('expertHitProbability(4, 2, 0) is k/E = 1/2 for each expert', () => {
    expect([...expertHitProbability(4, 2, 0)]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  // Zipf 1 over 3: p = 6/11, 3/11, 2/11. 2 x 6/11 > 1, so expert 0 saturates at 1 and the other
  // k - 1 = 1 is shared by experts 1 and 2 as 3 : 2.
  it('expertHitProbability(3, 2, 1) saturates the popular expert and shares the rest: 1, 0.6, 0.4', () => {
    const q = [...expertHitProbability(3, 2, 1)];
    expect(q[0]).toBe(1);
    expect(q[1]).toBeCloseTo(0.6, 15);
    expect(q[2]).toBeCloseTo(0.4, 15);
  });
});

describe('expertHitProbability sums', () => {
  it('expertHitProbability(16, 8, 0) sums to k = 8: each token picks 8 experts', () => {
    expect([...expertHitProbability(16, 8, 0)].reduce((a, b) => a + b, 0)).toBeCloseTo(8, 12);
  });

  it('expertHitProbability(16, 8, 1) sums to k = 8: each token still picks 8 experts', () => {
    expect([...expertHitProbability(16, 8, 1)].reduce((a, b) => a + b, 0)).toBeCloseTo(8, 9);
  });
});

describe('routerFlopsPerToken', () => {
  it('routerFlopsPerToken(DeepSeek-V3: 7168, 256 experts) is 2 x 7168 x 256 = 3,670,016', () => {
    expect(routerFlopsPerToken(7168, 256)).toBe(3_670_016);
  });
});
