import { describe, expect, it } from 'vitest';
import { answerLengths } from '../../../../src/lib/core/index.ts';

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
