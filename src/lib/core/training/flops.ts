/**
 * Training FLOPs per token: the matmul work of a forward and a backward pass over what one token
 * touches (6 x the active matmul parameters), plus the attention scores at the training context.
 */
import { ConfigError } from '../model/errors.ts';
import { layerKind, mixerOf } from '../model/layers.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import { attentionFlopsPerToken, meanAttendedTokens } from '../serving/attention-flops.ts';
import { attendedTokens as kvAttendedTokens } from '../serving/kv-cache.ts';

/**
 * How much of the T x T score matrix a layer computes:
 * - `causal`: only the keys at or before each query (T(T+1)/2 per sequence), what FlashAttention's
 *   causal kernels compute and the convention of most published MFU figures since 2023;
 * - `full`: every query against every key of the sequence, PaLM's convention (Chowdhery et al.
 *   2022, appendix B: "12·L·H·Q·T"), twice the causal figure.
 */
export type AttentionMask = 'causal' | 'full';

export interface TrainingFlopsOptions {
  /** Tokens per training sequence (T), e.g. 4096 for DeepSeek-V3's pre-training. */
  seqLen: number;
  /** Default `causal`. */
  mask?: AttentionMask;
  /**
   * The base weights are frozen (LoRA, QLoRA): the backward pass computes the gradients of the
   * activations but not of the frozen weights, so matmuls cost 2 passes instead of 3 (forward 1x,
   * input gradients 1x; Kaplan et al. 2020, section 2.1: "the backwards pass ... approximately
   * twice the compute of the forward pass", half of it for the weight gradients). The adapters'
   * own r x (in + out) FLOPs are left out: under 1% at rank 16. Default false.
   */
  frozenWeights?: boolean;
}

/** Where one trained token's FLOPs go; every field is FLOPs per token, forward + backward. */
export interface TrainingFlopsBreakdown {
  /** q/k/v/o projections (or a stateful mixer's projections): 6 x their parameters. */
  attentionProjections: number;
  /** QK^T and AV against the attended tokens, x3 for the backward pass. */
  attentionScores: number;
  router: number;
  routedExperts: number;
  sharedExperts: number;
  denseFfn: number;
  /** The output projection (vocab x hidden), counted even when tied to the input embedding. */
  lmHead: number;
}

export interface TrainingFlops {
  /** FLOPs per trained token: `dense` + `attention`. */
  total: number;
  /** 6 x `matmulParams`: the "6N" term (4N with frozen weights). */
  dense: number;
  /** The attention-score term (PaLM's 12·L·H·Q·T, halved when causal). */
  attention: number;
  /** N: the active parameters that multiply a token (embedding lookup, norms excluded). */
  matmulParams: number;
  breakdown: TrainingFlopsBreakdown;
}

/** Training is 3 passes of matmul work: forward (1x) and backward (2x: input and weight grads). */
const PASSES = 3;
/** One multiply-accumulate is two FLOPs. */
const FLOPS_PER_MAC = 2;

/** The tokens a query of `kind` attends to on average in a sequence of `seqLen` tokens. */
function attendedTokens(kind: AttentionLayerKind, seqLen: number, mask: AttentionMask): number {
  switch (mask) {
    case 'causal':
      return meanAttendedTokens(kind, seqLen);
    case 'full':
      if (kind.window.kind === 'compressed') return kvAttendedTokens(kind, seqLen);
      return kind.window.kind === 'global' ? seqLen : Math.min(kind.window.tokens, seqLen);
    default: {
      const never: never = mask;
      throw new ConfigError('mask', never, '"causal" or "full"');
    }
  }
}

/**
 * Attention-score FLOPs per trained token, summed over the softmax-attention layers: each layer's
 * forward QK^T + AV (`attentionFlopsPerToken`, prefill form: MLA's q/k width nope + rope differs
 * from its v width) against the tokens it attends to, x3 for the backward pass. Sliding-window
 * and chunked layers attend to at most their window; linear-attention and state-space layers
 * (`mixer: 'state'`) have no quadratic term and add nothing here.
 *
 * @example Llama 3.1 8B (32 layers, 32 heads x 128), T = 8192, causal:
 *   3 x 32 x 4 x 32 x 128 x 4096.5 = 6.44e9 FLOPs per token
 */
export function attentionScoreFlopsPerToken(
  spec: ModelSpec,
  seqLen: number,
  mask: AttentionMask = 'causal',
): number {
  let forward = 0;
  for (let i = 0; i < spec.layers; i++) {
    const kind = layerKind(spec, i);
    if (mixerOf(kind) !== 'attention') continue;
    forward += attentionFlopsPerToken(spec, attendedTokens(kind, seqLen, mask), 'prefill');
  }
  return PASSES * forward;
}

function checkSeqLen(seqLen: number): void {
  if (!Number.isInteger(seqLen) || seqLen < 1)
    throw new ConfigError('seqLen', seqLen, 'a positive integer number of tokens per sequence');
}

/**
 * Training FLOPs per token. Formula (Chowdhery et al. 2022, PaLM, appendix B, "model FLOPs"):
 * 6·N + 12·L·H·Q·T, with N the non-embedding parameters a token multiplies, L layers, H heads,
 * Q head dim, T the sequence length; the attention term is halved for a causal mask
 * (`mask: 'causal'`, the default). For a Mixture-of-Experts model N is the *active* count
 * (`counts.activeBreakdown`: top-k routed experts, shared experts, dense layers, attention, and
 * the router, whose Linear(hidden, experts) is the routing matmul, so routing is included).
 * The input embedding is a lookup (no FLOPs) and is left out, as in Kaplan et al. 2020 (2.1);
 * the lm_head is a vocab x hidden matmul and is kept, as PaLM and the Llama 3 paper count it
 * (DeepSeek-V3's "37B activated" likewise excludes the embedding but not the output head), and
 * it is counted at vocab x hidden even when tied to the embedding (the matmul still runs). Norms,
 * softmax and activations (O(hidden) per token) are left out, as in PaLM. Multi-token-prediction
 * modules are not counted (DeepSeek-V3 trains one: about 2% more).
 *
 * @example Llama 3.1 405B at T = 8192, causal: N = 403.75e9 (126 layers + the 2.1e9 lm_head), so
 *   6N = 2.4225e12 and attention = 3 x 126 x 4 x 128 x 128 x 4096.5 = 1.015e11: total 2.524e12
 *   FLOPs per token (DeepSeek's Table 2 in arXiv 2505.09343 gives 2448e9 at T = 4096, no lm_head).
 */
export function trainingFlopsPerToken(
  spec: ModelSpec,
  counts: ParamCount,
  options: TrainingFlopsOptions,
): TrainingFlops {
  checkSeqLen(options.seqLen);
  const a = counts.activeBreakdown;
  const lmHeadParams = spec.vocabSize * spec.hiddenSize;
  const passes = options.frozenWeights ? PASSES - 1 : PASSES;
  const per = (params: number) => passes * FLOPS_PER_MAC * params;
  const breakdown: TrainingFlopsBreakdown = {
    attentionProjections: per(a.attention),
    attentionScores: attentionScoreFlopsPerToken(spec, options.seqLen, options.mask ?? 'causal'),
    router: per(a.router),
    routedExperts: per(a.routedExperts),
    sharedExperts: per(a.sharedExperts),
    denseFfn: per(a.denseFfn),
    lmHead: per(lmHeadParams),
  };
  const matmulParams =
    a.attention + a.router + a.routedExperts + a.sharedExperts + a.denseFfn + lmHeadParams;
  const dense = per(matmulParams);
  return {
    total: dense + breakdown.attentionScores,
    dense,
    attention: breakdown.attentionScores,
    matmulParams,
    breakdown,
  };
}
