/**
 * Exact parameter counts from a `ModelSpec`: every tensor of the checkpoint, by component and by
 * layer. Shapes follow the Hugging Face transformers modeling files named at each function
 * (blocks.ts; one layer's in layer-params.ts).
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { activeRange } from './active-range.ts';
import { normParams, visionParams } from './blocks.ts';
import { hyperConnectionParams } from '../model/family-blocks.ts';
import { groupLayers } from './layer-kinds.ts';
import { layerParams, mtpParams, withIndex, type LayerParams } from './layer-params.ts';

export { layerParams, mtpParams, type LayerParams } from './layer-params.ts';

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
  /** DeepSeek-V4's hyper-connections: the maps of every layer and the final collapse. */
  hyperConnections: number;
  vision: number;
  /** Multi-token-prediction modules: listed for completeness, never part of total or active. */
  mtp: number;
}

export type ParamComponent = keyof ParamBreakdown;

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
    b.hyperConnections +
    b.vision
  );
}

/** The layers of one kind: their counts (each layer's) and how many there are. */
interface LayerKindCount {
  layer: LayerParams;
  count: number;
}

/**
 * The layers by kind, each kind counted once (layer-kinds.ts groups them without walking every
 * layer), and the per-layer list, made on demand.
 */
function countLayers(spec: ModelSpec): {
  kinds: LayerKindCount[];
  list: () => LayerParams[];
} {
  const { groups, keyOf } = groupLayers(spec);
  const byKey: LayerParams[] = [];
  const kinds: LayerKindCount[] = [];
  for (const g of groups) {
    const layer = layerParams(spec, g.first, g.moe, g.kind);
    byKey[g.key] = layer;
    kinds.push({ layer, count: g.count });
  }
  const n = spec.layers;
  const list = () => {
    const layers: LayerParams[] = [];
    for (let i = 0; i < n; i++) layers.push(withIndex(byKey[keyOf(i)]!, i));
    return layers;
  };
  return { kinds, list };
}

/** Total and active breakdowns: the layers' sums plus embedding, lm_head, final norm and vision. */
function sumBreakdowns(
  spec: ModelSpec,
  kinds: readonly LayerKindCount[],
): { breakdown: ParamBreakdown; activeBreakdown: ParamBreakdown } {
  const h = spec.hiddenSize;
  let attention = 0;
  let norms = normParams(h, spec.norm); // the final norm
  let router = 0;
  let routedExperts = 0;
  let routedExpertsActive = 0;
  let sharedExperts = 0;
  let denseFfn = 0;
  let hyperConnections = hyperConnectionParams(h, spec.hyperConnections, true);
  for (const { layer, count: n } of kinds) {
    attention += n * layer.attention;
    norms += n * layer.norms;
    router += n * layer.router;
    routedExperts += n * layer.routedExperts;
    routedExpertsActive += n * layer.routedExpertsActive;
    sharedExperts += n * layer.sharedExperts;
    denseFfn += n * layer.denseFfn;
    hyperConnections += n * layer.hyperConnections;
  }
  const embedding = spec.vocabSize * h;
  const lmHead =
    (spec.tieEmbeddings ? 0 : spec.vocabSize * h) + (spec.lmHeadBias ? spec.vocabSize : 0);
  return {
    breakdown: {
      embedding,
      lmHead,
      attention,
      norms,
      router,
      routedExperts,
      sharedExperts,
      denseFfn,
      hyperConnections,
      vision: spec.vision ? visionParams(spec.vision, h) : 0,
      mtp: mtpParams(spec),
    },
    activeBreakdown: {
      embedding,
      lmHead,
      attention,
      norms,
      router,
      routedExperts: routedExpertsActive,
      sharedExperts,
      denseFfn,
      hyperConnections,
      vision: 0,
      mtp: 0,
    },
  };
}

/** Refuses a count past 2^53 − 1, naming what overflowed (`field`). */
function checkExact(field: string, value: number): void {
  if (Number.isSafeInteger(value)) return;
  throw new ConfigError(
    field,
    value,
    'a count of at most 2^53 − 1',
    `${field}: too big to count exactly: about ${value.toExponential(2)} parameters; expected at most 2^53 − 1`,
  );
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
  const { kinds, list } = countLayers(spec);
  const { breakdown, activeBreakdown } = sumBreakdowns(spec, kinds);
  const total = sumBreakdown(breakdown);
  const active = sumBreakdown(activeBreakdown);
  // The limits (model/limits.ts) bound every size, not their product: a model within them can
  // still pass 2^53, and is refused here, naming what overflowed. Every term is >= 0, so a sum
  // within 2^53 - 1 was added exactly.
  checkExact('parameters', total);
  checkExact('num_nextn_predict_layers', breakdown.mtp);
  const range = activeRange(spec, kinds, active);
  const count = new Count(list);
  count.total = total;
  count.active = active;
  if (range) count.activeRange = range;
  // Tied: the one matrix is also the lm_head, which every token uses, so nothing is excluded.
  count.activeExcludingEmbedding = spec.tieEmbeddings ? active : active - breakdown.embedding;
  count.textTotal = total - breakdown.vision;
  count.mtp = breakdown.mtp;
  count.breakdown = breakdown;
  count.activeBreakdown = activeBreakdown;
  Object.defineProperty(count, 'layers', Count.layersProperty);
  return count;
}

/**
 * A `ParamCount` whose `layers` is listed when first read, then kept (a slider move that shows
 * totals only never lists 94 layers). `layers` is an own, enumerable property like the others,
 * so JSON, spreads and rest patterns see it; its getter is one function shared by every count,
 * which keeps making a count cheap (a getter written in an object literal is a new function, and
 * a new object shape, per count).
 */
class Count {
  declare total: number;
  declare active: number;
  declare activeExcludingEmbedding: number;
  declare textTotal: number;
  declare mtp: number;
  declare activeRange?: { min: number; max: number };
  declare breakdown: ParamBreakdown;
  declare activeBreakdown: ParamBreakdown;
  declare readonly layers: LayerParams[];
  #list: (() => LayerParams[]) | null;
  #layers: LayerParams[] | null = null;

  constructor(list: () => LayerParams[]) {
    this.#list = list;
  }

  static readonly layersProperty: PropertyDescriptor = {
    get(this: Count): LayerParams[] {
      if (this.#layers === null) {
        this.#layers = this.#list!();
        this.#list = null;
      }
      return this.#layers;
    },
    enumerable: true,
    configurable: true,
  };
}
