/**
 * Numbers as a field shows them and a link carries them: without binary noise. Stepping 1.4 by
 * 0.05 in floating point gives 1.4500000000000002; the field would show that, and the link
 * would carry it (`cf=1.4500000000000002`). Rounded to 12 significant digits, every value a
 * control can hold (at most 8 digits before the point, 2 after) reads back exactly, and the
 * noise, some 16 digits down, is gone.
 *
 * @example canonicalNumber(1.4500000000000002) // 1.45
 * @example canonicalNumber(0.1 + 0.2) // 0.3
 */

/** Significant digits kept: far more than any control's range and step need. */
const DIGITS = 12;

/** The number without binary noise; integers and non-finite values as they are. */
export function canonicalNumber(value: number): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(DIGITS));
}

/**
 * One step up (+1) or down (-1) from a value, without noise.
 *
 * @example stepNumber(1.4, 0.05, 1) // 1.45
 */
export function stepNumber(value: number, step: number, direction: 1 | -1): number {
  return canonicalNumber(value + direction * step);
}
