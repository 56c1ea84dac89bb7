import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../../../src/lib/core/index.ts';

/** What formatInteger wrote before it grouped digits by hand: Intl's en-US text. */
const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

describe('formatInteger writes what Intl.NumberFormat en-US writes, without building one', () => {
  it.each([
    0,
    -0,
    1,
    -1,
    12,
    123,
    999,
    1000,
    -1000,
    12_345,
    999_999,
    1_000_000,
    108_641_793_536,
    -0.4,
    0.5,
    -2.5,
    1234.5,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 53,
    1e21,
    1e300,
    Number.NaN,
    Infinity,
    -Infinity,
  ])('formatInteger(%d)', (n) => {
    expect(formatInteger(n)).toBe(intl.format(Math.round(n)));
  });
  it('for any number (fast-check, seeded)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.double()), (n) => {
        expect(formatInteger(n)).toBe(intl.format(Math.round(n)));
      }),
      { seed: 9, numRuns: 2000 },
    );
  });
});
