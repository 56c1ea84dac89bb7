import type { AttentionSpec } from './attention-spec.ts';
import type { CheckpointFormat } from './checkpoint-format.ts';
import type { StateMixerSpec } from './mixers.ts';

export type {
  AttentionSpec,
  CompressedAttention,
  GqaAttention,
  MlaAttention,
  MlaIndexer,
} from './attention-spec.ts';

export type { CheckpointFormat, QuantScheme } from './checkpoint-format.ts';

export type {
  GatedDeltaNetMixer,
  KdaMixer,
  LightningMixer,
  Mamba1Mixer,
  Mamba2Mixer,
  StateMixerSpec,
} from './mixers.ts';

/**
 * The normalized architecture of a decoder-only transformer, dense or Mixture-of-Experts.
 *
 * One `ModelSpec` describes every model family the explorer reads. It is compact (layer patterns
 * are rules, not per-layer lists) so that a slider can change one number and the rest follows;
 * `expandLayers` turns it into one `LayerSpec` per layer.
 */

/** Norm layers: RMSNorm has a weight; LayerNorm has a weight and, optionally, a bias. */
export type NormKind = 'rmsnorm' | 'layernorm';

export interface NormSpec {
  kind: NormKind;
  /** LayerNorm with a bias vector (Phi-3.5-MoE); false for RMSNorm and bias-free LayerNorm (DBRX). */
  bias: boolean;
}

/**
 * Normalisation of queries and keys before attention.
 * - `none`: no q/k norm.
 * - `per-head`: an RMSNorm of width head_dim shared by all heads (Qwen3 `q_norm`/`k_norm`).
 * - `full`: an RMSNorm over the full projection width (OLMoE: heads x head_dim, kv_heads x head_dim).
 * - `weightless`: an L2 norm without parameters (Llama 4 `use_qk_norm`).
 */
export type QkNorm = 'none' | 'per-head' | 'full' | 'weightless';

export type AttentionKind = AttentionSpec['kind'];

/** Which past tokens a layer attends to; it decides how much KV cache the layer keeps. */
export type AttentionWindow =
  | { kind: 'global' }
  | { kind: 'sliding'; tokens: number }
  | { kind: 'chunked'; tokens: number }
  | CompressedWindow;

/**
 * A DeepSeek-V4 layer's reach: its last `tokens` (the sliding window) uncompressed, and, when
 * `ratio` > 0, one compressed entry per `ratio` tokens of the whole context (`compress_ratios`:
 * 0 the window alone, 4 CSA, 128 HCA).
 */
export interface CompressedWindow {
  kind: 'compressed';
  tokens: number;
  ratio: number;
}

/**
 * What mixes tokens in a layer:
 * - `attention`: softmax attention (`ModelSpec.attention`), with a KV cache per token;
 * - `state`: the model's linear-attention or state-space mixer (`ModelSpec.stateMixer`), with a
 *   fixed-size state per sequence instead;
 * - `none`: nothing (Nemotron-H's blocks that hold only an MLP or only the experts).
 */
export type LayerMixer = 'attention' | 'state' | 'none';

/** One layer kind in the repeating layer pattern. */
export interface AttentionLayerKind {
  window: AttentionWindow;
  /** false for NoPE layers (Llama 4's global layers). */
  rope: boolean;
  /** The layer's token mixer; absent: `attention`. */
  mixer?: LayerMixer;
  /** false for a block without a feed-forward (Nemotron-H's mixer-only blocks: one norm). */
  ffn?: boolean;
  /**
   * false: an attention layer without the indexer (GLM-5.2's IndexShare, where it reuses the
   * last one's top-k; DeepSeek-V4's layers that do not compress by 4).
   */
  indexer?: boolean;
  /**
   * The router picks the layer's experts by token id from a fixed table (DeepSeek-V4's first
   * `num_hash_layers`, `tid2eid`, stored but not a parameter), so it has no score-correction bias.
   */
  hashRouted?: boolean;
}

/** A feed-forward block: gated (gate, up, down: SwiGLU) or plain (up, down). */
export interface MlpSpec {
  intermediateSize: number;
  gated: boolean;
  bias: boolean;
}

export interface SharedExperts {
  /** Number of shared experts; each has the width of `mlp`. They run for every token. */
  count: number;
  mlp: MlpSpec;
  /** A sigmoid gate Linear(hidden, 1) on the shared expert output (Qwen2-MoE `shared_expert_gate`). */
  gate: boolean;
}

export interface MoeSpec {
  /** Routed experts per MoE layer. */
  experts: number;
  /** Routed experts each token is sent to. */
  topK: number;
  /** One routed expert. */
  expert: MlpSpec;
  /** The router Linear(hidden, experts) has a bias (gpt-oss). */
  routerBias: boolean;
  /** A learned per-expert bias used only for selection (DeepSeek-V3 `e_score_correction_bias`). */
  scoreCorrectionBias: boolean;
  shared: SharedExperts | null;
  /** A dense MLP run in parallel with the experts on every token (Snowflake Arctic). */
  residualDense: MlpSpec | null;
  /**
   * Group-limited routing: experts form `groups` groups and a token's experts lie in at most
   * `topGroups` of them (DeepSeek-V3 `n_group` 8, `topk_group` 4: node-limited routing).
   */
  groupLimit: { groups: number; topGroups: number } | null;
  /**
   * Zero-computation experts (LongCat-Flash `zero_expert_num`, models/longcat_flash): router
   * slots beyond `experts` that return their input scaled, with no weights. A token's top-k picks
   * may land on them, so it uses from max(0, topK − zeroExperts) to topK real experts.
   */
  zeroExperts?: number;
}

/**
 * Which layers are MoE: layer i is MoE when i >= firstDense, i % step === offset and i is not in
 * `denseLayers`; otherwise it is dense. Llama 4 interleave step 2 is {step: 2, offset: 1};
 * DeepSeek-V3 is {firstDense: 3, step: 1, offset: 0}.
 */
export interface MoeLayerPattern {
  firstDense: number;
  step: number;
  offset: number;
  denseLayers: readonly number[];
}

/** Llama 4's vision encoder + pixel-shuffle adapter + projector (models/llama4/modeling_llama4.py). */
export interface Llama4Vision {
  kind: 'llama4';
  layers: number;
  hiddenSize: number;
  intermediateSize: number;
  imageSize: number;
  patchSize: number;
  channels: number;
  visionOutputDim: number;
  projectorInputDim: number;
  projectorOutputDim: number;
  /** Bias on the multi-modal projector Linear(vision_output_dim, text hidden). */
  projectorBias: boolean;
}

/**
 * Qwen3-VL's vision tower (models/qwen3_vl/modeling_qwen3_vl.py `Qwen3VLVisionModel`, used by
 * models/qwen3_vl_moe): a Conv3d patch embedding, learned position embeddings, `layers` ViT
 * blocks, a patch merger and one DeepStack merger per `deepstack_visual_indexes` entry. The
 * mergers project to `out_hidden_size`, which is the text hidden size.
 */
export interface Qwen3VlVision {
  kind: 'qwen3_vl';
  /** `depth`. */
  layers: number;
  hiddenSize: number;
  intermediateSize: number;
  patchSize: number;
  temporalPatchSize: number;
  /** `in_channels`. */
  channels: number;
  /** `num_position_embeddings`. */
  positionEmbeddings: number;
  spatialMergeSize: number;
  /** len(`deepstack_visual_indexes`). */
  deepstackMergers: number;
}

export type VisionSpec = Llama4Vision | Qwen3VlVision;

/** Multi-token-prediction modules (DeepSeek-V3 report, section 2.2); not part of inference. */
export interface MtpSpec {
  /** `num_nextn_predict_layers`: each is one MoE decoder layer plus its projection and norms. */
  modules: number;
  /** The MTP layer's kind where it is not a global softmax-attention layer (DeepSeek-V4's). */
  kind?: AttentionLayerKind;
}

/**
 * Manifold-constrained hyper-connections (DeepSeek-V4, paper section 2.2; `inference/model.py`
 * `Block.hc_pre`/`hc_post`, `Transformer.hc_head`): the residual stream is `streams` copies of the
 * hidden state, mixed before and after each sublayer by learned FP32 maps.
 */
export interface HyperConnections {
  /** hc_mult. */
  streams: number;
}

export type Family =
  | 'llama'
  | 'mistral'
  | 'llama4'
  | 'mixtral'
  | 'qwen2_moe'
  | 'qwen3_moe'
  | 'qwen3_vl_moe'
  | 'deepseek_v2'
  | 'deepseek_v3'
  | 'deepseek_v32'
  | 'glm_moe_dsa'
  | 'kimi_k2'
  | 'dbrx'
  | 'gpt_oss'
  | 'olmoe'
  | 'phimoe'
  | 'granitemoe'
  | 'granitemoeshared'
  | 'glm4_moe'
  | 'glm4_moe_lite'
  | 'dots1'
  | 'minimax_m2'
  | 'ernie4_5_moe'
  | 'bailing_moe'
  | 'hunyuan_v1_moe'
  | 'qwen3_next'
  | 'qwen3_5_moe'
  | 'kimi_linear'
  | 'jamba'
  | 'nemotron_h'
  | 'granitemoehybrid'
  | 'minimax'
  | 'longcat_flash'
  | 'deepseek_v4';

export interface ModelSpec {
  name: string;
  family: Family;
  hiddenSize: number;
  vocabSize: number;
  layers: number;
  /** The input embedding and the lm_head share one matrix. */
  tieEmbeddings: boolean;
  lmHeadBias: boolean;
  norm: NormSpec;
  attention: AttentionSpec;
  /**
   * Repeats over the layers: layer i uses attentionPattern[i % length], or, after a prefix,
   * attentionPattern[(i - prefix length) % length].
   */
  attentionPattern: readonly AttentionLayerKind[];
  /**
   * The kinds of the first layers, where they differ from the repeating pattern (DeepSeek-V4's
   * first window-only or HCA layers and hash-routed layers); absent: none.
   */
  attentionPrefix?: readonly AttentionLayerKind[];
  /** The mixer of the pattern's `state` layers; absent or null when there are none. */
  stateMixer?: StateMixerSpec | null;
  /** The MLP of dense layers; null when every layer is MoE. */
  denseMlp: MlpSpec | null;
  /** null for a dense model. */
  moe: MoeSpec | null;
  moeLayers: MoeLayerPattern;
  vision: VisionSpec | null;
  mtp: MtpSpec | null;
  /** DeepSeek-V4's hyper-connections; absent or null: a plain residual stream. */
  hyperConnections?: HyperConnections | null;
  /** `max_position_embeddings`; null when the config does not say. */
  maxContextTokens: number | null;
  checkpoint: CheckpointFormat;
}

/** One decoder layer, as `expandLayers` resolves it. */
export interface LayerSpec {
  index: number;
  attention: AttentionSpec;
  kind: AttentionLayerKind;
  /** The layer's token mixer (`kind.mixer`, `attention` when absent). */
  mixer: LayerMixer;
  ffn: { kind: 'dense'; mlp: MlpSpec } | { kind: 'moe'; moe: MoeSpec } | { kind: 'none' };
}
