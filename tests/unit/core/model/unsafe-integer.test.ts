import { expect, it } from 'vitest';
import { UnsafeJsonInteger } from '../../../../src/lib/core/index.ts';

it('UnsafeJsonInteger prints as written and reads as the rounded number', () => {
  const n = new UnsafeJsonInteger('9007199254740993'); // 2^53 + 1: a double cannot hold it
  expect(String(n)).toBe('9007199254740993');
  expect(Number(n)).toBe(9007199254740992);
  expect(JSON.stringify({ n })).toBe('{"n":9007199254740992}');
});
