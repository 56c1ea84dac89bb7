/**
 * Exact parameter counts from a `ModelSpec`: every tensor of the checkpoint, by component and by
 * layer. Shapes follow the Hugging Face transformers modeling files named at each function.
 */
import { ConfigError } from '../model/errors.ts';
import { hasFfn, isMoeLayer, layerKind, mixerOf } from '../model/layers.ts';
import type { AttentionLayerKind, LayerMixer, ModelSpec } from '../model/types.ts';
import { activeRange } from './active-range.ts';
import {
  attentionParams,
  stateMixerParams,
  mlpParams,
  normParams,
  routerParams,
  sharedExpertParams,
  visionParams,
} from './blocks.ts';

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
  /** The token mixer, whose parameters are `attention`: softmax attention or a stateful mixer. */
  mixer: LayerMixer;
  ffn: 'dense' | 'moe' | 'none';
  /** The token mixer's parameters (attention, or linear attention / state-space). */
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
  /**
   * With zero-computation experts (LongCat-Flash), what one token touches varies: `min` when
   * every pick lands on a zero expert that can, `max` (= `active`) when every pick is a real
   * expert. Absent for every other model, whose `active` is exact.
   */
  activeRange?: { min: number; max: number };
  breakdown: ParamBreakdown;
  activeBreakdown: ParamBreakdown;
  layers: LayerParams[];
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

/** The parameters of a layer's token mixer: attention, a stateful mixer, or none. */
function mixerParams(spec: ModelSpec, mixer: LayerMixer): number {
  if (mixer === 'attention') return attentionParams(spec.hiddenSize, spec.attention);
  if (mixer === 'state') return stateMixerParams(spec.hiddenSize, spec.stateMixer!);
  return 0;
}

/**
 * Parameters of one decoder layer, MoE or dense, of the pattern's kind for `index` unless `kind`
 * is given (an MTP layer, past the last).
 */
export function layerParams(
  spec: ModelSpec,
  index: number,
  moeLayer: boolean,
  kind: AttentionLayerKind = layerKind(spec, index),
): LayerParams {
  const h = spec.hiddenSize;
  const mixer = mixerOf(kind);
  const withFfn = hasFfn(kind);
  const attention = mixerParams(spec, mixer);
  // One norm before each sublayer: input_layernorm and post_attention_layernorm in every family
  // read; Nemotron-H's blocks hold one sublayer and one `norm` (models/nemotron_h).
  const norms = ((mixer === 'none' ? 0 : 1) + (withFfn ? 1 : 0)) * normParams(h, spec.norm);
  const moe = withFfn && moeLayer ? spec.moe : null;
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
  } else if (withFfn && spec.denseMlp) {
    denseFfn = mlpParams(h, spec.denseMlp);
  }
  const common = attention + norms + router + sharedExperts + denseFfn;
  return {
    index,
    mixer,
    ffn: moe ? 'moe' : withFfn ? 'dense' : 'none',
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
  // An MTP module's layer attends with softmax attention and has the MoE block (Qwen3-Next's
  // `mtp.layers.0` is a full-attention layer too).
  const kind: AttentionLayerKind = { window: { kind: 'global' }, rope: true };
  const layer = layerParams(spec, spec.layers, spec.moe !== null, kind).total;
  return spec.mtp.modules * (layer + 3 * normParams(h, spec.norm) + 2 * h * h);
}

/** A layer's counts under another index: an object literal, faster than a spread per layer. */
function withIndex(l: LayerParams, index: number): LayerParams {
  return {
    index,
    mixer: l.mixer,
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

/** The layers of a model, one entry each; alike layers share one computed template. */
function countLayers(spec: ModelSpec): {
  layers: LayerParams[];
  kinds: { layer: LayerParams; count: number }[];
} {
  const layers: LayerParams[] = [];
  const pattern = spec.attentionPattern;
  // Layers of the same kind have the same counts: compute each kind once, then copy. Keyed by
  // mixer (attention 0, state 3, none 6) + feed-forward (none 0, dense 1, MoE 2), per layer.
  const slots: ({ layer: LayerParams; count: number } | undefined)[] = [];
  for (let i = 0; i < spec.layers; i++) {
    const kind = pattern[i % pattern.length]!;
    const withFfn = kind.ffn ?? true;
    const moe = withFfn && spec.moe !== null && isMoeLayer(spec.moeLayers, i);
    const key =
      (kind.mixer === 'state' ? 3 : kind.mixer === 'none' ? 6 : 0) + (withFfn ? (moe ? 2 : 1) : 0);
    let entry = slots[key];
    if (!entry) slots[key] = entry = { layer: layerParams(spec, i, moe, kind), count: 0 };
    entry.count++;
    layers.push(withIndex(entry.layer, i));
  }
  return { layers, kinds: slots.filter((e) => e !== undefined) };
}

/** Total and active breakdowns: the layers' sums plus embedding, lm_head, final norm and vision. */
function sumBreakdowns(
  spec: ModelSpec,
  kinds: readonly { layer: LayerParams; count: number }[],
): { breakdown: ParamBreakdown; activeBreakdown: ParamBreakdown } {
  const h = spec.hiddenSize;
  const breakdown = emptyBreakdown();
  const activeBreakdown = emptyBreakdown();
  for (const { layer, count: n } of kinds) {
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
  const lmHead =
    (spec.tieEmbeddings ? 0 : spec.vocabSize * h) + (spec.lmHeadBias ? spec.vocabSize : 0);
  for (const b of [breakdown, activeBreakdown]) {
    b.embedding = spec.vocabSize * h;
    b.lmHead = lmHead;
    b.norms += normParams(h, spec.norm); // the final norm
  }
  breakdown.vision = spec.vision ? visionParams(spec.vision, h) : 0;
  breakdown.mtp = mtpParams(spec);
  return { breakdown, activeBreakdown };
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
  const { layers, kinds } = countLayers(spec);
  const { breakdown, activeBreakdown } = sumBreakdowns(spec, kinds);
  const total = sumBreakdown(breakdown);
  const active = sumBreakdown(activeBreakdown);
  // The limits (model/limits.ts) bound every size, not their product: a model within them can
  // still pass 2^53, and is refused here, naming what overflowed. Every term is >= 0, so a sum
  // within 2^53 - 1 was added exactly.
  for (const [field, value] of [
    ['parameters', total],
    ['num_nextn_predict_layers', breakdown.mtp],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new ConfigError(
        field,
        value,
        'a count of at most 2^53 − 1',
        `${field}: too big to count exactly: about ${value.toExponential(2)} parameters; expected at most 2^53 − 1`,
      );
    }
  }
  const range = activeRange(spec, kinds, active);
  return {
    total,
    active,
    ...(range ? { activeRange: range } : {}),
    // Tied: the one matrix is also the lm_head, which every token uses, so nothing is excluded.
    activeExcludingEmbedding: spec.tieEmbeddings ? active : active - breakdown.embedding,
    textTotal: total - breakdown.vision,
    mtp: breakdown.mtp,
    breakdown,
    activeBreakdown,
    layers,
  };
}
