import { describe, expect, it } from 'vitest';
import {
  expertCapacity,
  loadImbalance,
  MIN_EXPERT_CAPACITY,
  normalCdf,
} from '../../../../src/lib/core/index.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

describe('loadImbalance', () => {
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

  it('loadImbalance of no tokens is all zero, with a capacity factor of 1 for no drops', () => {
    expect(loadImbalance(64, 4, 0)).toEqual({
      meanLoad: 0,
      expectedMaxLoad: 0,
      capacityFactorForNoDrops: 1,
      droppedFraction: 0,
      capacityFactor: 1.25,
    });
  });

  it('loadImbalance with top-k of all experts: every expert gets every token, nothing above the mean', () => {
    // q_i = min(1, 8 x 1/8) = 1: each of 8 experts holds exactly the 100 tokens
    const l = loadImbalance(8, 8, 100);
    expect(l.meanLoad).toBe(100);
    expect(l.expectedMaxLoad).toBe(100);
    expect(l.capacityFactorForNoDrops).toBe(1);
    expect(l.droppedFraction).toBe(0);
  });

  it('loadImbalance(16, top-8, 1024 tokens, skew 1).meanLoad is tokens x k / experts = 512', () => {
    expect(loadImbalance(16, 8, 1024, 1).meanLoad).toBeCloseTo(512, 6);
  });

  it('loadImbalance under skew puts more on the busiest expert than uniform routing', () => {
    const uniform = loadImbalance(64, 4, 512, 0);
    const skewed = loadImbalance(64, 4, 512, 1);
    expect(skewed.meanLoad).toBeCloseTo(uniform.meanLoad, 9);
    expect(skewed.expectedMaxLoad).toBeGreaterThan(uniform.expectedMaxLoad);
    expect(skewed.droppedFraction).toBeGreaterThan(uniform.droppedFraction);
  });
});

describe('expertCapacity', () => {
  it.each([
    [1.25, 1 / 16, 4], // max(4, floor(0.078)): DeepSpeed-MoE min_capacity
    [1.25, 128, 160], // floor(1.25 x 128)
    [1.0, 62.5, 62],
  ])('expertCapacity(%d, %d) is %i', (factor, mean, capacity) => {
    expect(expertCapacity(factor, mean)).toBe(capacity);
  });

  it("MIN_EXPERT_CAPACITY is DeepSpeed-MoE's min_capacity default, 4", () => {
    expect(MIN_EXPERT_CAPACITY).toBe(4);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.975002], // standard normal table
    [-1.96, 0.024998],
    [1, 0.841345],
  ])('normalCdf(%d) is %d within 1.5e-7 (Abramowitz and Stegun 7.1.26)', (z, p) => {
    expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1.5e-7 + 5e-7);
  });
});

describe('loadImbalance at scale', () => {
  it.each([0.01, 0.5, 2])(
    'finding 2: loadImbalance of 65,536 experts, top-1, 2^30 tokens, skew %f takes under a second',
    (skew) => {
      const start = cpuNow();
      const l = loadImbalance(65_536, 1, 2 ** 30, skew);
      expect(cpuNow() - start).toBeLessThan(1000);
      expect(l.expectedMaxLoad).toBeGreaterThanOrEqual(l.meanLoad);
    },
  );

  it('grouping alike experts moves the expected maximum by under 0.01%: nearly uniform 512 experts vs uniform', () => {
    // Skew 1e-6 makes every expert's chance differ by under 1e-5 of the mean: all are one group.
    const nearly = loadImbalance(512, 8, 4096, 1e-6);
    const uniform = loadImbalance(512, 8, 4096, 0);
    expect(Math.abs(nearly.expectedMaxLoad / uniform.expectedMaxLoad - 1)).toBeLessThan(1e-4);
    expect(Math.abs(nearly.droppedFraction - uniform.droppedFraction)).toBeLessThan(1e-4);
  });
});
