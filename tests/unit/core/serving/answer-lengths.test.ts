import { describe, expect, it } from 'vitest';
import {
  answerLengths,
  arrivalTimes,
  inFlightAnswerTokens,
} from '../../../../src/lib/core/index.ts';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('answerLengths', () => {
  it('puts the answers at the quantiles (i + 0.5) / n of the range, rounded: 4 over [1, 7] are 2, 3, 5, 6', () => {
    // 1 + 6 x 0.125 = 1.75, 1 + 6 x 0.375 = 3.25, 4.75, 6.25: mean 4, the range's.
    expect(sorted(answerLengths({ prompts: 4, outputMin: 1, outputMax: 7 }))).toEqual([2, 3, 5, 6]);
  });

  it('orders them the same way every time, not by length', () => {
    const shape = { prompts: 500, outputMin: 1, outputMax: 999 };
    const lengths = answerLengths(shape);
    expect(answerLengths(shape)).toEqual(lengths);
    expect(lengths).not.toEqual(sorted(lengths));
    expect(lengths.reduce((a, b) => a + b, 0) / 500).toBeCloseTo(500, 0);
  });

  it('gives every answer the one length when the range is a point', () => {
    expect(answerLengths({ prompts: 3, outputMin: 8, outputMax: 8 })).toEqual([8, 8, 8]);
  });
});

describe('answerLengths with an exponential spread', () => {
  // vllm bench serve's ShareGPT sample: answers of 4 tokens or more, prompt and answer 2,048 at
  // most, a mean of about 198 (finite-run.ts `OutputSpread`).
  const shareGpt = {
    prompts: 1000,
    outputMin: 4,
    outputMax: 2044,
    spread: 'exponential',
    outputMean: 198,
  } as const;
  const lengths = sorted(answerLengths(shareGpt));

  it('has the mean asked for, within a token', () => {
    expect(Math.abs(lengths.reduce((a, b) => a + b, 0) / 1000 - 198)).toBeLessThan(1);
  });

  it('is long-tailed: median 137, longest 1,505 (hand-derived: scale 198 x ln 2 and x ln 2,000)', () => {
    // The floor of 4 adds under 0.05 to the mean, so the scale is 197.96: the 500th quantile
    // (0.4995) is 197.96 x -ln(0.5005) = 137.0, the last (0.9995) 197.96 x ln(2000) = 1,504.7.
    expect(lengths[499]).toBe(137);
    expect(lengths[999]).toBe(1505);
    expect(lengths[0]).toBe(4);
  });

  it('holds the answers within [outputMin, outputMax]', () => {
    const capped = sorted(answerLengths({ ...shareGpt, outputMax: 1000 }));
    expect(capped[999]).toBe(1000);
    expect(Math.abs(capped.reduce((a, b) => a + b, 0) / 1000 - 198)).toBeLessThan(1);
  });

  it('gives every answer the one length when the range is a point', () => {
    const point = { prompts: 3, outputMin: 8, outputMax: 8, spread: 'exponential' as const };
    expect(answerLengths({ ...point, outputMean: 8 })).toEqual([8, 8, 8]);
  });
});

describe('arrivalTimes', () => {
  it('sends the first request at once and the next after a gap: 2 at 1 a second are at 0 and ln 4', () => {
    // The gaps are the exponential quantiles 0.25 and 0.75 of mean 1 s: -ln 0.75 = 0.288 and
    // -ln 0.25 = 1.386; the fixed shuffle puts the longer first.
    const [first, second] = arrivalTimes(2, 1);
    expect(first).toBe(0);
    expect(second).toBeCloseTo(Math.log(4), 12);
  });

  it('spaces 1,000 requests at 4 a second by a mean gap of 0.25 s, within 1%, in order', () => {
    const times = arrivalTimes(1000, 4);
    expect(times).toHaveLength(1000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
    expect(times[999]! / 999).toBeCloseTo(0.25, 2);
  });

  it('has bursts and lulls, as Poisson arrivals do: gaps from under a tenth to over 3 times the mean', () => {
    const times = arrivalTimes(1000, 1);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeLessThan(0.1);
    expect(Math.max(...gaps)).toBeGreaterThan(3);
  });

  it('is the same every time', () => {
    expect(arrivalTimes(50, 3)).toEqual(arrivalTimes(50, 3));
  });
});

describe('inFlightAnswerTokens', () => {
  it('is half an answer when every answer is alike', () => {
    expect(inFlightAnswerTokens({ prompts: 100, outputMin: 800, outputMax: 800 })).toBe(400);
  });

  it('takes answers of 150 and 250 at 106.25: Σ L² / (2 Σ L), the TSDoc example', () => {
    expect(inFlightAnswerTokens({ prompts: 2, outputMin: 100, outputMax: 300 })).toBe(106.25);
  });

  it('is (a² + ab + b²) / 3(a + b) over a uniform spread from a to b', () => {
    // Random 1k in and 1k out at range ratio 0.8 (InferenceX): answers from 819 to 1,025.
    const [a, b] = [819, 1025];
    const got = inFlightAnswerTokens({ prompts: 10_000, outputMin: a, outputMax: b });
    expect(got).toBeCloseTo((a * a + a * b + b * b) / (3 * (a + b)), 1);
  });

  it('is the mean itself over an exponential spread, twice answers of one length', () => {
    const shape = {
      prompts: 10_000,
      outputMin: 1,
      outputMax: 1e6,
      spread: 'exponential',
      outputMean: 1000,
    } as const;
    expect(inFlightAnswerTokens(shape) / 1000).toBeCloseTo(1, 2);
  });
});
