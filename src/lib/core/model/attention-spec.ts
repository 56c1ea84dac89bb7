/**
 * The attention kinds a `ModelSpec` describes (types.ts re-exports them): grouped-query
 * attention, multi-head latent attention and DeepSeek-V4's compressed attention.
 */
import type { QkNorm } from './types.ts';

/** Multi-head attention with grouped key/value heads; MHA when kvHeads = heads, MQA when 1. */
export interface GqaAttention {
  kind: 'gqa';
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Bias on the q, k and v projections. */
  qkvBias: boolean;
  /** Bias on the output projection. */
  outBias: boolean;
  /** q, k, v fused into one projection (DBRX `Wqkv`); same parameter count, kept for display. */
  fusedQkv: boolean;
  qkNorm: QkNorm;
  /** One learned sink logit per head (gpt-oss `sinks`). */
  sinks: boolean;
  /**
   * A sigmoid output gate per head computed by q_proj, which is then twice as wide
   * (models/qwen3_next/modular_qwen3_next.py `Qwen3NextAttention`, "gated attention").
   */
  outputGate?: boolean;
}

/**
 * Multi-head latent attention (DeepSeek-V2 paper, section 2.1; models/deepseek_v3/modeling_deepseek_v3.py).
 * Queries go through a low-rank bottleneck when `qLoraRank` is set; keys and values always do.
 */
export interface MlaAttention {
  kind: 'mla';
  heads: number;
  /** null: queries are projected directly (DeepSeek-V2-Lite). */
  qLoraRank: number | null;
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
  /** `attention_bias`: bias on q_a_proj, kv_a_proj_with_mqa and o_proj. */
  bias: boolean;
  /** DeepSeek Sparse Attention's lightning indexer (deepseek_v32); absent or null: none. */
  indexer?: MlaIndexer | null;
}

/**
 * The lightning indexer of DeepSeek-V3.2 (DeepSeek-V3.2-Exp `inference/model.py` `Indexer`):
 * `index_n_heads` query heads of `index_head_dim` read from the q-LoRA latent, one key head; it
 * picks the `index_topk` cached tokens each query's attention reads.
 */
export interface MlaIndexer {
  heads: number;
  headDim: number;
  topK: number;
}

/**
 * DeepSeek-V4's hybrid attention (models/deepseek_v4/modeling_deepseek_v4.py `DeepseekV4Attention`;
 * DeepSeek-V4-Flash `inference/model.py` `Attention`, `Compressor`, `Indexer`): queries through a
 * low-rank bottleneck (wq_a, q_norm, wq_b), one key that is also the value for every head (wkv,
 * kv_norm: MQA of `head_dim`), a learned sink per head, and a grouped low-rank output
 * projection (wo_a per group of heads, then wo_b). Every layer attends to its last `window`
 * tokens; a layer that compresses (its kind's window, `ratio` 4 or 128) also attends to one
 * pooled entry per `ratio` older tokens, which its compressor writes, and a layer that
 * compresses by 4 picks `indexer.topK` of them with its own lightning indexer (CSA; by 128: HCA).
 */
export interface CompressedAttention {
  kind: 'compressed';
  heads: number;
  /** head_dim: the width of a query head and of the one shared key-value head. */
  headDim: number;
  /** qk_rope_head_dim: the part of head_dim that carries RoPE. */
  ropeHeadDim: number;
  qLoraRank: number;
  /** o_groups: the output projection's groups of heads; o_lora_rank: each group's width. */
  outGroups: number;
  outRank: number;
  /** sliding_window: the recent tokens every layer attends to uncompressed. */
  window: number;
  /** The lightning indexer of the layers that compress by 4. */
  indexer: MlaIndexer;
}

export type AttentionSpec = GqaAttention | MlaAttention | CompressedAttention;

/**
 * The widths of a token's query, key and value activations in one attention layer, all heads:
 * GQA's q and its kvHeads keys and values; DeepSeek-V4's q and its one key-value vector;
 * MLA's decompressed q, k (nope + rope) and v per head.
 *
 * @example qkvWidth(deepseekV4Flash.attention) // 33,280 = 64 × 512 + 512
 */
export function qkvWidth(a: AttentionSpec): number {
  if (a.kind === 'gqa') return (a.heads + 2 * a.kvHeads) * a.headDim;
  if (a.kind === 'compressed') return (a.heads + 1) * a.headDim;
  return a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim);
}
