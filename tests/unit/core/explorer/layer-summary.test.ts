import { describe, expect, it } from 'vitest';
import {
  attentionLabel,
  describeLayers,
  expandLayers,
  parseHFConfig,
} from '../../../../src/lib/core/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, fixtureConfig, fixtureSpec } from '../../helpers/fixtures.ts';

describe('describeLayers', () => {
  const scout = parseHFConfig(fixtureConfig('llama4-scout'));

  it('names the DSA indexer, and the GLM-5.2 layers that share one (IndexShare)', () => {
    const glm52 = JSON.parse(
      readFileSync(join(FIXTURES, 'new-families', 'glm-5.2.config.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(describeLayers(parseHFConfig(glm52))).toBe(
      "78 layers: 21 MLA with the DSA indexer, 57 MLA sharing an indexer's top-k; 75 MoE (256 routed + 1 shared experts, top-8), 3 dense; plus 1 MTP module.",
    );
    expect(describeLayers(fixtureSpec('deepseek-v3'))).toMatch(/^61 layers: 61 MLA; /);
  });

  it('describes Scout: 36 chunked, 12 global NoPE, all MoE with a shared expert, and a vision tower', () => {
    expect(describeLayers(scout)).toBe(
      '48 layers: 36 chunked (8,192 tokens), 12 global NoPE; 48 MoE (16 routed + 1 shared experts, top-1); plus a vision tower.',
    );
    expect(expandLayers(scout).map(attentionLabel).slice(0, 4)).toEqual([
      'chunked',
      'chunked',
      'chunked',
      'global',
    ]);
  });

  it.each([
    // 61 MLA layers; first_k_dense_replace 3; n_shared_experts 1; num_nextn_predict_layers 1
    [
      'deepseek-v3',
      '61 layers: 61 MLA; 58 MoE (256 routed + 1 shared experts, top-8), 3 dense; plus 1 MTP module.',
    ],
    // layer_types alternate sliding_attention (128) and full_attention
    [
      'gpt-oss-20b',
      '24 layers: 12 sliding (128 tokens), 12 global; 24 MoE (32 routed experts, top-4).',
    ],
    ['llama3.1-8b', '32 layers: 32 global; 32 dense.'],
  ])('describeLayers(%s) is %j', (id, text) => {
    expect(describeLayers(fixtureSpec(id))).toBe(text);
  });
});

describe('attentionLabel', () => {
  it('attentionLabel of a DeepSeek-V3 layer is mla, of a gpt-oss layer its window kind', () => {
    expect(attentionLabel(expandLayers(fixtureSpec('deepseek-v3'))[0]!)).toBe('mla');
    expect(expandLayers(fixtureSpec('gpt-oss-20b')).slice(0, 2).map(attentionLabel)).toEqual([
      'sliding',
      'global',
    ]);
  });
});
