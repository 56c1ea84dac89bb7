import { describe, expect, it } from 'vitest';
import { CONTROLS, sliderValue } from '../../../src/lib/core/index.ts';
import { canonicalNumber, stepNumber } from '../../../src/lib/share/decimals.ts';

describe('canonicalNumber', () => {
  it('finding 7: canonicalNumber(1.4500000000000002) is 1.45 (no step drift in links)', () => {
    expect(canonicalNumber(1.4500000000000002)).toBe(1.45);
    expect(canonicalNumber(0.1 + 0.2)).toBe(0.3);
  });

  it('leaves integers, typed decimals and non-finite values as they are', () => {
    for (const n of [0, 8, 131072, 1.234, 2.5, 0.05, 49.99, Infinity, -Infinity])
      expect(canonicalNumber(n)).toBe(n);
    expect(canonicalNumber(Number.NaN)).toBeNaN();
  });

  it('every position of every fractional slider gives a value that reads back as shown', () => {
    for (const control of Object.values(CONTROLS).filter((c) => c.step !== 1)) {
      const steps = Math.round((control.max - control.min) / control.step);
      for (let i = 0; i <= steps; i++) {
        const value = canonicalNumber(sliderValue(control.id, control.min + i * control.step));
        expect(Number(String(value)), `${control.id} ${value}`).toBe(value);
        expect(String(value).length, `${control.id} ${value}`).toBeLessThanOrEqual(5);
      }
    }
  });
});

describe('stepNumber', () => {
  it('stepNumber(1.4, 0.05, 1) is exactly 1.45; down again is 1.4', () => {
    expect(stepNumber(1.4, 0.05, 1)).toBe(1.45);
    expect(stepNumber(1.45, 0.05, -1)).toBe(1.4);
  });

  it('a hundred steps of 0.01 from 0 are exactly 1', () => {
    let value = 0;
    for (let i = 0; i < 100; i++) value = stepNumber(value, 0.01, 1);
    expect(value).toBe(1);
  });

  it('steps a typed value off the grid by the step, keeping its digits', () => {
    expect(stepNumber(1.234, 0.05, 1)).toBe(1.284);
  });
});
