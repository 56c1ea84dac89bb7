/**
 * The token mixers that keep a fixed-size state per sequence instead of a KV cache per token:
 * linear attention (Gated DeltaNet, KDA, lightning attention) and state-space layers (Mamba-1,
 * Mamba-2). A layer uses one when its pattern entry says `mixer: 'state'` (types.ts).
 */

/**
 * Gated DeltaNet (models/qwen3_next/modular_qwen3_next.py `Qwen3NextGatedDeltaNet`): q and k
 * with `keyHeads` heads of `keyHeadDim`, v and the output gate z with `valueHeads` of
 * `valueHeadDim`, a depthwise causal convolution of `convKernel` over q, k and v.
 */
export interface GatedDeltaNetMixer {
  kind: 'gated_deltanet';
  keyHeads: number;
  valueHeads: number;
  keyHeadDim: number;
  valueHeadDim: number;
  convKernel: number;
}

/**
 * Kimi Delta Attention (moonshotai/Kimi-Linear-48B-A3B-Instruct `modeling_kimi.py`
 * `KimiDeltaAttention`): `heads` heads of `headDim` for q, k and v, each with its short
 * convolution of `convKernel`; low-rank forget and output gates of rank `headDim`.
 */
export interface KdaMixer {
  kind: 'kda';
  heads: number;
  headDim: number;
  convKernel: number;
}

/**
 * Lightning attention (MiniMax-Text-01 `modeling_minimax_text_01.py`
 * `MiniMaxText01LightningAttention`): a linear attention with `heads` heads of `headDim`, a
 * per-head decay and no convolution; its state is one headDim x headDim matrix per head.
 */
export interface LightningMixer {
  kind: 'lightning';
  heads: number;
  headDim: number;
}

/**
 * Mamba-1 (models/jamba/modeling_jamba.py `JambaMambaMixer`): an inner width of
 * `innerSize` (expand x hidden), a state of `stateSize` per channel, a depthwise convolution of
 * `convKernel`, a time-step projection of rank `dtRank`; Jamba adds RMSNorms on dt, B and C.
 */
export interface Mamba1Mixer {
  kind: 'mamba1';
  innerSize: number;
  stateSize: number;
  convKernel: number;
  dtRank: number;
  convBias: boolean;
  projBias: boolean;
  /** Jamba's `dt_layernorm`, `b_layernorm`, `c_layernorm`. */
  innerNorms: boolean;
}

/**
 * Mamba-2 (models/nemotron_h/modeling_nemotron_h.py `NemotronHMamba2Mixer`,
 * models/granitemoehybrid `GraniteMoeHybridMambaLayer`): `heads` heads of `headDim` (inner width
 * heads x headDim), B and C in `groups` groups of `stateSize`, a depthwise convolution of
 * `convKernel` over x, B and C, and a gated RMSNorm of the inner width.
 */
export interface Mamba2Mixer {
  kind: 'mamba2';
  heads: number;
  headDim: number;
  groups: number;
  stateSize: number;
  convKernel: number;
  convBias: boolean;
  projBias: boolean;
}

/** A token mixer that keeps a fixed-size state per sequence instead of a KV cache per token. */
export type StateMixerSpec =
  GatedDeltaNetMixer | KdaMixer | LightningMixer | Mamba1Mixer | Mamba2Mixer;

/** The name of a linear-attention or state-space mixer: "Gated DeltaNet", "Mamba-2". */
export function stateMixerName(mixer: StateMixerSpec): string {
  return {
    gated_deltanet: 'Gated DeltaNet',
    kda: 'Kimi Delta Attention',
    lightning: 'lightning attention',
    mamba1: 'Mamba',
    mamba2: 'Mamba-2',
  }[mixer.kind];
}
