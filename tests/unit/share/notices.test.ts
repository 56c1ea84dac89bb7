import { describe, expect, it } from 'vitest';
import {
  describeError,
  MAX_NOTICES,
  nameList,
  summarizeWarnings,
} from '../../../src/lib/share/notices.ts';
import { parseHFConfig, SUPPORTED_MODEL_TYPES } from '../../../src/lib/core/index.ts';

describe('summarizeWarnings', () => {
  it('finding 11: 20,000 repeats of one warning are one line saying how many times', () => {
    const lines = summarizeWarnings(Array<string>(20_000).fill('k: bad'));
    expect(lines).toEqual(['k: bad (20,000 times)']);
  });

  it('keeps the order of first appearance', () => {
    expect(summarizeWarnings(['a', 'b', 'a', 'c'])).toEqual(['a (2 times)', 'b', 'c']);
  });

  it(`keeps to ${MAX_NOTICES} lines, the last counting the rest`, () => {
    const lines = summarizeWarnings(Array.from({ length: 500 }, (_, i) => `w${i}`));
    expect(lines).toHaveLength(MAX_NOTICES);
    expect(lines.at(-1)).toBe(`and ${500 - MAX_NOTICES + 1} more settings, each ignored`);
  });

  it('spells out bidirectional controls, so that no quoted value reorders a line', () => {
    expect(summarizeWarnings(['mn: "\u202egnp.exe"'])).toEqual(['mn: "\\u202egnp.exe"']);
  });

  it('of no warnings is none', () => {
    expect(summarizeWarnings([])).toEqual([]);
  });
});

describe('nameList', () => {
  it('names a few, and counts the rest', () => {
    expect(nameList(['x.a', 'x.b'])).toBe('x.a, x.b');
    expect(nameList(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});

describe('describeError', () => {
  it('is the message of an error, on one line, at most 1,000 characters', () => {
    expect(describeError(new RangeError('Invalid array length'))).toBe('Invalid array length');
    expect(describeError('a\nb')).toBe('a b');
    expect(describeError(new Error('x'.repeat(1900)))).toHaveLength(1001);
    expect(describeError(new Error(''))).toBe('unknown error');
  });

  it('keeps the core’s longest message whole: an unsupported model_type, every supported type and the value', () => {
    let error: unknown;
    try {
      parseHFConfig({ model_type: 'y'.repeat(200) });
    } catch (e) {
      error = e;
    }
    const line = describeError(error);
    expect(line.endsWith(`got "${'y'.repeat(40)}…"`)).toBe(true);
    for (const type of Object.keys(SUPPORTED_MODEL_TYPES)) expect(line).toContain(type);
  });
});
