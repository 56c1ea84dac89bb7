import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  evaluateNumber,
  loadEvaluator,
  parseNumberText,
  parseTokenCount,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';

describe('number fields', () => {
  it.each([
    ['131072', 131072],
    // One convention, the page's: k, M, G are decimal; Ki, Mi, Gi binary (IEC 80000-13).
    ['128k', 128_000],
    ['128Ki', 131072],
    ['10M', 10_000_000],
    ['10Mi', 10 * 2 ** 20],
    ['10mi', 10 * 2 ** 20],
    ['1_000_000', 1_000_000],
    ['1e6', 1e6],
    ['0.25', 0.25],
  ])('parseNumberText(%j) is %d without loading mathjs', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });

  it.each([
    ['128*1024', 131072],
    ['2^20', 1_048_576],
    ['2*128Ki', 262144],
    ['2*128k', 256_000],
    ['10Mi + 1', 10_485_761],
    ['(3 + 5) * 2', 16],
  ])('evaluateNumber(%j) is %d through mathjs', async (text, value) => {
    expect(await evaluateNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    '128 tokens',
    'import({}, {})',
    'createUnit("x")',
    '1/0',
    '[1, 2]',
    'x + 1',
    '<b>1</b>',
  ])('evaluateNumber(%j) is rejected with a message', async (text) => {
    const result = await evaluateNumber(text);
    expect(result.ok).toBe(false);
  });
});

describe('parseTokenCount', () => {
  it.each([
    ['131072', 131072],
    ['128k', 128_000],
    ['128Ki', 131072],
    ['1M', 1_000_000],
    ['10M', 10_000_000],
    ['10Mi', 10_485_760],
    ['1B', 1e9],
    ['1_000_000', 1_000_000],
    ['1e6', 1_000_000],
  ])('%s is %i tokens', (text, tokens) => {
    expect(parseTokenCount(text)).toBe(tokens);
  });

  it.each(['', 'ten', '-5', '1.5', '0', '1T'])('%j is rejected', (text) => {
    expect(() => parseTokenCount(text)).toThrow(ConfigError);
  });
});

describe('parseNumberText', () => {
  it.each([
    ['1G', 1e9],
    ['1Gi', 2 ** 30],
    ['8 k', 8000],
    ['8 Ki', 8192],
    ['1,024', 1024],
    ['-5', -5],
  ])('parseNumberText(%j) is %d', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });

  it.each(['', 'ten', '1.5.5', '128*1024', '2^20', '1T', 'k', '1Bi', '1i'])(
    'parseNumberText(%j) is null: not a plain number',
    (text) => {
      expect(parseNumberText(text)).toBeNull();
    },
  );
});

describe('parseTokenCount errors', () => {
  it("parseTokenCount('lots', '--context') names the field and gives examples", () => {
    expect(configErrorOf(() => parseTokenCount('lots', '--context')).message).toBe(
      '--context: expected a token count such as 131072, 128k (128,000), 128Ki (131,072) or 10M, got "lots"',
    );
  });

  it("parseTokenCount('1.5') is not a whole number of tokens", () => {
    expect(configErrorOf(() => parseTokenCount('1.5')).expected).toBe(
      'a whole number of tokens >= 1',
    );
  });
});

describe('evaluateNumber', () => {
  it('evaluateNumber of more than 200 characters is refused before mathjs', async () => {
    expect(await evaluateNumber('1+'.repeat(101) + '1')).toEqual({
      ok: false,
      message: 'too long for a number',
    });
  });

  it("evaluateNumber('1e999') is not a finite number", async () => {
    expect(await evaluateNumber('1e999')).toEqual({
      ok: false,
      message: '"1e999" is not a finite number',
    });
  });

  it('loadEvaluator loads mathjs once: every call returns the same promise', () => {
    expect(loadEvaluator()).toBe(loadEvaluator());
  });
});
