import { describe, expect, it } from 'vitest';
import {
  formatParamTick,
  formatTokenTick,
  spacedTicks,
  textWidth,
} from '../../../src/lib/charts/ticks.ts';

describe('formatParamTick', () => {
  it.each([
    [0, '0'],
    [20e9, '20B'],
    [2.5e9, '2.5B'],
    [100e9, '100B'],
    [1.5e12, '1.5T'],
    [500e6, '500M'],
    [250e3, '250K'],
  ])('formatParamTick(%d) is %s (no needless decimals)', (n, text) => {
    expect(formatParamTick(n)).toBe(text);
  });
});

describe('formatTokenTick', () => {
  it.each([
    [100, '100'],
    [1000, '1k'],
    [10_000, '10k'],
    [100_000, '100k'],
    [1e6, '1M'],
    [1e7, '10M'], // decimal: "10M" is 10,000,000
    [10_485_760, '10.49M'],
  ])('formatTokenTick(%d) is %s', (n, text) => {
    expect(formatTokenTick(n)).toBe(text);
  });
});

describe('spacedTicks', () => {
  const identity = (v: number) => v;
  it('keeps every tick whose labels fit side by side', () => {
    expect(spacedTicks([0, 100, 200, 300], identity, String, [-20, 320])).toEqual([
      0, 100, 200, 300,
    ]);
  });

  it('thins to every k-th tick when labels would overlap ("20.00B40.00B" at 375 px)', () => {
    const ticks = [0, 20e9, 40e9, 60e9, 80e9, 100e9];
    const px = (v: number) => (v / 100e9) * 180; // 36 px apart
    const kept = spacedTicks(ticks, px, (v) => `${(v / 1e9).toFixed(2)}B`, [-30, 230]);
    expect(kept).toEqual([0, 40e9, 80e9]);
    for (let i = 1; i < kept.length; i++) {
      const gap = px(kept[i]!) - px(kept[i - 1]!);
      expect(gap).toBeGreaterThan(textWidth('100.00B') + 8);
    }
  });

  it('drops ticks whose label would leave the chart', () => {
    expect(spacedTicks([0, 50, 100], identity, () => 'a long label', [0, 100])).toEqual([50]);
  });
});

describe('textWidth', () => {
  it('textWidth("0123456789", 11) is about DejaVu Sans: 7 px a digit', () => {
    expect(textWidth('0123456789', 11)).toBeCloseTo(70.4, 0);
  });
});
