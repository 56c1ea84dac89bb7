import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { MlaAttention, MlaIndexer, ModelSpec, MoeSpec } from '../types.ts';
import { GLOBAL, readCheckpoint } from './common.ts';

type DeepseekFamily = 'deepseek_v2' | 'deepseek_v3' | 'deepseek_v32' | 'kimi_k2';

/**
 * DeepSeek-V2, DeepSeek-V3, DeepSeek-V3.2 and Kimi K2 (models/deepseek_v2/modeling_deepseek_v2.py,
 * models/deepseek_v3/modeling_deepseek_v3.py; Kimi K2 ships the DeepSeek-V3 architecture;
 * DeepSeek-V3.2 is V3 plus the lightning indexer of DeepSeek Sparse Attention in every layer,
 * DeepSeek-V3.2-Exp `inference/model.py` `Indexer`).
 *
 * - Multi-head latent attention (DeepSeek-V2 paper, section 2.1).
 * - The first `first_k_dense_replace` layers are dense (`intermediate_size`); after them every
 *   `moe_layer_freq`-th layer is MoE with `n_routed_experts` experts of `moe_intermediate_size`,
 *   top `num_experts_per_tok`, and `n_shared_experts` shared experts of the same width.
 * - V3 and K2 route with `e_score_correction_bias` (one per expert, stored in the checkpoint);
 *   V2 routes greedily without it.
 * - `num_nextn_predict_layers` MTP modules (DeepSeek-V3 report, section 2.2) are counted apart.
 */
export function parseDeepseek(r: ConfigReader, family: DeepseekFamily): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const moeWidth = r.int('moe_intermediate_size');
  const freq = r.optInt('moe_layer_freq', 1);
  const shared = r.optInt('n_shared_experts', 0, 0);
  const experts = r.int('n_routed_experts');
  const qLoraRank = r.optInt('q_lora_rank', null);
  if (
    r.has('num_key_value_heads') &&
    r.int('num_key_value_heads') !== r.int('num_attention_heads')
  ) {
    // MLA has no KV heads of its own; a different value would mean a different architecture.
    throw new ConfigError(
      r.field('num_key_value_heads'),
      r.raw('num_key_value_heads'),
      'equal to num_attention_heads for MLA',
    );
  }
  return {
    name: '',
    family,
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readMla(r, qLoraRank, family === 'deepseek_v32'),
    attentionPattern: [GLOBAL],
    denseMlp: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
    moe: readMoe(r, family, { experts, moeWidth, shared }),
    moeLayers: {
      firstDense: r.optInt('first_k_dense_replace', 0, 0),
      step: freq,
      offset: 0,
      denseLayers: [],
    },
    vision: null,
    mtp: { modules: r.optInt('num_nextn_predict_layers', 0, 0) },
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** Multi-head latent attention (DeepSeek-V2 paper, section 2.1), with V3.2's indexer. */
function readMla(r: ConfigReader, qLoraRank: number | null, indexed: boolean): MlaAttention {
  return {
    kind: 'mla',
    heads: r.int('num_attention_heads'),
    qLoraRank,
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: r.int('qk_nope_head_dim'),
    qkRopeHeadDim: r.int('qk_rope_head_dim'),
    vHeadDim: r.int('v_head_dim'),
    bias: r.bool('attention_bias', false),
    ...(indexed ? { indexer: readIndexer(r, qLoraRank) } : {}),
  };
}

/**
 * The lightning indexer: `index_n_heads` heads of `index_head_dim`, and `index_topk`, the tokens
 * it picks for each query (no parameters of its own). Its wq_b reads the q-LoRA latent, so it needs `q_lora_rank`
 * (DeepSeek-V3.2-Exp `inference/model.py` `Indexer.wq_b = Linear(q_lora_rank, n_heads * head_dim)`).
 */
function readIndexer(r: ConfigReader, qLoraRank: number | null): MlaIndexer {
  if (qLoraRank === null) {
    throw new ConfigError(
      r.field('q_lora_rank'),
      r.raw('q_lora_rank'),
      'an integer: the DeepSeek-V3.2 indexer reads the q-LoRA latent',
    );
  }
  return {
    heads: r.int('index_n_heads'),
    headDim: r.int('index_head_dim'),
    topK: r.int('index_topk'),
  };
}

/**
 * Routed experts of `moe_intermediate_size` and `n_shared_experts` shared experts of the same
 * width; V3 and K2 select with `e_score_correction_bias`, V2 only with `topk_method` "noaux_tc".
 */
function readMoe(
  r: ConfigReader,
  family: DeepseekFamily,
  sizes: { experts: number; moeWidth: number; shared: number },
): MoeSpec {
  const { experts, moeWidth, shared } = sizes;
  return {
    experts,
    topK: r.int('num_experts_per_tok'),
    expert: { intermediateSize: moeWidth, gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: family !== 'deepseek_v2' || r.optString('topk_method') === 'noaux_tc',
    shared:
      shared > 0
        ? {
            count: shared,
            mlp: { intermediateSize: moeWidth, gated: true, bias: false },
            gate: false,
          }
        : null,
    residualDense: null,
    groupLimit: readGroupLimit(r),
  };
}

/** Group-limited routing: experts in `n_group` groups, a token picks experts in at most `topk_group` (DeepSeek-V3 report 2.1.2). */
function readGroupLimit(r: ConfigReader): { groups: number; topGroups: number } | null {
  const groups = r.optInt('n_group', 1);
  const topGroups = r.optInt('topk_group', groups);
  return groups > 1 && topGroups < groups ? { groups, topGroups } : null;
}

/** This module's reader, as families/registry.ts loads it. */
export { parseDeepseek as read };
