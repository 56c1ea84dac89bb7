/**
 * Activation memory of one decoder layer in training, per GPU and per micro-batch, after
 * Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"
 * (§4.1, Eq. (1): s·b·h·(34 + 5·a·s/h) bytes per layer; §4.2.2, with tensor and sequence
 * parallel: s·b·h/t·(34 + 5·a·s/h); §5, selective recomputation: 34·s·b·h/t; full
 * recomputation: 2·s·b·h per layer, its input only).
 *
 * The paper's terms, per token, for a GPT layer of width h with a heads and a 4h MLP (bytes,
 * 16-bit activations, 1-byte dropout masks): attention 11h (QKV input 2h, Q and K 4h, V 2h,
 * output-projection input 2h, dropout mask h) + 5·a·s (softmax 2, its dropout mask 1, dropout
 * output 2, per key); MLP 19h (first linear input 2h, GeLU input 8h, second linear input 8h,
 * dropout mask h); two layer norms 4h. Here the same terms are read from the model's shapes:
 * GQA and MLA widths, gated MLPs (gate and up outputs both kept), sliding windows (a query sees
 * min(s, window) keys), and MoE layers (router scores; each token's top-k copies through an
 * expert MLP of the MoE intermediate size, scaled by the capacity factor).
 */
import { ConfigError } from '../model/errors.ts';
import { layerKind } from '../model/layers.ts';
import type { AttentionLayerKind, MlpSpec, ModelSpec } from '../model/types.ts';
import type { LayerParams } from '../params/count.ts';
import type { TrainingPrecision } from './memory-states.ts';

/**
 * - `none`: every activation kept, the attention scores (s² per head) included;
 * - `selective`: the attention core (softmax, dropout, scores x V) recomputed (Korthikanti §5),
 *   which is what FlashAttention does anyway: no s² term;
 * - `full`: only each layer's input kept, the layer recomputed in the backward pass.
 */
export type Recompute = 'none' | 'selective' | 'full';

export interface ActivationSettings {
  seqLen: number;
  microBatch: number;
  /** Tensor parallel, with sequence parallel (Megatron requires it for MoE with tp > 1). */
  tp: number;
  /** Context parallel: each GPU holds seqLen / cp of the tokens. */
  cp: number;
  /** Expert-tensor parallel: tokens gathered over etp GPUs, expert width split etp ways. */
  etp: number;
  recompute: Recompute;
  precision: TrainingPrecision;
  /** Expert capacity factor; 1 for dropless routing with balanced load (Megatron's default). */
  capacityFactor: number;
}

/** 16-bit activations, as Korthikanti counts them. */
const ACT = 2;

/**
 * Bytes per element of a tensor saved as a GEMM input: 2 in bf16; in fp8, 1 plus one FP32
 * scale per 1 x 128 tile (DeepSeek-V3 §3.3.2 "per token per 128 channels"; §3.3.3: "we cache
 * and dispatch activations in FP8").
 */
export function gemmInputBytes(precision: TrainingPrecision): number {
  switch (precision) {
    case 'bf16':
      return 2;
    case 'fp8':
      return 1 + 4 / 128;
    default:
      throw new ConfigError('precision', precision, 'bf16 or fp8');
  }
}

/** Tokens each GPU holds: s·b / (tp·cp) (sequence parallel splits them tp ways, context parallel cp ways). */
export function tokensPerGpu(settings: ActivationSettings): number {
  return (settings.seqLen * settings.microBatch) / (settings.tp * settings.cp);
}

/** Keys each query sees: the whole sequence, or the layer's window or chunk. */
function keysPerQuery(kind: AttentionLayerKind, seqLen: number): number {
  return kind.window.kind === 'global' ? seqLen : Math.min(seqLen, kind.window.tokens);
}

/**
 * The token mixer's activations per token, without the score term: input norm 2h, QKV input,
 * Q, K and V, output-projection input, dropout mask h. MHA gives 13h (Korthikanti's 11h + one
 * layer norm). A state mixer (Mamba, linear attention) is counted like MHA: an approximation.
 */
function mixerTokenBytes(spec: ModelSpec, kind: AttentionLayerKind, lin: number): number {
  const h = spec.hiddenSize;
  const mixer = kind.mixer ?? 'attention';
  if (mixer === 'none') return 0;
  const a = spec.attention;
  if (mixer === 'state') return 2 * h + lin * h + ACT * 3 * h + lin * h + h;
  if (a.kind === 'gqa') {
    const q = a.heads * a.headDim;
    const kv = a.kvHeads * a.headDim;
    const gate = a.outputGate ? ACT * q : 0;
    return 2 * h + lin * h + ACT * (q + 2 * kv) + gate + lin * q + h;
  }
  if (a.kind === 'compressed') {
    // DeepSeek-V4: the q-LoRA latent, the queries and the one key-value head, the grouped output
    // projection's two inputs (heads x head_dim, then groups x rank).
    const q = a.heads * a.headDim;
    return (
      2 * h +
      lin * h +
      lin * a.qLoraRank +
      ACT * (q + a.headDim) +
      lin * q +
      lin * a.outGroups * a.outRank +
      h
    );
  }
  const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const latents = lin * ((a.qLoraRank ?? 0) + a.kvLoraRank) + ACT * a.qkRopeHeadDim;
  const qkv = ACT * a.heads * (2 * qk + a.vHeadDim);
  return 2 * h + lin * h + latents + qkv + lin * a.heads * a.vHeadDim + h;
}

/** An MLP's inner activations per token: activation input (gate and up when gated) and second-linear input. */
function mlpInnerBytes(mlp: MlpSpec, lin: number): number {
  const f = mlp.intermediateSize;
  return ACT * f * (mlp.gated ? 2 : 1) + lin * f;
}

/**
 * The feed-forward block's activations per GPU token: a dense MLP (norm 2h, first-linear input,
 * inner terms, dropout mask h: Korthikanti's 19h + one norm for a 4h MLP), or a MoE block: norm,
 * its input (shared by router, shared experts and dispatch), FP32 router scores (4 bytes per
 * expert), the shared experts' and residual MLP's inner terms, and k x capacity copies of each
 * token through a routed expert: its permuted input and its output kept for the weighted
 * combine (both gathered over etp GPUs), and the inner terms (split etp ways).
 */
function ffnTokenBytes(spec: ModelSpec, layer: LayerParams, s: ActivationSettings): number {
  const h = spec.hiddenSize;
  const lin = gemmInputBytes(s.precision);
  if (layer.ffn === 'none') return 0;
  if (layer.ffn === 'dense') {
    const mlp = spec.denseMlp ?? spec.moe?.residualDense;
    if (!mlp) return 0;
    return 2 * h + lin * h + mlpInnerBytes(mlp, lin) + h;
  }
  const moe = spec.moe!;
  const shared = moe.shared ? moe.shared.count * mlpInnerBytes(moe.shared.mlp, lin) : 0;
  const residual = moe.residualDense ? mlpInnerBytes(moe.residualDense, lin) : 0;
  const slots = moe.experts + (moe.zeroExperts ?? 0);
  const perCopy = s.etp * (lin * h + ACT * h) + mlpInnerBytes(moe.expert, lin);
  const routed = Math.min(moe.topK, slots) * s.capacityFactor * perCopy;
  return 2 * h + lin * h + 4 * slots + shared + residual + routed + h;
}

/**
 * Activation bytes of one decoder layer on one GPU, for one micro-batch: tokensPerGpu x the
 * per-token terms, plus 5·a·keys per token for the attention scores when nothing is recomputed
 * (5·a·s²·b/t with tensor and sequence parallel, §4.2.2). With full recomputation, the layer's input only: 2 bytes x h per token.
 *
 * @example layerActivationBytes(gpt3Like, layer, { seqLen: 2048, microBatch: 1, tp: 8, ... 'selective' }) // 2048/8 x 34 x 12288
 */
export function layerActivationBytes(
  spec: ModelSpec,
  layer: LayerParams,
  settings: ActivationSettings,
): number {
  const tokens = tokensPerGpu(settings);
  const kind = layerKind(spec, layer.index);
  switch (settings.recompute) {
    case 'full':
      return tokens * ACT * spec.hiddenSize;
    case 'selective':
    case 'none': {
      const lin = gemmInputBytes(settings.precision);
      const kept = mixerTokenBytes(spec, kind, lin) + ffnTokenBytes(spec, layer, settings);
      const attends = (kind.mixer ?? 'attention') === 'attention';
      const scores =
        settings.recompute === 'none' && attends
          ? 5 * spec.attention.heads * keysPerQuery(kind, settings.seqLen)
          : 0;
      return tokens * (kept + scores);
    }
    default:
      throw new ConfigError('recompute', settings.recompute, 'none, selective or full');
  }
}
