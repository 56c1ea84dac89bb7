/**
 * Attention FLOPs: what one query token computes against the cached tokens it attends to, and
 * how many tokens that is on average over a causal prompt.
 */
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';

/**
 * Attention score FLOPs per query token per layer against `kept` cached tokens, over all heads:
 * GQA: QK^T and AV, 2 x 2 x heads x headDim x kept. MLA decode with absorbed projections:
 * 2 x heads x (kvLoraRank + rope) for scores + 2 x heads x kvLoraRank for values, per kept token
 * (DeepSeek-V2 paper 2.1.2); MLA prefill: 2 x heads x (nope + rope + v) per kept token.
 */
export function attentionFlopsPerToken(
  spec: ModelSpec,
  kept: number,
  phase: 'decode' | 'prefill',
): number {
  const a = spec.attention;
  if (a.kind === 'gqa') return 4 * a.heads * a.headDim * kept;
  if (phase === 'decode') return 2 * a.heads * (2 * a.kvLoraRank + a.qkRopeHeadDim) * kept;
  return 2 * a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim) * kept;
}

/** Mean tokens attended to per query over a causal prompt of `length` tokens. */
export function meanAttendedTokens(kind: AttentionLayerKind, length: number): number {
  const w = kind.window;
  if (w.kind === 'global') return (length + 1) / 2;
  if (w.kind === 'sliding') {
    if (length <= w.tokens) return (length + 1) / 2;
    return ((w.tokens * (w.tokens + 1)) / 2 + (length - w.tokens) * w.tokens) / length;
  }
  const full = Math.floor(length / w.tokens);
  const rest = length - full * w.tokens;
  return ((full * w.tokens * (w.tokens + 1)) / 2 + (rest * (rest + 1)) / 2) / length;
}
