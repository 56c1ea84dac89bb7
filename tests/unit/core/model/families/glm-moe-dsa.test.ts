import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCheckpoint,
  countParams,
  expandLayers,
  kvBytesPerToken,
  parseHFConfig,
} from '../../../../../src/lib/core/index.ts';
import { kernelsPerLayer } from '../../../../../src/lib/core/serving/kernels.ts';
import { mixerParamsOnRank } from '../../../../../src/lib/core/serving/tensor-split.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';
import { GLM52_INDEXER_LAYERS, glm52Tensors } from '../../../helpers/glm5-checkpoint-tensors.ts';

/** Verbatim Hub config.json files (origins: docs/research/families/glm_moe_dsa.md §1). */
const read = (file: string) =>
  JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<string, unknown>;
const glm5 = read('glm-5.config.json');
const glm52 = read('glm-5.2.config.json');

// Per block, from the tensor table of glm_moe_dsa.md §2 (H 6144, 64 heads, q-LoRA 2048, KV-LoRA
// 512, nope 192, rope 64, v 256; indexer 32 heads of 128; 256 experts of 2048; dense 12,288).
const MLA = 165_022_208;
const INDEXER = 9_371_904; // 4096·2048 + 128·6144 + 2·128 + 32·6144
const DENSE = 226_492_416; // 3 · 6144 · 12,288
const MOE = 9_702_998_272; // router 1,572,864 + bias 256 + 257 experts × 37,748,736
const NORMS = 2 * 6144;
const EMBED = 154_880 * 6144;
// GLM-5 and 5.1: an indexer on all 78 layers.
const GLM5 = 78 * (MLA + INDEXER + NORMS) + 3 * DENSE + 75 * MOE + 2 * EMBED + 6144;
// GLM-5.2: 21 indexers (IndexShare).
const GLM52 = GLM5 - 57 * INDEXER;
// Layer 78: MLA with its indexer, MoE, eh_proj 2·6144², enorm, hnorm, shared_head.norm.
const MTP = MLA + INDEXER + NORMS + MOE + 2 * 6144 * 6144 + 3 * 6144;

describe('parseGlmMoeDsa, counted', () => {
  it(`GLM-5: ${GLM5} (the README's "744B"), MTP ${MTP} apart ("753.9B" with it)`, () => {
    const count = countParams(parseHFConfig(glm5));
    expect(count.total).toBe(743_911_218_432);
    expect(count.total).toBe(GLM5);
    expect(count.mtp).toBe(MTP);
    expect(count.breakdown.denseFfn).toBe(3 * DENSE);
  });

  it(`GLM-5.2: 57 fewer indexers, ${GLM52}; its BF16 total_size is 2 bytes a parameter plus the FP32 biases`, () => {
    const count = countParams(parseHFConfig(glm52));
    expect(count.total).toBe(743_377_019_904);
    expect(count.total + count.mtp).toBe(753_329_940_480);
    // zai-org/GLM-5.2 @ b4734de4 model.safetensors.index.json: total_size 1,506,659,919,872
    // (glm_moe_dsa.md §3.2): every tensor BF16 but 76 × 256 e_score_correction_bias in FP32.
    expect(2 * (count.total + count.mtp) + 76 * 256 * 2).toBe(1_506_659_919_872);
    // Active: 8 of 256 routed experts in 75 layers (embedding and head included).
    expect(count.active).toBe(count.total - 75 * 248 * 37_748_736);
  });

  it('GLM-5.2 holds an indexer on layers 0, 1, 2, 6, 10, ..., 74; the other 57 share it', () => {
    const spec = parseHFConfig(glm52);
    const holding = expandLayers(spec)
      .filter((l) => l.kind.indexer !== false)
      .map((l) => l.index);
    expect(holding).toEqual(GLM52_INDEXER_LAYERS);
    expect(holding).toHaveLength(21);
  });

  it('without indexer_types the same layers follow from index_topk_freq 4 and index_skip_topk_offset 3, or from a pattern string', () => {
    const { indexer_types: _t, ...rule } = glm52;
    expect(countParams(parseHFConfig(rule)).total).toBe(GLM52);
    const pattern = Array.from({ length: 78 }, (_, i) =>
      GLM52_INDEXER_LAYERS.includes(i) ? 'F' : 'S',
    );
    const byPattern = { ...rule, index_topk_freq: 1, index_topk_pattern: pattern.join('') };
    expect(countParams(parseHFConfig(byPattern)).total).toBe(GLM52);
  });

  it('mlp_layer_types decides dense or MoE; moe_layer_freq is not read', () => {
    expect(countParams(parseHFConfig({ ...glm52, moe_layer_freq: 2 })).total).toBe(GLM52);
    const types = (glm52.mlp_layer_types as string[]).map((t, i) => (i === 3 ? 'dense' : t));
    expect(countParams(parseHFConfig({ ...glm52, mlp_layer_types: types })).total).toBe(
      GLM52 - MOE + DENSE,
    );
  });

  it('dense layers that are the first k read as a dense prefix of k (the explorer’s Dense prefix control); others are listed', () => {
    // GLM-5: first_k_dense_replace 3, no mlp_layer_types; GLM-5.2: "dense" x 3, then "sparse".
    const prefix = { firstDense: 3, step: 1, offset: 0, denseLayers: [] };
    expect(parseHFConfig(glm5).moeLayers).toEqual(prefix);
    expect(parseHFConfig(glm52).moeLayers).toEqual(prefix);
    const types = (glm52.mlp_layer_types as string[]).map((t, i) =>
      i === 3 || i === 9 ? 'dense' : t,
    );
    expect(parseHFConfig({ ...glm52, mlp_layer_types: types }).moeLayers.denseLayers).toEqual([
      0, 1, 2, 3, 9,
    ]);
  });
});

describe('GLM-5.2 serving: a shared layer keeps no indexer key, weights or kernels', () => {
  const spec = parseHFConfig(glm52);

  it('KV per token: 78 latents of 1,152 B in BF16 and 21 indexer keys of 132 B', () => {
    expect(kvBytesPerToken(spec, 'bf16', 'hybrid')).toBe(78 * 1152 + 21 * 132);
    expect(kvBytesPerToken(parseHFConfig(glm5), 'bf16', 'hybrid')).toBe(78 * (1152 + 132));
  });

  it('on 8 tensor-parallel ranks a shared layer holds the replicated indexer less; its step launches the indexer’s 10 kernels fewer', () => {
    const count = countParams(spec);
    const full = count.layers[6]!;
    const shared = count.layers[7]!;
    expect(full.attention - shared.attention).toBe(INDEXER);
    expect(mixerParamsOnRank(spec, full, 8) - mixerParamsOnRank(spec, shared, 8)).toBe(INDEXER);
    const kinds = expandLayers(spec);
    expect(
      kernelsPerLayer(spec, kinds[6]!.kind, full) - kernelsPerLayer(spec, kinds[7]!.kind, shared),
    ).toBe(10); // vLLM v0.11 Indexer.forward and sparse_attn_indexer (kernels.ts INDEXER_KERNELS)
  });
});

describe('zai-org/GLM-5.2 checked against its checkpoint', () => {
  it('59,585 tensors hold the count to the parameter; layer 78 (791 tensors) is the MTP extra', () => {
    const count = countParams(parseHFConfig(glm52));
    const check = checkCheckpoint(glm52Tensors(), count, 78);
    expect(check).toMatchObject({
      tensors: 59_585,
      total: GLM52,
      matches: true,
      differences: [],
      unknown: [],
    });
    expect(check.extras).toEqual([{ kind: 'mtp', tensors: 791, elements: MTP }]);
  });
});

describe('parseGlmMoeDsa refuses', () => {
  it('an indexer_types entry it does not know, or a list of the wrong length', () => {
    const bad = { ...glm52, indexer_types: Array<string>(78).fill('sparse') };
    expect(configErrorOf(() => parseHFConfig(bad)).field).toBe('indexer_types[0]');
    const short = configErrorOf(() => parseHFConfig({ ...glm52, indexer_types: ['full'] }));
    expect([short.field, short.expected]).toEqual([
      'indexer_types',
      '78 entries (num_hidden_layers)',
    ]);
  });

  it('a pattern string that is not 78 letters F or S', () => {
    const { indexer_types: _t, ...rule } = glm52;
    const error = configErrorOf(() => parseHFConfig({ ...rule, index_topk_pattern: 'FX' }));
    expect([error.field, error.expected]).toEqual(['index_topk_pattern', '78 letters F or S']);
  });

  it('an mlp_layer_types entry other than dense or sparse', () => {
    const types = (glm52.mlp_layer_types as string[]).map((t, i) => (i === 0 ? 'moe' : t));
    const error = configErrorOf(() => parseHFConfig({ ...glm52, mlp_layer_types: types }));
    expect([error.field, error.expected]).toEqual(['mlp_layer_types[0]', '"dense" or "sparse"']);
  });
});
