import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING,
  formatTrainingTokens,
  parseNumberText,
  parseTrainingTokens,
  TRAINING_RANGES,
} from '../../../../src/lib/core/index.ts';

describe('parseTrainingTokens', () => {
  it.each([
    ['40T', 40e12],
    ['22t', 22e12],
    ['2.5 T', 2.5e12],
    ['1_000T', 1e15],
    ['500B', 500e9],
    ['1.5e12', 1.5e12],
    ['ten', null],
    ['T', null],
  ])('parseTrainingTokens(%j) is %s', (text, expected) => {
    expect(parseTrainingTokens(text, parseNumberText)).toBe(expected);
  });
});

describe('TRAINING_RANGES', () => {
  it('holds every default number of DEFAULT_TRAINING (Scout, training-runs.json)', () => {
    for (const [field, range] of Object.entries(TRAINING_RANGES)) {
      const value = DEFAULT_TRAINING[field as keyof typeof TRAINING_RANGES];
      if (value === null) continue;
      expect(value, field).toBeGreaterThanOrEqual(range.min);
      expect(value, field).toBeLessThanOrEqual(range.max);
    }
  });
});

describe('formatTrainingTokens', () => {
  it.each([
    [40e12, '40T'],
    [2.5e12, '2.5T'],
    [1.5e9, '1.5B'],
    [40_339_843_287_412, '40.34T'],
    [2e6, '2M'],
    [512, '512'],
  ])(
    'formatTrainingTokens(%d) is %s, which parseTrainingTokens reads back to 4 digits',
    (n, text) => {
      expect(formatTrainingTokens(n)).toBe(text);
      expect(parseTrainingTokens(text, parseNumberText)! / n).toBeCloseTo(1, 3);
    },
  );
});
