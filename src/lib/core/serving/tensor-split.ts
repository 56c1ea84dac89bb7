/**
 * What one tensor-parallel rank holds of a layer's token mixer. The engines split attention by
 * head, but keep some projections whole on every rank; the bytes each rank stores and reads, and
 * the FLOPs it does, follow (deployment.ts, step.ts).
 */
import type { AttentionSpec, ModelSpec } from '../model/types.ts';
import { attentionParams, indexerParams } from '../params/blocks.ts';
import type { LayerParams } from '../params/count.ts';

/**
 * Parameters of one attention block that one of `tp` tensor-parallel ranks holds. The engines
 * split most of it by head, but keep some of it whole on every rank:
 * - MLA: q_a_proj, q_a_layernorm, kv_a_proj_with_mqa, kv_a_layernorm and the lightning indexer are
 *   `ReplicatedLinear` (vLLM and SGLang `models/deepseek_v2.py`; the indexer: "no tensor parallel,
 *   just replicated"); q_b / q_proj, kv_b and o_proj are split. vLLM's Wide-EP post says it of
 *   DeepSeek-V3 on 8 x H200: "for MLA models, each rank must duplicate latent attention
 *   projections" (vllm-project.github.io, 2025-12-17).
 * - DeepSeek-V4: likewise its q-LoRA down-projection and its one key-value head; its compressors
 *   and indexer, outside `attentionParams`, stay whole (`mixerParamsOnRank`).
 * - GQA: with more ranks than KV heads, each rank keeps ceil(kvHeads / tp) K and V heads (vLLM
 *   `QKVParallelLinear`, `num_kv_head_replicas`), as it keeps their cache (kv-cache.ts).
 *
 * @example attentionParamsPerRank(7168, deepseekV3.attention, 8)
 *   // 36,636,672: (187,107,328 - 15,140,864) / 8 + 15,140,864 replicated
 */
export function attentionParamsPerRank(hidden: number, attention: AttentionSpec, tp: number) {
  const total = attentionParams(hidden, attention);
  if (tp <= 1) return total;
  if (attention.kind === 'mla') {
    const { qLoraRank, kvLoraRank, qkRopeHeadDim } = attention;
    const bias = attention.bias ? 1 : 0;
    const kvA = (hidden + bias) * (kvLoraRank + qkRopeHeadDim) + kvLoraRank;
    const qA = qLoraRank === null ? 0 : (hidden + bias) * qLoraRank + qLoraRank;
    const replicated = qA + kvA + indexerParams(hidden, attention);
    return (total - replicated) / tp + replicated;
  }
  if (attention.kind === 'compressed') {
    // DeepSeek-V4, by analogy with MLA: the q-LoRA down-projection and the one key-value head
    // (wq_a, q_norm, wkv, kv_norm) whole on every rank, the heads' wq_b, wo_a, wo_b and sinks split.
    const { qLoraRank: q, headDim } = attention;
    const replicated = hidden * q + q + hidden * headDim + headDim;
    return (total - replicated) / tp + replicated;
  }
  const kv = 2 * attention.kvHeads * attention.headDim * (hidden + (attention.qkvBias ? 1 : 0));
  return (total - kv) / tp + (kv * Math.ceil(attention.kvHeads / tp)) / attention.kvHeads;
}

/**
 * A layer's token-mixer parameters on one of `tp` tensor-parallel ranks: softmax attention as the
 * engines split it, some projections whole on every rank (`attentionParamsPerRank`), less the
 * replicated indexer a layer that shares another's does not hold (GLM-5.2's IndexShare: its
 * attention counts that much less); a linear-attention or state-space mixer split `tp` ways.
 */
export function mixerParamsOnRank(spec: ModelSpec, l: LayerParams, tp: number): number {
  if (l.mixer !== 'attention' || tp <= 1) return l.attention / tp;
  const missing = attentionParams(spec.hiddenSize, spec.attention) - l.attention;
  return attentionParamsPerRank(spec.hiddenSize, spec.attention, tp) - missing;
}
