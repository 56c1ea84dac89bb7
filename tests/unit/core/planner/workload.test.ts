import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/lib/core/index.ts';
import {
  concurrency,
  lengthStats,
  queueWaitSeconds,
  resolveWorkload,
} from '../../../../src/lib/core/planner/workload.ts';

describe('lengthStats', () => {
  it.each([
    // one figure: every request has it
    [2000, { mean: 2000, max: 2000 }],
    // only a median: the quantile function is flat, so the mean is the median
    [{ 50: 1000 }, { mean: 1000, max: 1000 }],
    // by hand: 0.5 x 1000 + (1000 + 3000) / 2 x 0.5 = 1500
    [
      { 50: 1000, 100: 3000 },
      { mean: 1500, max: 3000 },
    ],
    // by hand: 0.5 x 1000 + 0.4 x 2500 + 0.09 x 6000 + 0.01 x 8000 = 2120
    [
      { 50: 1000, 90: 4000, 99: 8000 },
      { mean: 2120, max: 8000 },
    ],
  ])('reads %j as mean and largest %j', (lengths, expected) => {
    const got = lengthStats('input', lengths);
    expect(got.mean).toBeCloseTo(expected.mean, 9);
    expect(got.max).toBe(expected.max);
  });

  it.each([
    [0, /input: expected a whole number of tokens/],
    [1.5, /input: expected a whole number/],
    [{}, /input: expected a number of tokens, or at least one percentile/],
    [{ 150: 10 }, /input percentile: expected a percentile above 0/],
    [{ 50: 4000, 90: 1000 }, /input p90: expected at least p50's 4000 tokens/],
  ])('refuses %j, naming the field', (lengths, message) => {
    expect(() => lengthStats('input', lengths)).toThrow(ConfigError);
    expect(() => lengthStats('input', lengths)).toThrow(message);
  });
});

describe('resolveWorkload', () => {
  it('rounds the means, fits the longest prompt and answer, and turns a TPOT into tokens/s per user', () => {
    const w = resolveWorkload({
      inputTokens: { 50: 1000, 100: 3000 },
      outputTokens: 500,
      users: 64,
      targets: { tpotSeconds: 0.04, ttftSeconds: 2 },
    });
    expect(w).toMatchObject({
      inputTokens: 1500,
      outputTokens: 500,
      fitContextTokens: 3500,
      users: 64,
      rate: null,
      maxTtftSeconds: 2,
    });
    expect(w.minTokensPerSecondPerUser).toBeCloseTo(25, 9); // 1 / 0.04 s
  });

  it('rounds a mean to whole tokens', () => {
    // 0.5 x 1001 + 0.5 x (1001 + 1002) / 2 = 1001.25
    expect(
      resolveWorkload({ inputTokens: { 50: 1001, 100: 1002 }, outputTokens: 1 }).inputTokens,
    ).toBe(1001);
  });

  it('has no targets when none are given', () => {
    const w = resolveWorkload({ inputTokens: 100, outputTokens: 100 });
    expect(w.minTokensPerSecondPerUser).toBe(0);
    expect(w.maxTtftSeconds).toBe(Infinity);
  });

  it.each([
    [{ rate: 1, users: 2 }, /rate: expected either a request rate or a number of users/],
    [{ rate: -1 }, /rate: expected a number above 0/],
    [{ targets: { tpotSeconds: 0.1, tokensPerSecondPerUser: 10 } }, /tpot: expected either/],
    [{ targets: { ttftSeconds: 0 } }, /ttft: expected a number above 0/],
  ])('refuses %j', (extra, message) => {
    expect(() => resolveWorkload({ inputTokens: 100, outputTokens: 100, ...extra })).toThrow(
      message,
    );
  });
});

describe("Little's law and the M/D/1 queue", () => {
  it('puts rate x time in system requests in flight', () => {
    // L = λW: 2 requests/s x (0.5 s + 500 tokens / 25 tokens/s) = 41
    expect(concurrency(2, 0.5, 500, 25)).toBeCloseTo(41, 12);
  });

  it('waits ρS / 2(1 - ρ) in an M/D/1 queue, and forever at ρ ≥ 1', () => {
    expect(queueWaitSeconds(0.5, 0.1)).toBeCloseTo(0.05, 12);
    expect(queueWaitSeconds(0, 0.1)).toBe(0);
    expect(queueWaitSeconds(1, 0.1)).toBe(Infinity);
  });
});
