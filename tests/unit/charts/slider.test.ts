import { describe, expect, it } from 'vitest';
import {
  keyIndex,
  keyStep,
  nearestIndex,
  powerSteps,
  roundSignificant,
} from '../../../src/lib/charts/slider.ts';

describe('keyStep', () => {
  const steps = powerSteps(1024, 16 * 2 ** 20);
  it.each([
    ['ArrowRight', 131_072, 262_144],
    ['ArrowUp', 131_072, 262_144],
    ['ArrowLeft', 131_072, 65_536],
    ['ArrowDown', 131_072, 65_536],
    ['ArrowRight', 100_000, 131_072], // between steps: the next one up
    ['ArrowLeft', 100_000, 65_536],
    ['PageUp', 131_072, 1_048_576],
    ['PageDown', 131_072, 16_384],
    ['Home', 131_072, 1000],
    ['End', 131_072, 10_485_760],
    ['ArrowRight', 10_485_760, 10_485_760], // at the end
  ])('keyStep(%s) from %d is %d', (key, value, next) => {
    expect(keyStep(key, value, steps, [1000, 10_485_760])).toBe(next);
  });

  it('ignores other keys', () => {
    expect(keyStep('a', 5, [1, 2, 4, 8])).toBeNull();
  });
});

describe('keyIndex', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowRight', 3, 4],
    ['ArrowUp', 3, 2],
    ['ArrowLeft', 0, 0],
    ['PageDown', 3, 13],
    ['PageUp', 3, 0],
    ['Home', 3, 0],
    ['End', 3, 47],
    ['Tab', 3, null],
  ])('keyIndex(%s) from %d over 48 layers is %s', (key, index, next) => {
    expect(keyIndex(key, index, 48)).toBe(next);
  });

  it('takes the keys that go forward: ArrowUp raises a horizontal slider', () => {
    expect(keyIndex('ArrowUp', 3, 16, { forward: ['ArrowRight', 'ArrowUp'] })).toBe(4);
  });
});

describe('powerSteps, roundSignificant, nearestIndex', () => {
  it('powerSteps(1000, 10000) is the powers of two between', () => {
    expect(powerSteps(1000, 10_000)).toEqual([1024, 2048, 4096, 8192]);
  });
  it.each([
    [131_500, 130_000],
    [10_485_760, 10_000_000],
    [37, 37],
  ])('roundSignificant(%d) is %d', (v, r) => {
    expect(roundSignificant(v)).toBe(r);
  });
  it('nearestIndex finds the closest value', () => {
    expect(nearestIndex([1, 10, 100], 40)).toBe(1);
  });
});
