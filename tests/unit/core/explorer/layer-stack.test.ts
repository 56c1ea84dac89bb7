import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  describeLayers,
  layerStackKey,
  layerStackView,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

describe('layerStackView', () => {
  it('layerStackView(Scout): 48 MoE layers, chunked and global NoPE attention, 16 + 1 experts, a 34-layer vision tower', () => {
    const scout = fixtureSpec('llama4-scout');
    const view = layerStackView(scout);
    expect(view.layers).toHaveLength(48);
    expect(view.layers[3]).toEqual({ index: 3, attention: 'global', rope: false, ffn: 'moe' });
    expect(view).toMatchObject({
      attentionKinds: ['chunked', 'global'],
      hasNope: true,
      hasDenseLayers: false,
      experts: 16,
      sharedExperts: 1,
      vocabSize: 202048,
      hiddenSize: 5120,
      tieEmbeddings: false,
      visionLayers: 34,
      mtpModules: 0,
      description: describeLayers(scout),
    });
  });

  it('layerStackView(DeepSeek-V3): MLA only, 3 dense layers first, one MTP module, no vision tower', () => {
    const view = layerStackView(fixtureSpec('deepseek-v3'));
    expect(view.attentionKinds).toEqual(['mla']);
    expect(view.layers.slice(0, 4).map((l) => l.ffn)).toEqual(['dense', 'dense', 'dense', 'moe']);
    expect(view).toMatchObject({
      hasNope: false,
      hasDenseLayers: true,
      mtpModules: 1,
      visionLayers: null,
    });
  });

  it('layerStackView of a dense model has no experts', () => {
    expect(layerStackView(fixtureSpec('llama3.1-8b'))).toMatchObject({
      experts: 0,
      sharedExperts: 0,
    });
  });
});

describe('layerStackKey', () => {
  const scout = fixtureSpec('llama4-scout');

  it('layerStackKey does not change with top-k, which the stack does not draw', () => {
    expect(layerStackKey(applyOverrides(scout, { topK: 4 }))).toBe(layerStackKey(scout));
  });

  it('layerStackKey changes with the experts and the layers', () => {
    expect(layerStackKey(applyOverrides(scout, { experts: 32 }))).not.toBe(layerStackKey(scout));
    expect(layerStackKey(applyOverrides(scout, { layers: 24 }))).not.toBe(layerStackKey(scout));
  });
});
