import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import { checkLimit, groupDigits, LIMITS } from '../limits.ts';
import type { MlaAttention, MlpSpec, ModelSpec, MoeSpec } from '../types.ts';
import { GLOBAL, readCheckpoint } from './common.ts';

/**
 * LongCat-Flash-Chat / -Thinking (models/longcat_flash/modular_longcat_flash.py and
 * configuration_longcat_flash.py; Meituan's remote `modeling_longcat_flash.py` on the Hub;
 * tech report arXiv 2509.01322, "ScMoE").
 *
 * - `num_layers` (config class default 28) logical layers, each with two MLA sublayers
 *   (`self_attn.0`, `self_attn.1`), two dense SwiGLU MLPs of `ffn_hidden_size` (alias
 *   `intermediate_size`; `mlps.0`, `mlps.1`) and one MoE (`mlp`) fed by a shortcut from the first
 *   sublayer. The spec has 2 x num_layers decoder layers: even ones are MLA + the MoE with
 *   `mlps.0` as its `residualDense` (run on every token beside the experts), odd ones MLA +
 *   `mlps.1` (`denseMlp`); 4 norms per logical layer (`input_layernorm.{0,1}`,
 *   `post_attention_layernorm.{0,1}`). `num_hidden_layers` counts the attention sublayers
 *   (`LongcatFlashModel.__init__` sets it to 2 x num_layers) and is never read.
 * - MLA as DeepSeek-V3's (`q_lora_rank` 1536, null: a direct q_proj as in the first version;
 *   `kv_lora_rank` 512, `qk_nope_head_dim` 128, `qk_rope_head_dim` 64, `v_head_dim` 128,
 *   `attention_bias` false); `head_dim` and the `mla_scale_*` scalars shape no weight.
 * - The MoE: `n_routed_experts` (alias `num_local_experts`, 512) SwiGLU experts of
 *   `expert_ffn_hidden_size` (2048), top `moe_topk` (alias `num_experts_per_tok`, 12) of
 *   E + `zero_expert_num` (256) slots; the zero experts (`zero_expert_type` "identity") return
 *   their input and hold no weights. The router `classifier` Linear(H, E + Z) (bias iff
 *   `router_bias`) and `e_score_correction_bias` [E + Z], a buffer stored in the checkpoint and
 *   counted, as DeepSeek-V3's is; no shared expert.
 * - The checkpoint's MTP module (`model.mtp.*`, dropped on load) has no config field giving its
 *   size, so it is not counted (`mtp` null).
 *
 * @example countParams(parseHFConfig(longcatFlashChat)).total // 560_664_980_480
 */
export function parseLongcatFlash(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const logical = readLogicalLayers(r);
  const dense: MlpSpec = {
    intermediateSize: r.intOf(['ffn_hidden_size', 'intermediate_size']),
    gated: true,
    bias: false,
  };
  return {
    name: '',
    family: 'longcat_flash',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers: 2 * logical,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readMla(r),
    attentionPattern: [GLOBAL],
    denseMlp: dense,
    moe: readScMoe(r, dense),
    // Even decoder layers (the first half of each logical layer) hold the MoE.
    moeLayers: { firstDense: 0, step: 2, offset: 0, denseLayers: [] },
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** `num_layers`, the logical layers; each is two decoder layers, so at most half the limit. */
function readLogicalLayers(r: ConfigReader): number {
  if (!r.has('num_layers')) {
    throw new ConfigError(
      r.field('num_layers'),
      undefined,
      'an integer >= 1 (the logical layers; num_hidden_layers counts attention sublayers)',
    );
  }
  const logical = r.int('num_layers');
  const most = LIMITS.layers / 2;
  if (logical > most)
    throw new ConfigError(r.field('num_layers'), logical, `at most ${groupDigits(most)}`);
  return logical;
}

/** DeepSeek-V3's multi-head latent attention (`LongcatFlashMLA`); no KV heads of its own. */
function readMla(r: ConfigReader): MlaAttention {
  const heads = r.int('num_attention_heads');
  if (r.has('num_key_value_heads') && r.int('num_key_value_heads') !== heads) {
    throw new ConfigError(
      r.field('num_key_value_heads'),
      r.raw('num_key_value_heads'),
      'equal to num_attention_heads for MLA',
    );
  }
  const nope = r.int('qk_nope_head_dim');
  const rope = r.int('qk_rope_head_dim');
  // q_b_proj is heads x qk_head_dim wide; the config class derives it as nope + rope.
  if (r.has('qk_head_dim') && r.int('qk_head_dim') !== nope + rope) {
    throw new ConfigError(
      r.field('qk_head_dim'),
      r.raw('qk_head_dim'),
      `qk_nope_head_dim + qk_rope_head_dim (${nope + rope})`,
    );
  }
  const method = r.optString('attention_method');
  if (method !== null && method !== 'MLA') {
    throw new ConfigError(r.field('attention_method'), method, '"MLA"');
  }
  return {
    kind: 'mla',
    heads,
    // null: queries projected directly (`q_proj`, the first version's branch).
    qLoraRank: r.raw('q_lora_rank') === null ? null : r.int('q_lora_rank'),
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: nope,
    qkRopeHeadDim: rope,
    vHeadDim: r.int('v_head_dim'),
    bias: r.bool('attention_bias', false),
  };
}

/**
 * The shortcut-connected MoE (`LongcatFlashMoE`, `LongcatFlashTopkRouter`): E real experts and Z
 * identity experts under one softmax router with a selection bias of E + Z entries; `mlps.0` runs
 * beside it on every token.
 */
function readScMoe(r: ConfigReader, dense: MlpSpec): MoeSpec {
  const experts = r.intOf(['n_routed_experts', 'num_local_experts']);
  const topKField = r.has('moe_topk') ? 'moe_topk' : 'num_experts_per_tok';
  const topK = r.intOf(['moe_topk', 'num_experts_per_tok']);
  checkLimit(r.field(topKField), topK, 'topK');
  if (topK > experts) {
    throw new ConfigError(r.field(topKField), topK, `at most n_routed_experts (${experts})`);
  }
  const zeroExperts = r.int('zero_expert_num', 0);
  checkLimit(r.field('zero_expert_num'), zeroExperts, 'experts');
  const type = r.optString('zero_expert_type');
  if (type !== null && type !== 'identity') {
    throw new ConfigError(r.field('zero_expert_type'), type, '"identity"');
  }
  const width = r.int('expert_ffn_hidden_size');
  checkLimit(r.field('expert_ffn_hidden_size'), width, 'intermediateSize');
  return {
    experts,
    topK,
    expert: { intermediateSize: width, gated: true, bias: false },
    routerBias: r.bool('router_bias', false),
    scoreCorrectionBias: true,
    shared: null,
    residualDense: dense,
    groupLimit: null,
    zeroExperts,
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseLongcatFlash as read };
