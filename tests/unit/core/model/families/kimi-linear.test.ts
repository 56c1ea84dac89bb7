import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCheckpoint,
  countParams,
  expandLayers,
  kvBytesPerSequence,
  kvBytesPerToken,
  parseHFConfig,
  stateBytesPerSequencePerLayer,
  stateElements,
} from '../../../../../src/lib/core/index.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseKimiLinear } from '../../../../../src/lib/core/model/families/kimi-linear.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';
import { KIMI_LINEAR_48B, kimiLinearTensors } from '../../../helpers/hybrid-checkpoint-tensors.ts';

/** The raw config.json of moonshotai/Kimi-Linear-48B-A3B-Instruct (kimi_linear.md §4). */
const kimi = JSON.parse(
  readFileSync(join(FIXTURES, 'new-families', 'kimi-linear-48b-a3b-instruct.config.json'), 'utf8'),
) as Record<string, unknown>;
const linearAttn = kimi.linear_attn_config as Record<string, unknown>;

// HF API safetensors.total of moonshotai/Kimi-Linear-48B-A3B-Instruct, and "参数总量:
// 49,122,681,728" in the model-inspector tensor listing (kimi_linear.md §4). Arithmetic: 20 KDA
// layers × 39,514,272 + 7 MLA × 29,114,880 + 27 × 2 norms × 2304 + layer 0 dense MLP 3·2304·9216
// + 26 MoE blocks × 1,819,607,296 + embed and lm_head 2·163840·2304 + final norm 2304.
const TOTAL = 49_122_681_728;
// total − 26 MoE layers × (256 − 8) idle experts × 7,077,888 (3·2304·1024) (kimi_linear.md §4).
const ACTIVE = TOTAL - 26 * 248 * 7_077_888;
const KDA_LAYER = 39_514_272;
const MLA_LAYER = 29_114_880;
const MOE_BLOCK = 1_819_607_296; // 256 × 7,077,888 + shared 7,077,888 + router 589,824 + bias 256
const DENSE_MLP = 3 * 2304 * 9216;

describe('parseKimiLinear on Kimi-Linear-48B-A3B-Instruct, counted', () => {
  const count = countParams(parseHFConfig(kimi));

  it(`countParams is the published ${TOTAL}, active ${ACTIVE}, no MTP`, () => {
    expect(count.total).toBe(TOTAL);
    expect(count.active).toBe(ACTIVE);
    expect(count.mtp).toBe(0);
  });

  it('active without the embedding and the lm_head is the "A3B": 2,729,485,184', () => {
    expect(count.active - count.breakdown.embedding - count.breakdown.lmHead).toBe(2_729_485_184);
  });

  it('the parts: KDA 39,514,272 and MLA 29,114,880 per layer; a MoE block 1,819,607,296', () => {
    expect(count.breakdown.attention).toBe(20 * KDA_LAYER + 7 * MLA_LAYER);
    expect(count.layers[0]).toMatchObject({ mixer: 'state', ffn: 'dense', denseFfn: DENSE_MLP });
    expect(count.layers[3]).toMatchObject({ mixer: 'attention', attention: MLA_LAYER });
    const moe = count.layers[1]!;
    expect(moe.attention).toBe(KDA_LAYER);
    expect(moe.routedExperts + moe.sharedExperts + moe.router).toBe(MOE_BLOCK);
  });
});

describe('parseKimiLinear: layers and state', () => {
  const spec = parseKimiLinear(new ConfigReader(kimi));
  const layers = expandLayers(spec);

  it('full_attn_layers [4, 8, ..., 24, 27] are 1-indexed: MLA at 3, 7, 11, 15, 19, 23, 26, without RoPE', () => {
    const mla = layers.filter((l) => l.mixer === 'attention').map((l) => l.index);
    expect(mla).toEqual([3, 7, 11, 15, 19, 23, 26]);
    expect(layers.filter((l) => l.mixer === 'state')).toHaveLength(20);
    expect(layers.every((l) => !l.kind.rope)).toBe(true);
    expect(layers.map((l) => l.ffn.kind)).toEqual(['dense', ...Array<string>(26).fill('moe')]);
  });

  it('reads KDA from linear_attn_config and MLA with q_lora_rank null', () => {
    expect(spec.stateMixer).toEqual({ kind: 'kda', heads: 32, headDim: 128, convKernel: 4 });
    expect(spec.attention).toEqual({
      kind: 'mla',
      heads: 32,
      qLoraRank: null,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
      bias: false,
    });
    expect(spec.moe).toMatchObject({
      experts: 256,
      topK: 8,
      scoreCorrectionBias: true,
      shared: { count: 1, mlp: { intermediateSize: 1024 } },
      groupLimit: null,
    });
    expect(spec.maxContextTokens).toBe(1_048_576);
  });

  it('state per sequence per KDA layer: conv 3 × 4096 × 3 in BF16 + recurrent 32 × 128 × 128 in FP32 = 2,170,880 B', () => {
    // kimi_linear.md §3 (vLLM kda_state_shape / kda_state_dtype): × 20 KDA layers = 43,417,600 B.
    expect(stateElements(spec.stateMixer!)).toEqual({ conv: 36_864, state: 524_288 });
    expect(stateBytesPerSequencePerLayer(spec.stateMixer!)).toBe(2_170_880);
    // 7 MLA layers keep the latent and the rope key, 512 + 64 elements per token, in BF16.
    expect(kvBytesPerToken(spec, 'bf16', 'hybrid')).toBe(7 * 576 * 2);
    expect(kvBytesPerSequence(spec, 1_048_576, 'bf16', 'hybrid')).toBe(
      7 * 1_048_576 * 1152 + 43_417_600,
    );
  });
});

describe('parseKimiLinear: other spellings and fields', () => {
  it("the transformers port's layer_types and flat KDA sizes give the same count", () => {
    const layerTypes = Array.from({ length: 27 }, (_, i) =>
      [3, 7, 11, 15, 19, 23, 26].includes(i) ? 'full_attention' : 'linear_attention',
    );
    const { linear_attn_config: _l, ...rest } = kimi;
    const port = {
      ...rest,
      layer_types: layerTypes,
      linear_num_heads: 32,
      linear_head_dim: 128,
      linear_conv_kernel_dim: 4,
    };
    expect(countParams(parseHFConfig(port)).total).toBe(TOTAL);
  });

  it('DeepSeek spellings of the MoE fields give the same count', () => {
    const {
      num_experts: _e,
      num_experts_per_token: _k,
      num_shared_experts: _s,
      num_expert_group: _g,
      ...rest
    } = kimi;
    const deepseek = {
      ...rest,
      n_routed_experts: 256,
      num_experts_per_tok: 8,
      n_shared_experts: 1,
      n_group: 1,
    };
    expect(countParams(parseHFConfig(deepseek)).total).toBe(TOTAL);
  });

  it('without first_k_dense_replace the remote config default 0 makes layer 0 MoE too', () => {
    const { first_k_dense_replace: _f, ...rest } = kimi;
    expect(countParams(parseHFConfig(rest)).total).toBe(TOTAL - DENSE_MLP + MOE_BLOCK);
  });

  it('moe_layer_freq 2 keeps MoE on even layers from first_k_dense_replace on', () => {
    const spec = parseHFConfig({ ...kimi, moe_layer_freq: 2 });
    const moe = expandLayers(spec).filter((l) => l.ffn.kind === 'moe');
    expect(moe.map((l) => l.index)).toEqual(Array.from({ length: 13 }, (_, k) => 2 * k + 2));
    expect(countParams(spec).total).toBe(TOTAL - 13 * (MOE_BLOCK - DENSE_MLP));
  });

  it("the port's mlp_layer_types, when first_k_dense_replace is absent", () => {
    const { first_k_dense_replace: _f, ...rest } = kimi;
    const types = ['dense', 'dense', ...Array<string>(25).fill('sparse')];
    const spec = parseHFConfig({ ...rest, mlp_layer_types: types });
    expect(countParams(spec).total).toBe(TOTAL - MOE_BLOCK + DENSE_MLP);
  });

  it('num_shared_experts 0 drops the shared MLP; no num_experts makes every layer dense', () => {
    expect(countParams(parseHFConfig({ ...kimi, num_shared_experts: 0 })).total).toBe(
      TOTAL - 26 * 7_077_888,
    );
    const dense = parseHFConfig({ ...kimi, num_experts: null });
    expect(dense.moe).toBeNull();
    expect(countParams(dense).total).toBe(TOTAL - 26 * (MOE_BLOCK - DENSE_MLP));
  });

  it('num_nextn_predict_layers counts MTP modules apart (one MLA MoE layer + eh_proj + 3 norms)', () => {
    const count = countParams(parseHFConfig({ ...kimi, num_nextn_predict_layers: 1 }));
    expect(count.total).toBe(TOTAL);
    expect(count.mtp).toBe(MLA_LAYER + MOE_BLOCK + 2 * 2304 + 2 * 2304 * 2304 + 3 * 2304);
  });
});

describe('parseKimiLinear refuses', () => {
  const la = (change: Record<string, unknown>) => ({
    linear_attn_config: { ...linearAttn, ...change },
  });
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      '0-indexed kda_layers',
      la({ kda_layers: [0, 1, 2] }),
      'linear_attn_config.kda_layers[0]',
      'an integer >= 1',
    ],
    [
      'a layer number past the last layer',
      la({ kda_layers: [1, 28] }),
      'linear_attn_config.kda_layers[1]',
      'a 1-indexed layer number from 1 to 27',
    ],
    [
      'a layer listed as both KDA and full attention',
      la({ full_attn_layers: [1, 4] }),
      'linear_attn_config.full_attn_layers[0]',
      'a layer not in kda_layers',
    ],
    [
      'KDA layers without their head count',
      la({ num_heads: undefined }),
      'linear_attn_config.num_heads',
      'an integer >= 1',
    ],
    [
      'no layer lists at all',
      { linear_attn_config: undefined },
      'linear_attn_config.kda_layers',
      'the 1-indexed list of KDA layers (or layer_types)',
    ],
    [
      'a layer_types entry it does not know',
      { linear_attn_config: undefined, layer_types: Array<string>(27).fill('mamba2') },
      'layer_types[0]',
      '"linear_attention" or "full_attention"',
    ],
    ['a missing kv_lora_rank', { kv_lora_rank: undefined }, 'kv_lora_rank', 'an integer >= 1'],
    [
      'dense layers without intermediate_size',
      { intermediate_size: undefined },
      'intermediate_size',
      'a dense MLP width for the dense layers',
    ],
  ];
  for (const [what, change, field, expected] of cases) {
    it(`${what} (${field})`, () => {
      const error = configErrorOf(() => parseHFConfig({ ...kimi, ...change }));
      expect(error.field).toBe(field);
      expect(error.expected).toBe(expected);
    });
  }
});

describe('Kimi-Linear-48B-A3B-Instruct checked against its checkpoint', () => {
  const tensors = kimiLinearTensors(KIMI_LINEAR_48B);
  const count = countParams(parseHFConfig(kimi));

  it('20,493 tensors hold exactly the count, 49,122,681,728, with no extras', () => {
    const check = checkCheckpoint(tensors, count, 27);
    expect(check).toMatchObject({
      tensors: 20_493,
      total: TOTAL,
      matches: true,
      differences: [],
      extras: [],
      unknown: [],
    });
  });

  it('read 0-indexed, the lists would put MLA on the wrong layers: the checkpoint shows it', () => {
    const check = checkCheckpoint(tensors, countParams(parseHFConfig(readAsZeroIndexed())), 27);
    // Read 0-indexed, full_attn_layers would name layers 4, 8, ..., 24 (27 is past the end): 6 MLA
    // layers and 21 KDA where the checkpoint stores 7 and 20, so one MLA layer less, one KDA more.
    expect(check.differences).toEqual([
      { component: 'attention', parameters: 7 * MLA_LAYER - 6 * MLA_LAYER - KDA_LAYER },
    ]);
  });
});

/**
 * The fixture as a reader taking the lists as 0-indexed would see it, written 1-indexed: MLA at
 * 0-indexed 4, 8, ..., 24 (1-indexed 5, 9, ..., 25), every other layer KDA.
 */
function readAsZeroIndexed(): Record<string, unknown> {
  const full = [5, 9, 13, 17, 21, 25];
  const kda = Array.from({ length: 27 }, (_, i) => i + 1).filter((n) => !full.includes(n));
  return {
    ...kimi,
    linear_attn_config: { ...linearAttn, kda_layers: kda, full_attn_layers: full },
  };
}
