/**
 * KV cache: what each layer stores per token, and how many tokens it keeps.
 */
import { kvDtypeBytes, type KvDtype } from './weight-formats.ts';
import { expandLayers } from '../model/layers.ts';
import type { AttentionLayerKind, AttentionSpec, ModelSpec } from '../model/types.ts';

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
 *
 * @example kvBytesPerTokenPerLayer(scout.attention, 'bf16') // 4096 = 2 x 8 x 128 x 2
 */
export function kvBytesPerTokenPerLayer(attention: AttentionSpec, dtype: KvDtype): number {
  const bytes = kvDtypeBytes(dtype);
  switch (attention.kind) {
    case 'gqa':
      return 2 * attention.kvHeads * attention.headDim * bytes;
    case 'mla':
      return (attention.kvLoraRank + attention.qkRopeHeadDim) * bytes;
  }
}

/** Tokens a layer keeps in its cache at a context of `contextTokens`. */
export function keptTokens(
  kind: AttentionLayerKind,
  contextTokens: number,
  layout: KvLayout,
): number {
  if (layout === 'full' || kind.window.kind === 'global') return contextTokens;
  return Math.min(contextTokens, kind.window.tokens);
}

/** Rounds a token count up to whole cache blocks (vLLM pages the cache in blocks of 16 tokens). */
export function roundUpToBlock(tokens: number, blockTokens: number): number {
  return Math.ceil(tokens / blockTokens) * blockTokens;
}

/**
 * KV bytes of one sequence over the given layers (all by default), before any split.
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
  const perToken = kvBytesPerTokenPerLayer(spec.attention, dtype);
  const indices = layers ?? expandLayers(spec).map((l) => l.index);
  let tokens = 0;
  for (const i of indices) {
    const kind = spec.attentionPattern[i % spec.attentionPattern.length]!;
    tokens += roundUpToBlock(keptTokens(kind, contextTokens, layout), blockTokens);
  }
  return tokens * perToken;
}

/**
 * Bytes each further token adds once the context is past every window: the layers that keep
 * the whole context (hybrid: global layers only; full: every layer).
 *
 * @example kvBytesPerToken(scout, 'bf16', 'hybrid') // 49_152 = 12 global layers x 4096
 */
export function kvBytesPerToken(spec: ModelSpec, dtype: KvDtype, layout: KvLayout): number {
  let growing = 0;
  for (let i = 0; i < spec.layers; i++) {
    const kind = spec.attentionPattern[i % spec.attentionPattern.length]!;
    if (layout === 'full' || kind.window.kind === 'global') growing++;
  }
  return growing * kvBytesPerTokenPerLayer(spec.attention, dtype);
}
