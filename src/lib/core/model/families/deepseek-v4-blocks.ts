/**
 * Parameters of DeepSeek-V4's blocks (DeepSeek-V4-Flash @60d8d707 `inference/model.py`; research:
 * docs/research/families/deepseek_v4.md §2): its attention, each compressing layer's compressor
 * and indexer, and the hyper-connections. They load with the family's reader and are counted
 * through model/family-blocks.ts, which keeps them out of the page's first download.
 */
import type { CompressedBlocks } from '../family-blocks.ts';
import type { AttentionLayerKind, CompressedAttention, HyperConnections } from '../types.ts';

/**
 * The attention every DeepSeek-V4 layer has (`Attention`): wq_a (h -> q-LoRA), q_norm, wq_b
 * (-> heads x head_dim), wkv (h -> head_dim), kv_norm, wo_a (each of the outGroups groups of
 * heads -> outRank: outRank x heads x head_dim in all), wo_b (outGroups x outRank -> h),
 * attn_sink (one per head); no biases. V4-Flash: 106,956,352.
 */
export function coreAttentionParams(hidden: number, a: CompressedAttention): number {
  const width = a.heads * a.headDim;
  const query = hidden * a.qLoraRank + a.qLoraRank + a.qLoraRank * width;
  const out = a.outRank * width + a.outGroups * a.outRank * hidden;
  return query + hidden * a.headDim + a.headDim + out + a.heads;
}

/**
 * A layer's compressor and indexer (`Compressor`, `Indexer`). A layer that compresses by `ratio`
 * pools each window of tokens with learned gates: ape [ratio, c x head_dim] (FP32), wkv and wgate
 * Linear(h, c x head_dim), norm [head_dim], where c is 2 for the overlapping windows of the layers
 * with the indexer (CSA: `overlap = compress_ratio == 4`, the indexer's condition too) and 1
 * otherwise. The indexer: wq_b (q-LoRA -> heads x head_dim), weights_proj Linear(h, heads) and an
 * overlapping compressor of its own on its head_dim. V4-Flash: 8,393,216 (CSA) + 10,749,056 (its
 * indexer); 4,260,352 (HCA, ratio 128).
 */
export function compressorParams(
  hidden: number,
  a: CompressedAttention,
  ratio: number,
  indexed: boolean,
): number {
  const c = indexed ? 2 : 1;
  const pool = (width: number) => ratio * c * width + 2 * hidden * c * width + width;
  if (ratio === 0) return 0;
  const { heads, headDim } = a.indexer;
  const indexer = indexed ? heads * headDim * a.qLoraRank + hidden * heads + pool(headDim) : 0;
  return pool(a.headDim) + indexer;
}

/**
 * The hyper-connections (paper section 2.2; `Block`): before and after each of a layer's two
 * sublayers, hc_*_fn [(2 + n) x n, n x h], hc_*_base [(2 + n) x n] and hc_*_scale [3], FP32, for
 * n streams: 786,486 per layer for V4-Flash (n 4, h 4096). The final collapse
 * (`Transformer.hc_head_*`, and each MTP module's own): [n, n x h], [n], [1].
 */
export function hyperConnectionsOf(hidden: number, hc: HyperConnections, head: boolean): number {
  const n = hc.streams;
  if (head) return n * n * hidden + n + 1;
  const mix = (2 + n) * n;
  return 2 * (mix * n * hidden + mix + 3);
}

/** A layer kind's attention: the core, and its compressor and indexer where it has them. */
function layerAttention(hidden: number, a: CompressedAttention, kind?: AttentionLayerKind): number {
  const core = coreAttentionParams(hidden, a);
  if (!kind || kind.window.kind !== 'compressed') return core;
  return core + compressorParams(hidden, a, kind.window.ratio, kind.indexer !== false);
}

export const DEEPSEEK_V4_BLOCKS: CompressedBlocks = {
  attention: layerAttention,
  hyperConnections: hyperConnectionsOf,
};
