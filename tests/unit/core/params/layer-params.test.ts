import { describe, expect, it } from 'vitest';
import type { AttentionLayerKind } from '../../../../src/lib/core/index.ts';
import { layerParams, withIndex } from '../../../../src/lib/core/params/layer-params.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

// layerParams and mtpParams of Mixtral and DeepSeek-V3 against published figures: count.test.ts.
const mixtral = fixtureSpec('mixtral-8x7b');
const h = mixtral.hiddenSize; // 4096: an RMSNorm has h weights

describe('layerParams by layer kind', () => {
  it('layerParams of a block without a mixer (Nemotron-H "E") has one norm and no attention', () => {
    const expertsOnly: AttentionLayerKind = {
      window: { kind: 'global' },
      rope: false,
      mixer: 'none',
    };
    const l = layerParams(mixtral, 0, true, expertsOnly);
    expect(l).toMatchObject({ mixer: 'none', ffn: 'moe', attention: 0, norms: h });
  });

  it('layerParams of a mixer-only block (Nemotron-H "M", ffn false) has one norm and no feed-forward', () => {
    const attentionOnly: AttentionLayerKind = {
      window: { kind: 'global' },
      rope: true,
      ffn: false,
    };
    const l = layerParams(mixtral, 0, true, attentionOnly);
    expect(l).toMatchObject({ mixer: 'attention', ffn: 'none', norms: h, router: 0 });
    expect(l.total).toBe(l.attention + h);
  });
});

describe('withIndex', () => {
  it('withIndex copies every count under the new index, leaving the template as it was', () => {
    const template = layerParams(mixtral, 0, true);
    const copy = withIndex(template, 7);
    expect(copy).toEqual({ ...template, index: 7 });
    expect(template.index).toBe(0);
  });
});
