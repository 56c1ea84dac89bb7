/**
 * Exact parameter counts from a `ModelSpec`: every tensor of the checkpoint, by component and by
 * layer. Shapes follow the Hugging Face transformers modeling files named at each function.
 */
import { ConfigError } from '../model/errors.ts';
import { isMoeLayer } from '../model/layers.ts';
import type { ModelSpec } from '../model/types.ts';
import {
  attentionParams,
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

/** The layers of a model, one entry each; alike layers share one computed template. */
function countLayers(spec: ModelSpec): {
  layers: LayerParams[];
  kinds: { layer: LayerParams; count: number }[];
} {
  const layers: LayerParams[] = [];
  // Layers of the same kind have the same counts: compute each kind once, then copy.
  const templates: { dense: LayerParams | null; moe: LayerParams | null } = {
    dense: null,
    moe: null,
  };
  const counts = { dense: 0, moe: 0 };
  for (let i = 0; i < spec.layers; i++) {
    const kind = spec.moe !== null && isMoeLayer(spec.moeLayers, i) ? 'moe' : 'dense';
    const template = (templates[kind] ??= layerParams(spec, i, kind === 'moe'));
    counts[kind]++;
    layers.push(withIndex(template, i));
  }
  const kinds = (['dense', 'moe'] as const).flatMap((k) => {
    const layer = templates[k];
    return layer ? [{ layer, count: counts[k] }] : [];
  });
  return { layers, kinds };
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
  return {
    total,
    active,
    // Tied: the one matrix is also the lm_head, which every token uses, so nothing is excluded.
    activeExcludingEmbedding: spec.tieEmbeddings ? active : active - breakdown.embedding,
    textTotal: total - breakdown.vision,
    mtp: breakdown.mtp,
    breakdown,
    activeBreakdown,
    layers,
  };
}
