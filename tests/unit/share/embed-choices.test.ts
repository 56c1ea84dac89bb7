import { describe, expect, it } from 'vitest';
import {
  EMBED_HEIGHTS,
  EMBED_HEIGHT_RANGE,
  EMBED_THEME_LABELS,
  EMBED_VIEW_LABELS,
  SERVING_CHART_LABELS,
  clampEmbedHeight,
} from '../../../src/lib/share/embed-choices.ts';
import { EMBED_THEMES, EMBED_VIEWS, SERVING_CHARTS } from '../../../src/lib/share/presentation.ts';

describe('embed choices in words', () => {
  it('every view, theme and chart has a label, and the views say what they show', () => {
    for (const v of EMBED_VIEWS) expect(EMBED_VIEW_LABELS[v]).toBeTruthy();
    for (const t of EMBED_THEMES) expect(EMBED_THEME_LABELS[t]).toBeTruthy();
    for (const c of SERVING_CHARTS) expect(SERVING_CHART_LABELS[c]).toBeTruthy();
    expect(Object.values(EMBED_VIEW_LABELS)).toEqual([
      'Parameter breakdown',
      'Experts activated per token',
      'Serving: memory and speed',
      'Compare',
      'Training: GPU-hours, cost and memory',
      'Plan: the cheapest deployment for a workload',
    ]);
  });

  it('EMBED_HEIGHTS offer auto, then fixed heights inside EMBED_HEIGHT_RANGE', () => {
    expect(EMBED_HEIGHTS[0]!.height).toBe('auto');
    for (const { height } of EMBED_HEIGHTS.slice(1)) {
      expect(height).toBeGreaterThanOrEqual(EMBED_HEIGHT_RANGE.min);
      expect(height).toBeLessThanOrEqual(EMBED_HEIGHT_RANGE.max);
    }
  });
});

describe('clampEmbedHeight', () => {
  it.each([
    [500, 500],
    [512.6, 513],
    [10, EMBED_HEIGHT_RANGE.min],
    [1e6, EMBED_HEIGHT_RANGE.max],
    [Number.NaN, 640],
  ])('clampEmbedHeight(%s) is %s', (typed, expected) => {
    expect(clampEmbedHeight(typed)).toBe(expected);
  });
});
