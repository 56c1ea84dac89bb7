/**
 * Exact parameter counts from a `ModelSpec`: every tensor of the checkpoint, by component and by
 * layer. Shapes follow the Hugging Face transformers modeling files named at each function.
 */
import { ConfigError } from '../model/errors.ts';
import { isMoeLayer } from '../model/layers.ts';
import type {
  AttentionSpec,
  MlpSpec,
  ModelSpec,
  MoeSpec,
  NormSpec,
  QkNorm,
  VisionSpec,
} from '../model/types.ts';

/** Where the parameters sit. Every field is an exact integer count. */
export interface ParamBreakdown {
  embedding: number;
  lmHead: number;
  attention: number;
  norms: number;
  router: number;
  routedExperts: number;
  sharedExperts: number;
  denseFfn: number;
  vision: number;
  /** Multi-token-prediction modules: listed for completeness, never part of total or active. */
  mtp: number;
}

export type ParamComponent = keyof ParamBreakdown;

export interface LayerParams {
  index: number;
  ffn: 'dense' | 'moe';
  attention: number;
  norms: number;
  router: number;
  /** All routed experts of the layer. */
  routedExperts: number;
  /** The top-k routed experts one token uses. */
  routedExpertsActive: number;
  sharedExperts: number;
  denseFfn: number;
  total: number;
  active: number;
}

export interface ParamCount {
  /** Every parameter used for inference, vision tower included, MTP modules excluded. */
  total: number;
  /** What one text token touches: all but the routed experts, plus top-k experts per MoE layer; embedding and lm_head both counted. */
  active: number;
  /** `active` without the input embedding (gpt-oss model card convention). */
  activeExcludingEmbedding: number;
  /** `total` without the vision tower and projector. */
  textTotal: number;
  /** Multi-token-prediction modules, not included in `total` (DeepSeek-V3: 11.6B). */
  mtp: number;
  breakdown: ParamBreakdown;
  activeBreakdown: ParamBreakdown;
  layers: LayerParams[];
}

/**
 * Parameters of one MLP. Gated (SwiGLU): gate and up Linear(h, I), down Linear(I, h); plain:
 * up and down. Biases add I per input projection and h for the output.
 * Source: models/llama/modeling_llama.py `LlamaMLP`; models/gpt_oss/modeling_gpt_oss.py `GptOssExperts`.
 *
 * @example mlpParams(4096, { intermediateSize: 14336, gated: true, bias: false }) // 176_160_768
 */
export function mlpParams(hidden: number, mlp: MlpSpec): number {
  const inputs = mlp.gated ? 2 : 1;
  const weights = (inputs + 1) * hidden * mlp.intermediateSize;
  const biases = mlp.bias ? inputs * mlp.intermediateSize + hidden : 0;
  return weights + biases;
}

/** RMSNorm has a weight of `width`; LayerNorm a weight and, with bias, a bias. (torch.nn.LayerNorm) */
export function normParams(width: number, norm: NormSpec): number {
  return norm.bias ? 2 * width : width;
}

/**
 * Parameters of one attention block.
 * - GQA/MHA/MQA: q and o are heads x headDim wide, k and v kvHeads x headDim
 *   (models/llama/modeling_llama.py `LlamaAttention`); q/k norms per head (models/qwen3_moe) or
 *   full width (models/olmoe); one sink per head (models/gpt_oss).
 * - MLA: q_a (h -> qLoraRank) + q_a_layernorm + q_b (-> heads x (nope + rope)), or q_proj when
 *   qLoraRank is null; kv_a_proj_with_mqa (h -> kvLoraRank + rope) + kv_a_layernorm;
 *   kv_b (kvLoraRank -> heads x (nope + v)); o (heads x v -> h)
 *   (models/deepseek_v3/modeling_deepseek_v3.py `DeepseekV3Attention`; DeepSeek-V2 paper 2.1).
 *
 * @example attentionParams(4096, llama31_8b.attention) // 41_943_040
 */
export function attentionParams(hidden: number, attention: AttentionSpec): number {
  switch (attention.kind) {
    case 'gqa': {
      const { heads, kvHeads, headDim } = attention;
      const qWidth = heads * headDim;
      const kvWidth = kvHeads * headDim;
      let n = hidden * qWidth + 2 * hidden * kvWidth + qWidth * hidden;
      if (attention.qkvBias) n += qWidth + 2 * kvWidth;
      if (attention.outBias) n += hidden;
      n += qkNormParams(attention.qkNorm, headDim, qWidth, kvWidth);
      if (attention.sinks) n += heads;
      return n;
    }
    case 'mla': {
      const { heads, qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim } = attention;
      const qHeadDim = qkNopeHeadDim + qkRopeHeadDim;
      const bias = attention.bias ? 1 : 0;
      const q =
        qLoraRank === null
          ? hidden * heads * qHeadDim
          : hidden * qLoraRank + bias * qLoraRank + qLoraRank + qLoraRank * heads * qHeadDim;
      const kvA = hidden * (kvLoraRank + qkRopeHeadDim) + bias * (kvLoraRank + qkRopeHeadDim);
      const kvB = kvLoraRank + kvLoraRank * heads * (qkNopeHeadDim + vHeadDim);
      const o = heads * vHeadDim * hidden + bias * hidden;
      return q + kvA + kvB + o;
    }
  }
}

function qkNormParams(qkNorm: QkNorm, headDim: number, qWidth: number, kvWidth: number): number {
  switch (qkNorm) {
    case 'none':
    case 'weightless':
      return 0;
    case 'per-head':
      return 2 * headDim;
    case 'full':
      return qWidth + kvWidth;
  }
}

/**
 * The router: Linear(h, experts), with a bias (gpt-oss `router`) and/or DeepSeek-V3's
 * `e_score_correction_bias` of one value per expert (models/deepseek_v3 `DeepseekV3TopkRouter`).
 */
export function routerParams(hidden: number, moe: MoeSpec): number {
  return (
    hidden * moe.experts +
    (moe.routerBias ? moe.experts : 0) +
    (moe.scoreCorrectionBias ? moe.experts : 0)
  );
}

/** Shared experts and their optional sigmoid gate Linear(h, 1) (models/qwen2_moe `shared_expert_gate`). */
export function sharedExpertParams(hidden: number, moe: MoeSpec): number {
  if (moe.shared === null) return 0;
  return moe.shared.count * mlpParams(hidden, moe.shared.mlp) + (moe.shared.gate ? hidden : 0);
}

/**
 * Llama 4's vision tower, pixel-shuffle adapter and multi-modal projector
 * (models/llama4/modeling_llama4.py): an unfold-conv patch embedding Linear(c x p x p, d) without
 * bias, a class embedding (d), positional embeddings ((image/patch)^2 + 1) x d, LayerNorms
 * before and after, `layers` encoder layers (q, k, v, o with bias; fc1, fc2 with bias; two
 * LayerNorms with bias), the adapter MLP (fc1: intermediate -> projector_input_dim,
 * fc2: projector_output_dim -> projector_output_dim, no bias), and the projector
 * Linear(vision_output_dim, text hidden).
 *
 * @example visionParams(scoutVision, 5120) // 871_932_416
 */
export function visionParams(vision: VisionSpec, textHidden: number): number {
  switch (vision.kind) {
    case 'llama4': {
      const d = vision.hiddenSize;
      const patches = (vision.imageSize / vision.patchSize) ** 2 + 1;
      const layerNorm = 2 * d;
      const patchEmbedding = vision.channels * vision.patchSize ** 2 * d;
      const encoderLayer =
        4 * (d * d + d) + // q, k, v, o with bias
        (d * vision.intermediateSize + vision.intermediateSize) + // fc1
        (vision.intermediateSize * d + d) + // fc2
        2 * layerNorm;
      const adapter =
        vision.intermediateSize * vision.projectorInputDim +
        vision.projectorOutputDim * vision.projectorOutputDim;
      const projector =
        vision.visionOutputDim * textHidden + (vision.projectorBias ? textHidden : 0);
      return (
        patchEmbedding +
        d + // class embedding
        patches * d +
        2 * layerNorm +
        vision.layers * encoderLayer +
        adapter +
        projector
      );
    }
  }
}

function emptyBreakdown(): ParamBreakdown {
  return {
    embedding: 0,
    lmHead: 0,
    attention: 0,
    norms: 0,
    router: 0,
    routedExperts: 0,
    sharedExperts: 0,
    denseFfn: 0,
    vision: 0,
    mtp: 0,
  };
}

/** The sum of a breakdown's fields that make up the model (all but `mtp`). */
export function sumBreakdown(b: ParamBreakdown): number {
  return (
    b.embedding +
    b.lmHead +
    b.attention +
    b.norms +
    b.router +
    b.routedExperts +
    b.sharedExperts +
    b.denseFfn +
    b.vision
  );
}

function withIndex(l: LayerParams, index: number): LayerParams {
  return {
    index,
    ffn: l.ffn,
    attention: l.attention,
    norms: l.norms,
    router: l.router,
    routedExperts: l.routedExperts,
    routedExpertsActive: l.routedExpertsActive,
    sharedExperts: l.sharedExperts,
    denseFfn: l.denseFfn,
    total: l.total,
    active: l.active,
  };
}

/** Parameters of one decoder layer, MoE or dense. */
export function layerParams(spec: ModelSpec, index: number, moeLayer: boolean): LayerParams {
  const h = spec.hiddenSize;
  const attention = attentionParams(h, spec.attention);
  // Pre-attention and pre-FFN norms (input_layernorm, post_attention_layernorm in every family read).
  const norms = 2 * normParams(h, spec.norm);
  const moe = moeLayer ? spec.moe : null;
  let router = 0;
  let routedExperts = 0;
  let routedExpertsActive = 0;
  let sharedExperts = 0;
  let denseFfn = 0;
  if (moe) {
    const expert = mlpParams(h, moe.expert);
    router = routerParams(h, moe);
    routedExperts = moe.experts * expert;
    routedExpertsActive = Math.min(moe.topK, moe.experts) * expert;
    sharedExperts = sharedExpertParams(h, moe);
    denseFfn = moe.residualDense ? mlpParams(h, moe.residualDense) : 0;
  } else if (spec.denseMlp) {
    denseFfn = mlpParams(h, spec.denseMlp);
  }
  const common = attention + norms + router + sharedExperts + denseFfn;
  return {
    index,
    ffn: moe ? 'moe' : 'dense',
    attention,
    norms,
    router,
    routedExperts,
    routedExpertsActive,
    sharedExperts,
    denseFfn,
    total: common + routedExperts,
    active: common + routedExpertsActive,
  };
}

/**
 * Multi-token-prediction modules (DeepSeek-V3 report, section 2.2; the checkpoint's
 * `model.layers.61.*`): per module one MoE decoder layer, enorm and hnorm (h each),
 * eh_proj Linear(2h, h) and shared_head.norm (h). The embedding and output head are shared with
 * the main model and not counted again.
 */
export function mtpParams(spec: ModelSpec): number {
  if (spec.mtp === null || spec.mtp.modules === 0) return 0;
  const h = spec.hiddenSize;
  const layer = layerParams(spec, spec.layers, spec.moe !== null).total;
  return spec.mtp.modules * (layer + 3 * normParams(h, spec.norm) + 2 * h * h);
}

/**
 * Counts every parameter of a model, exactly.
 *
 * `total` is the checkpoint's parameter count for inference (vision tower included, MTP excluded);
 * `active` is what one text token touches, embedding and lm_head both counted (the convention of
 * the Llama 4, Mixtral, Qwen and DBRX cards).
 *
 * @example countParams(parseHFConfig(llama4ScoutConfig)).total // 108_641_793_536
 */
export function countParams(spec: ModelSpec): ParamCount {
  const h = spec.hiddenSize;
  const layers: LayerParams[] = [];
  // Layers of the same kind have the same counts: compute each kind once, then multiply.
  let denseLayer: LayerParams | null = null;
  let moeLayer: LayerParams | null = null;
  let denseCount = 0;
  let moeCount = 0;
  for (let i = 0; i < spec.layers; i++) {
    const isMoe = spec.moe !== null && isMoeLayer(spec.moeLayers, i);
    let template: LayerParams;
    if (isMoe) {
      template = moeLayer ??= layerParams(spec, i, true);
      moeCount++;
    } else {
      template = denseLayer ??= layerParams(spec, i, false);
      denseCount++;
    }
    layers.push(withIndex(template, i));
  }
  const breakdown = emptyBreakdown();
  const activeBreakdown = emptyBreakdown();
  for (const [layer, n] of [
    [denseLayer, denseCount],
    [moeLayer, moeCount],
  ] as const) {
    if (layer === null) continue;
    for (const b of [breakdown, activeBreakdown]) {
      b.attention += n * layer.attention;
      b.norms += n * layer.norms;
      b.router += n * layer.router;
      b.sharedExperts += n * layer.sharedExperts;
      b.denseFfn += n * layer.denseFfn;
    }
    breakdown.routedExperts += n * layer.routedExperts;
    activeBreakdown.routedExperts += n * layer.routedExpertsActive;
  }
  const embedding = spec.vocabSize * h;
  const lmHead =
    (spec.tieEmbeddings ? 0 : spec.vocabSize * h) + (spec.lmHeadBias ? spec.vocabSize : 0);
  const finalNorm = normParams(h, spec.norm);
  for (const b of [breakdown, activeBreakdown]) {
    b.embedding = embedding;
    b.lmHead = lmHead;
    b.norms += finalNorm;
  }
  breakdown.vision = spec.vision ? visionParams(spec.vision, h) : 0;
  const mtp = mtpParams(spec);
  breakdown.mtp = mtp;

  const total = sumBreakdown(breakdown);
  const active = sumBreakdown(activeBreakdown);
  if (!Number.isSafeInteger(total)) {
    throw new ConfigError('model', total, 'a parameter count below 2^53 (reduce the sizes)');
  }
  return {
    total,
    active,
    // Tied: the one matrix is also the lm_head, which every token uses, so nothing is excluded.
    activeExcludingEmbedding: spec.tieEmbeddings ? active : active - embedding,
    textTotal: total - breakdown.vision,
    mtp,
    breakdown,
    activeBreakdown,
    layers,
  };
}
