/**
 * Attention FLOPs: what one query token computes against the cached tokens it attends to, and
 * how many tokens that is on average over a causal prompt.
 */
import { hasIndexer } from '../model/layers.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import { HOPPER_DEVICES, SM100_DEVICES } from './architectures.ts';
import type { EngineId } from './engines.ts';

/**
 * Attention score FLOPs per query token per layer against `kept` cached tokens, over all heads:
 * GQA, and DeepSeek-V4 over its entries (one key-value vector of head_dim each): QK^T and AV,
 * 2 x 2 x heads x headDim x kept. MLA decode with absorbed projections:
 * 2 x heads x (kvLoraRank + rope) for scores + 2 x heads x kvLoraRank for values, per kept token
 * (DeepSeek-V2 paper 2.1.2); MLA prefill: 2 x heads x (nope + rope + v) per kept token.
 */
export function attentionFlopsPerToken(
  spec: ModelSpec,
  kept: number,
  phase: 'decode' | 'prefill',
): number {
  const a = spec.attention;
  if (a.kind !== 'mla') return 4 * a.heads * a.headDim * kept;
  if (phase === 'decode') return 2 * a.heads * (2 * a.kvLoraRank + a.qkRopeHeadDim) * kept;
  return 2 * a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim) * kept;
}

/** Mean tokens attended to per query over a causal prompt of `length` tokens. */
export function meanAttendedTokens(kind: AttentionLayerKind, length: number): number {
  const w = kind.window;
  if (w.kind === 'global') return (length + 1) / 2;
  if (w.kind === 'compressed') {
    // The window's, and the compressed entries (kv-cache.ts `attendedTokens`) at position p, p / ratio.
    const window = meanAttendedTokens(
      { window: { kind: 'sliding', tokens: w.tokens }, rope: true },
      length,
    );
    return window + (w.ratio > 0 ? pooledSum(length, w.ratio, Infinity) / length : 0);
  }
  if (w.kind === 'sliding') {
    if (length <= w.tokens) return (length + 1) / 2;
    return ((w.tokens * (w.tokens + 1)) / 2 + (length - w.tokens) * w.tokens) / length;
  }
  const full = Math.floor(length / w.tokens);
  const rest = length - full * w.tokens;
  return ((full * w.tokens * (w.tokens + 1)) / 2 + (rest * (rest + 1)) / 2) / length;
}

/**
 * DSA's top-k, where the model has the lightning indexer (DeepSeek-V3.2, GLM-5): a query's sparse
 * attention reads at most this many cached tokens, the indexer's picks, in every layer, a layer
 * that shares another's picks too (GLM-5.2's IndexShare). Null for dense attention.
 * transformers `models/glm_moe_dsa/modeling_glm_moe_dsa.py` `GlmMoeDsaIndexer.forward`:
 * `topk = min(self.index_topk, total_len)`, applied to the attention as a mask.
 */
export function sparseTopK(spec: ModelSpec): number | null {
  const a = spec.attention;
  return a.kind === 'mla' && a.indexer ? a.indexer.topK : null;
}

/**
 * The most entries a query reads in a layer of this kind: DSA's top-k (`sparseTopK`); in a
 * DeepSeek-V4 layer with the indexer, its window and the `index_topk` compressed entries the
 * indexer picks (inference/model.py `Attention.forward`: the window's positions, then the
 * indexer's top-k offsets); null where it reads all it attends to (DeepSeek-V4's HCA layers read
 * every compressed entry).
 */
export function layerTopK(spec: ModelSpec, kind: AttentionLayerKind): number | null {
  const a = spec.attention;
  if (a.kind !== 'compressed') return sparseTopK(spec);
  return kind.window.kind === 'compressed' && hasIndexer(spec, kind)
    ? kind.window.tokens + a.indexer.topK
    : null;
}

/** Mean tokens a query reads over a causal prompt of `length` when it reads at most `k`. */
export function meanSelectedTokens(length: number, k: number): number {
  return meanAttendedTokens({ window: { kind: 'sliding', tokens: k }, rope: true }, length);
}

/**
 * floor(p / ratio), at most `cap`, summed over positions p = 1 ... n: the compressed entries the
 * queries of a prompt see (floor(p / ratio) for the one at p), or read of them (at most `cap`).
 */
function pooledSum(n: number, ratio: number, cap: number): number {
  const last = Math.min(n, cap === Infinity ? n : cap * ratio - 1); // below it, floor(p / r) < cap
  const q = Math.floor(last / ratio);
  const below = q > 0 ? (ratio * q * (q - 1)) / 2 + q * (last - q * ratio + 1) : 0;
  return n > last ? below + (n - last) * cap : below;
}

/**
 * Mean entries a query of a layer of this kind reads over a causal prompt of `length`: all it
 * attends to, or DSA's top-k of them, or a DeepSeek-V4 CSA layer's window and its indexer's top-k
 * of the compressed entries (`layerTopK`).
 */
export function meanReadTokens(spec: ModelSpec, kind: AttentionLayerKind, length: number): number {
  const topK = layerTopK(spec, kind);
  if (topK === null) return meanAttendedTokens(kind, length);
  const w = kind.window;
  if (w.kind !== 'compressed') return meanSelectedTokens(length, topK);
  const window = meanAttendedTokens(
    { window: { kind: 'sliding', tokens: w.tokens }, rope: true },
    length,
  );
  return window + pooledSum(length, w.ratio, topK - w.tokens) / length;
}

/**
 * Attention FLOPs per query token of one layer of `kind` on one of `tp` tensor-parallel ranks,
 * DSA included: the core over the `selected` tokens it reads (all `attended` for dense
 * attention), split by head over the ranks, in MLA's absorbed (MQA) form in prefill as in decode
 * ("we implement DSA based on the MQA mode of MLA", DeepSeek-V3.2-Exp report, section 2.1: the
 * latent is the key and value of every head), and, in a layer that holds the lightning indexer, its
 * scores over all `attended`: per token and index head a dot product of `index_head_dim`, 2 x
 * heads x headDim (`GlmMoeDsaIndexer.forward`: q . k per head, ReLU, weighted sum over heads; run
 * in FP8 by the engines, counted here at the attention's rate). The indexer is not split: vLLM
 * and SGLang keep it whole on every rank ("no tensor parallel, just replicated", tensor-split.ts),
 * so each rank scores every query of its batch. A sparse kernel that computes at least
 * `kernelHeads` heads (sparsePrefillKernelHeads) does the core's work for that many on a rank that
 * holds fewer.
 */
export function layerAttentionFlops(
  spec: ModelSpec,
  kind: AttentionLayerKind,
  attended: number,
  selected: number,
  phase: 'decode' | 'prefill',
  tp = 1,
  kernelHeads = 0,
): number {
  const a = spec.attention;
  if (a.kind === 'compressed') {
    // DeepSeek-V4: the core over the entries read; a CSA layer's indexer scores every compressed
    // entry (counted whole on each rank, as DSA's).
    const core = attentionFlopsPerToken(spec, selected, phase) / tp;
    return hasIndexer(spec, kind)
      ? core + 2 * a.indexer.heads * a.indexer.headDim * attended
      : core;
  }
  const sparse = a.kind === 'mla' && a.indexer;
  // DSA runs in MLA's MQA mode in prefill too: each query's own top-k share no decompressed keys.
  const core = attentionFlopsPerToken(spec, selected, sparse ? 'decode' : phase) / tp;
  if (!sparse) return core;
  const padded = core * Math.max(1, (kernelHeads * tp) / a.heads);
  return hasIndexer(spec, kind) ? padded + 2 * sparse.heads * sparse.headDim * attended : padded;
}

/**
 * The heads FlashMLA's sparse kernel computes for each query, whatever a rank holds: 64 on Hopper,
 * 128 on Blackwell (SM100 family). vLLM and SGLang pad the queries of DSA's prefill to them, zeros
 * in the heads a rank lacks: vLLM `v1/attention/backends/mla/flashmla_sparse.py`
 * `FlashMLASparseImpl` (`self.padding = 128 if current_platform.is_device_capability(100) else
 * 64`, `q_padded` before `flash_mla_sparse_prefill`); SGLang `layers/attention/nsa_backend.py`
 * `_forward_flashmla_sparse` ("FlashMLA sparse kernel requires num_heads to be a multiple of 64
 * (Hopper) or 128 (Blackwell)"; its default prefill backend). So DeepSeek-V3.2's 128 heads under
 * TP 8 on an H200, 16 a rank, cost the core of 64: four times their own. 0 (no padding) for
 * TensorRT-LLM, whose own kernels run it, for AMD's and TPUs' kernels, and on Ampere and the RTX
 * PRO 6000, which FlashMLA is not built for. Decode is left unpadded: its attention reads the
 * selected tokens' cache, and vLLM's FP8 cache decodes through FlashMLA's dense-cache kernel.
 */
export function sparsePrefillKernelHeads(deviceId: string, engine: EngineId): number {
  if (engine !== 'vllm' && engine !== 'sglang') return 0;
  if (SM100_DEVICES.has(deviceId)) return 128;
  return HOPPER_DEVICES.has(deviceId) ? 64 : 0;
}

/**
 * Where DSA's sparse prefill kernel computes more heads than a rank holds: the kernel's heads and
 * the rank's (sparsePrefillKernelHeads); null for dense attention or where none are padded.
 *
 * @example paddedSparsePrefillHeads(v32, 8, 'h200', 'vllm') // { kernel: 64, rank: 16 }
 */
export function paddedSparsePrefillHeads(
  spec: ModelSpec,
  tp: number,
  deviceId: string,
  engine: EngineId,
): { kernel: number; rank: number } | null {
  const a = spec.attention;
  if (a.kind !== 'mla' || !a.indexer) return null;
  const kernel = sparsePrefillKernelHeads(deviceId, engine);
  const rank = a.heads / tp;
  return kernel > rank ? { kernel, rank } : null;
}
