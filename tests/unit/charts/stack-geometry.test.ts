import { describe, expect, it } from 'vitest';
import { layerStackView } from '../../../src/lib/core/index.ts';
import {
  attentionColumnWidth,
  layerLabelStep,
  stackGeometry,
} from '../../../src/lib/charts/stack-geometry.ts';
import { fixtureSpec } from '../helpers/fixtures.ts';

describe('stackGeometry: the FFN column to scale of parameters', () => {
  it('DeepSeek-V3: a dense MLP (3 x 7168 x 18432) is 9 routed experts (3 x 7168 x 2048) wide', () => {
    const view = layerStackView(fixtureSpec('deepseek-v3'));
    const g = stackGeometry(view.layers, view.params, 800, 0, 6);
    expect(g.denseWidth / g.expertWidth).toBeCloseTo(9, 1);
    expect(g.sharedWidth).toBeCloseTo(g.expertWidth, 1); // one shared expert, as wide as one routed
    // The MoE rows, the widest, fill the column (less the 2 px between routed and shared).
    expect(g.ffnX + g.routedWidth + 2 + g.sharedWidth).toBeCloseTo(800, 1);
    expect(g.dense).not.toBe('');
  });

  it('Llama 4 Scout: 16 routed + 1 shared experts of one size share the column equally', () => {
    const view = layerStackView(fixtureSpec('llama4-scout'));
    const g = stackGeometry(view.layers, view.params, 600, 0, 8);
    expect(g.routedWidth / g.expertWidth).toBeCloseTo(16, 1);
    expect(g.sharedWidth).toBeCloseTo(g.expertWidth, 1);
    expect(g.dense).toBe('');
  });

  it('a dense model fills the column with its MLP', () => {
    const view = layerStackView(fixtureSpec('llama3.1-8b'));
    const g = stackGeometry(view.layers, view.params, 500, 0, 8);
    expect(g.ffnX + g.denseWidth).toBeCloseTo(500, 1);
    expect(g.routed).toBe('');
  });
});

describe('attentionColumnWidth, layerLabelStep', () => {
  it('the attention column is a fifth of the width, within 40 to 120 px', () => {
    expect([
      attentionColumnWidth(100),
      attentionColumnWidth(400),
      attentionColumnWidth(900),
    ]).toEqual([40, 80, 120]);
  });
  it('labels every 1, 2, 5 or 10 layers, at least 12 px apart', () => {
    expect([10, 8, 6, 3].map((h) => layerLabelStep(h))).toEqual([2, 2, 2, 5]);
  });
});
