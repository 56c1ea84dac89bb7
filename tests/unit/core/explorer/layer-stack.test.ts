import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  describeIndices,
  describeLayers,
  layerStackKey,
  layerStackView,
  parseHFConfig,
} from '../../../../src/lib/core/index.ts';
import { FIXTURES, fixtureSpec } from '../../helpers/fixtures.ts';

describe('layerStackView', () => {
  it('layerStackView(Scout): 48 MoE layers, chunked and global NoPE attention, 16 + 1 experts, a 34-layer vision tower', () => {
    const scout = fixtureSpec('llama4-scout');
    const view = layerStackView(scout);
    expect(view.layers).toHaveLength(48);
    expect(view.layers[3]).toEqual({
      index: 3,
      attention: 'global',
      rope: false,
      ffn: 'moe',
      attentionBlock: 'global attention, NoPE',
      sharedIndexer: false,
    });
    expect(view.ffnBlocks.moe).toBe(
      'MoE FFN: 16 routed experts × 125,829,120 + 1 shared × 125,829,120',
    );
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

describe('layerStackView params and summary', () => {
  it('GLM-5.2: a row for the 21 MLA layers with the indexer, another for the 57 that share it, each its own size', () => {
    const glm52 = JSON.parse(
      readFileSync(join(FIXTURES, 'new-families', 'glm-5.2.config.json'), 'utf8'),
    ) as Record<string, unknown>;
    const rows = layerStackView(parseHFConfig(glm52)).summary.slice(0, 2);
    // MLA 165,022,208 + indexer 9,371,904 (docs/research/families/glm_moe_dsa.md §2).
    expect(rows.map((r) => [r.block, r.layers, r.params])).toEqual([
      ['MLA attention with the DSA indexer', 21, 174_394_112],
      ["MLA attention, sharing an indexer's top-k", 57, 165_022_208],
    ]);
  });

  it('layerStackView(Scout).params: one expert and the shared expert are 3 x 5120 x 8192 each (SwiGLU)', () => {
    // models/llama4: experts gate_up_proj (5120 x 2 x 8192) + down_proj (8192 x 5120)
    expect(layerStackView(fixtureSpec('llama4-scout')).params).toEqual({
      attention: 5120 * 128 * (40 + 8 + 8) + 40 * 128 * 5120,
      indexer: 0,
      expert: 3 * 5120 * 8192,
      sharedExpert: 3 * 5120 * 8192,
      denseFfn: 0,
      moeExperts: 16,
      sharedExperts: 1,
      stateMixer: 0,
    });
  });

  it('layerStackView(DeepSeek-V3).params: the dense MLP (18432 wide) is 9 routed experts (2048 wide)', () => {
    const { params } = layerStackView(fixtureSpec('deepseek-v3'));
    expect(params.expert).toBe(3 * 7168 * 2048);
    expect(params.denseFfn).toBe(3 * 7168 * 18432);
    expect(params.denseFfn / params.expert).toBe(9);
  });

  it('layerStackView(Scout).summary: the attention kinds, then the MoE FFN, with their layers', () => {
    const rows = layerStackView(fixtureSpec('llama4-scout')).summary;
    expect(rows.map((r) => [r.block, r.layers, r.which])).toEqual([
      ['chunked attention (8,192 tokens)', 36, 'all but 3, 7, …, 47 (every 4th)'],
      ['global attention, NoPE', 12, '3, 7, …, 47 (every 4th)'],
      ['MoE FFN: 16 routed experts × 125,829,120 + 1 shared × 125,829,120', 48, 'all'],
    ]);
    expect(rows[2]!.params).toBe(17 * 125_829_120);
  });

  it('layerStackView(DeepSeek-V3).summary: MLA everywhere, 58 MoE layers, the first 3 dense', () => {
    const rows = layerStackView(fixtureSpec('deepseek-v3')).summary;
    expect(rows.map((r) => [r.block, r.layers, r.which])).toEqual([
      ['MLA attention', 61, 'all'],
      ['MoE FFN: 256 routed experts × 44,040,192 + 1 shared × 44,040,192', 58, '3–60'],
      ['Dense FFN (one MLP)', 3, '0–2'],
    ]);
  });
});

describe('describeIndices', () => {
  it.each([
    [[0, 1, 2], 3, 'all'],
    [[3, 7, 11, 15], 16, '3, 7, …, 15 (every 4th)'],
    [[1, 3, 5, 7], 8, '1, 3, …, 7 (every 2nd)'],
    [[0, 1, 2, 5], 8, '0–2, 5'],
    [[4], 8, '4'],
    [[0, 1, 2, 4, 5, 6], 8, '0–2, 4–6'],
    [[0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14], 16, '0–2, 4–6, 8–10, 12–14'], // shorter than "all but"
  ])('describeIndices(%j, %i) is %j', (indices, total, text) => {
    expect(describeIndices(indices, total)).toBe(text);
  });
});

describe('layerStackView layers', () => {
  it('layerStackView hands back the same layers while only block sizes change (no redraw), new ones when the structure does', () => {
    const scout = fixtureSpec('llama4-scout');
    const layers = layerStackView(scout).layers;
    expect(layerStackView(applyOverrides(scout, { expertFfn: 4096 })).layers).toBe(layers);
    const fewer = layerStackView(applyOverrides(scout, { layers: 24 })).layers;
    expect(fewer).not.toBe(layers);
    expect(fewer).toHaveLength(24);
  });
});

describe('layerStackKey', () => {
  const scout = fixtureSpec('llama4-scout');

  it('layerStackKey does not change with top-k, which the stack does not draw', () => {
    expect(layerStackKey(applyOverrides(scout, { topK: 4 }))).toBe(layerStackKey(scout));
  });

  it('layerStackKey changes with the experts, their size and the layers', () => {
    expect(layerStackKey(applyOverrides(scout, { experts: 32 }))).not.toBe(layerStackKey(scout));
    expect(layerStackKey(applyOverrides(scout, { expertFfn: 4096 }))).not.toBe(
      layerStackKey(scout),
    );
    expect(layerStackKey(applyOverrides(scout, { layers: 24 }))).not.toBe(layerStackKey(scout));
  });
});
