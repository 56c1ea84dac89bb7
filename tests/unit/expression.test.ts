import { describe, expect, it } from 'vitest';
import { evaluateNumber, parseNumberText } from '../../src/lib/core/index.ts';

describe('number fields', () => {
  it.each([
    ['131072', 131072],
    ['128k', 131072],
    ['10M', 10 * 2 ** 20],
    ['1_000_000', 1_000_000],
    ['1e6', 1e6],
    ['0.25', 0.25],
  ])('parseNumberText(%j) is %d without loading mathjs', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });

  it.each([
    ['128*1024', 131072],
    ['2^20', 1_048_576],
    ['2*128k', 262144],
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
