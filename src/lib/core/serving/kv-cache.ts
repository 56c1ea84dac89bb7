/**
 * KV cache: what each layer stores per token, and how many tokens it keeps.
 */
import { kvRowBytes, type KvDtype } from './weight-formats.ts';
import { layerKind, mixerOf } from '../model/layers.ts';
import type {
  AttentionLayerKind,
  AttentionSpec,
  CompressedAttention,
  MlaAttention,
  ModelSpec,
  StateMixerSpec,
} from '../model/types.ts';

/**
 * - `hybrid`: each layer keeps what it attends to: sliding-window layers the last `window`
 *   tokens, chunked layers at most one chunk, global layers everything (SGLang's hybrid cache,
 *   PR 6563; vLLM's hybrid KV cache manager).
 * - `full`: every layer keeps the whole context (vLLM at the Llama 4 launch).
 */
export type KvLayout = 'hybrid' | 'full';
export const KV_LAYOUTS: readonly KvLayout[] = ['hybrid', 'full'];

/**
 * Bytes one token adds to one layer's cache, before any tensor-parallel split.
 * - GQA/MHA/MQA: K and V, kvHeads x headDim each: 2 x kvHeads x headDim x bytes.
 * - MLA: the compressed latent and the shared RoPE key, stored once for all heads:
 *   (kvLoraRank + qkRopeHeadDim) x bytes (DeepSeek-V2 paper 2.1.2; ISCA'25 "Insights into
 *   DeepSeek-V3", Table 1: 576 elements per layer).
 * - DeepSeek-V4: per entry (a recent token, or a compressed one, `keptTokens`), one head_dim
 *   vector that is both key and value (inference/model.py `Attention.kv_cache` [.., window +
 *   max_seq_len // ratio, head_dim]), plus the indexer's key in a layer that has one: 512 x bytes
 *   + 132 for V4-Flash's CSA layers (its FP8 key is counted on the window's entries too: at most
 *   128 x 132 B a layer more than the engines keep).
 *
 * @example kvBytesPerTokenPerLayer(scout.attention, 'bf16') // 4096 = 2 x 8 x 128 x 2
 */
export function kvBytesPerTokenPerLayer(
  attention: AttentionSpec,
  dtype: KvDtype,
  withIndexer = true,
): number {
  switch (attention.kind) {
    case 'gqa':
      return 2 * kvRowBytes(attention.kvHeads * attention.headDim, dtype);
    case 'mla':
      return (
        kvRowBytes(attention.kvLoraRank + attention.qkRopeHeadDim, dtype) +
        (withIndexer ? indexerKeyBytes(attention) : 0)
      );
    case 'compressed':
      return kvRowBytes(attention.headDim, dtype) + (withIndexer ? indexerKeyBytes(attention) : 0);
  }
}

/** Bytes a layer of this kind caches per token: the indexer's key only where it has one. */
export function kvBytesPerTokenOfKind(
  spec: ModelSpec,
  kind: AttentionLayerKind,
  dtype: KvDtype,
): number {
  return kvBytesPerTokenPerLayer(spec.attention, dtype, kind.indexer !== false);
}

/**
 * DeepSeek-V3.2's lightning indexer keeps its own key per token and layer, in FP8 with one FP32
 * scale per 128 values whatever the KV cache's format (DeepSeek-V3.2-Exp inference/model.py
 * `Indexer.k_cache` float8_e4m3fn, `k_scale_cache`): 128 + 4 = 132 bytes for index_head_dim 128.
 * DeepSeek-V4's, one per compressed entry, the same in vLLM's FP8 layout
 * (`DeepseekV4IndexerCache`).
 */
export function indexerKeyBytes(attention: MlaAttention | CompressedAttention): number {
  const headDim = attention.indexer?.headDim;
  return headDim ? headDim + Math.ceil(headDim / 128) * 4 : 0;
}

/**
 * Bytes of the state one sequence keeps in one linear-attention or state-space layer, whatever
 * its length: the convolution's last kernel − 1 inputs in BF16 and the recurrent state in FP32,
 * as vLLM keeps them (`MambaStateShapeCalculator`: conv_state (conv_dim, kernel − 1), temporal
 * state in `mamba_ssm_cache_dtype`, which Qwen3-Next's and Nemotron 3's configs set to float32
 * and vLLM's KDA state always is).
 * - Gated DeltaNet: conv (2 key + value) channels; state valueHeads x keyHeadDim x valueHeadDim.
 * - KDA: conv 3 x heads x headDim channels; state heads x headDim x headDim.
 * - Lightning attention: no conv; state heads x headDim x headDim (vLLM `linear_attention_state_shape`).
 * - Mamba-1: conv innerSize channels; state innerSize x stateSize.
 * - Mamba-2: conv heads x headDim + 2 x groups x stateSize channels; state heads x headDim x stateSize.
 *
 * @example stateBytesPerSequencePerLayer(qwen3Next.stateMixer) // 2_146_304 = 8192·3·2 + 32·128·128·4
 */
export function stateBytesPerSequencePerLayer(mixer: StateMixerSpec): number {
  const { conv, state } = stateElements(mixer);
  return conv * 2 + state * 4;
}

/** Elements of a stateful mixer's convolution window and recurrent state, per sequence. */
export function stateElements(mixer: StateMixerSpec): { conv: number; state: number } {
  switch (mixer.kind) {
    case 'gated_deltanet': {
      const channels =
        2 * mixer.keyHeads * mixer.keyHeadDim + mixer.valueHeads * mixer.valueHeadDim;
      return {
        conv: channels * (mixer.convKernel - 1),
        state: mixer.valueHeads * mixer.keyHeadDim * mixer.valueHeadDim,
      };
    }
    case 'kda':
      return {
        conv: 3 * mixer.heads * mixer.headDim * (mixer.convKernel - 1),
        state: mixer.heads * mixer.headDim * mixer.headDim,
      };
    case 'lightning':
      return { conv: 0, state: mixer.heads * mixer.headDim * mixer.headDim };
    case 'mamba1':
      return {
        conv: mixer.innerSize * (mixer.convKernel - 1),
        state: mixer.innerSize * mixer.stateSize,
      };
    case 'mamba2': {
      const inner = mixer.heads * mixer.headDim;
      return {
        conv: (inner + 2 * mixer.groups * mixer.stateSize) * (mixer.convKernel - 1),
        state: inner * mixer.stateSize,
      };
    }
  }
}

/**
 * Entries a DeepSeek-V4 layer keeps and reads at a context of `contextTokens`: its last `tokens`
 * and one per `ratio` tokens of the whole context (inference/model.py `Attention.forward`: the
 * window's keys and the compressor's entries, concatenated).
 */
function compressedEntries(w: { tokens: number; ratio: number }, contextTokens: number): number {
  return (
    Math.min(contextTokens, w.tokens) + (w.ratio > 0 ? Math.floor(contextTokens / w.ratio) : 0)
  );
}

/**
 * Tokens a layer keeps in its cache at a context of `contextTokens` (none without attention);
 * DeepSeek-V4's layers keep their entries under either layout (the compression is the model's).
 */
export function keptTokens(
  kind: AttentionLayerKind,
  contextTokens: number,
  layout: KvLayout,
): number {
  if (mixerOf(kind) !== 'attention') return 0;
  if (kind.window.kind === 'compressed') return compressedEntries(kind.window, contextTokens);
  if (layout === 'full' || kind.window.kind === 'global') return contextTokens;
  return Math.min(contextTokens, kind.window.tokens);
}

/**
 * FP32 state one sequence keeps in a DeepSeek-V4 layer's compressors, whatever its length: the
 * tokens of the window being pooled, c x ratio of them, each a key-value and a gate score of c x
 * head_dim (inference/model.py `Compressor.kv_state`, `score_state`; c is 2 where the windows
 * overlap, with the indexer, whose own compressor keeps the same on its head_dim). V4-Flash:
 * 65,536 + 16,384 bytes a CSA layer, 524,288 an HCA layer.
 */
export function compressorStateBytes(spec: ModelSpec, kind: AttentionLayerKind): number {
  const a = spec.attention;
  if (a.kind !== 'compressed' || kind.window.kind !== 'compressed') return 0;
  const ratio = kind.window.ratio;
  const indexed = kind.indexer !== false;
  const c = indexed ? 2 : 1;
  const pool = (width: number, c: number) => c * ratio * 2 * c * width * 4;
  return ratio === 0 ? 0 : pool(a.headDim, c) + (indexed ? pool(a.indexer.headDim, 2) : 0);
}

/**
 * Tokens a layer's attention reads for the token at position `contextTokens`, itself included: a
 * global layer all of them, a sliding-window layer at most its window, a chunked layer those of
 * its own chunk, ((position - 1) mod chunk) + 1. Llama 4's chunked layers see only their chunk
 * (transformers models/llama4/modeling_llama4.py: the chunked causal mask of
 * `attention_chunk_size`), so at 8,704 tokens they read 512, not 8,192.
 */
export function attendedTokens(kind: AttentionLayerKind, contextTokens: number): number {
  if (mixerOf(kind) !== 'attention') return 0;
  const w = kind.window;
  if (w.kind === 'global') return contextTokens;
  if (w.kind === 'sliding') return Math.min(contextTokens, w.tokens);
  if (w.kind === 'compressed') return compressedEntries(w, contextTokens);
  return ((contextTokens - 1) % w.tokens) + 1;
}

/**
 * What a decode step reads of one layer's cache for a query over `tokens` cached, `perToken` bytes
 * each: all of them, or under DeepSeek Sparse Attention (`topK`, attention-flops.ts `sparseTopK`)
 * the latent KV of the top `topK` the indexer picks and the indexer's own key of every token
 * (`indexerBytes` of `perToken`; 0 in a layer that shares another's picks). transformers
 * `models/glm_moe_dsa/modeling_glm_moe_dsa.py`: the indexer scores all cached keys, the attention
 * keeps `min(index_topk, total_len)` of them.
 */
export function layerReadBytes(
  tokens: number,
  topK: number | null,
  perToken: number,
  indexerBytes: number,
): number {
  if (topK === null) return tokens * perToken;
  return Math.min(tokens, topK) * (perToken - indexerBytes) + tokens * indexerBytes;
}

/**
 * KV heads each device keeps under tensor parallelism: GQA splits K/V heads over tp (replicating
 * them when tp > kvHeads); MLA's latent and DeepSeek-V4's one key-value head are shared by all
 * heads, so every TP rank keeps all of it (why DeepSeek serves attention data-parallel).
 */
export function kvShareOnDevice(spec: ModelSpec, tp: number): number {
  const a = spec.attention;
  if (a.kind !== 'gqa') return 1;
  return Math.ceil(a.kvHeads / tp) / a.kvHeads;
}

/** Rounds a token count up to whole cache blocks (vLLM pages the cache in blocks of 16 tokens). */
export function roundUpToBlock(tokens: number, blockTokens: number): number {
  return Math.ceil(tokens / blockTokens) * blockTokens;
}

/**
 * KV bytes of one sequence over the given layers (all by default), before any split; a
 * linear-attention or state-space layer adds its fixed state instead.
 *
 * @example kvBytesPerSequence(scout, 1_000_000, 'bf16', 'hybrid') // 50_359_959_552
 *   12 global layers x 1,000,000 x 4096 + 36 chunked layers x 8192 x 4096
 */
export function kvBytesPerSequence(
  spec: ModelSpec,
  contextTokens: number,
  dtype: KvDtype,
  layout: KvLayout,
  blockTokens = 1,
  layers: readonly number[] | null = null,
): number {
  const perState = spec.stateMixer ? stateBytesPerSequencePerLayer(spec.stateMixer) : 0;
  let bytes = 0;
  let states = 0;
  const add = (kind: AttentionLayerKind, count: number) => {
    if (mixerOf(kind) === 'state') states += count;
    const kept = roundUpToBlock(keptTokens(kind, contextTokens, layout), blockTokens);
    bytes +=
      count * (kept * kvBytesPerTokenOfKind(spec, kind, dtype) + compressorStateBytes(spec, kind));
  };
  if (layers === null) {
    // Every decoder layer: past a prefix of F (layers.ts `layerKind`), layer i is the pattern's
    // entry (i - F) mod P, so entry j stands for floor((L - F) / P) layers, and one more when
    // j < (L - F) mod P. The searches for the largest context and batch call this thousands of
    // times at start-up, so not layer by layer.
    const prefix = (spec.attentionPrefix ?? []).slice(0, spec.layers);
    for (const kind of prefix) add(kind, 1);
    const pattern = spec.attentionPattern;
    const whole = Math.floor((spec.layers - prefix.length) / pattern.length);
    const rest = (spec.layers - prefix.length) % pattern.length;
    pattern.forEach((kind, j) => add(kind, whole + (j < rest ? 1 : 0)));
  } else for (const i of layers) add(layerKind(spec, i), 1);
  return bytes + states * perState;
}

/**
 * Bytes each further token adds once the context is past every window: the layers that keep
 * the whole context (hybrid: global layers only; full: every layer), and a DeepSeek-V4 layer's
 * entry for each `ratio` tokens (a fraction of a byte per token where it compresses by 128).
 *
 * @example kvBytesPerToken(scout, 'bf16', 'hybrid') // 49_152 = 12 global layers x 4096
 */
export function kvBytesPerToken(spec: ModelSpec, dtype: KvDtype, layout: KvLayout): number {
  let bytes = 0;
  for (let i = 0; i < spec.layers; i++) {
    const kind = layerKind(spec, i);
    const w = kind.window;
    if (mixerOf(kind) !== 'attention') continue;
    if (w.kind === 'compressed') {
      if (w.ratio > 0) bytes += kvBytesPerTokenOfKind(spec, kind, dtype) / w.ratio;
    } else if (layout === 'full' || w.kind === 'global')
      bytes += kvBytesPerTokenOfKind(spec, kind, dtype);
  }
  return bytes;
}
