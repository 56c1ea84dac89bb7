/**
 * Where a model's parameters sit in training: the parallel layout (tensor, pipeline, context,
 * expert and expert-tensor parallel, and the two data-parallel groups it leaves) and the
 * parameters each GPU of each pipeline stage holds.
 *
 * Megatron-Core folds two meshes onto the same GPUs (megatron/core/parallel_state.py,
 * `initialize_model_parallel`; megatron/core/transformer/moe/README.md, "MoE Parallel Folding"):
 * attention and dense layers see `gpus = tp x cp x dp x pp`, the routed experts see
 * `gpus = etp x ep x edp x pp`, so dp = gpus / (tp·pp·cp) and edp = gpus / (etp·ep·pp).
 */
import { ConfigError } from '../model/errors.ts';
import { checkLimit } from '../model/limits.ts';
import type { ModelSpec } from '../model/types.ts';
import type { LayerParams, ParamCount } from '../params/count.ts';
import { stageLayers } from '../serving/parallel.ts';

export interface TrainingLayout {
  gpus: number;
  /** Tensor parallel (with sequence parallel) over attention, dense and shared-expert layers. */
  tp: number;
  pp: number;
  /** Context parallel: the sequence split into cp chunks. */
  cp: number;
  /** Expert parallel: the routed experts split by expert. */
  ep: number;
  /** Expert-tensor parallel: each routed expert's matrices split etp ways. */
  etp: number;
  /** Data-parallel replicas of the dense part: gpus / (tp·pp·cp). */
  dp: number;
  /** Data-parallel replicas of the routed experts: gpus / (etp·ep·pp). */
  edp: number;
}

export interface LayoutOptions {
  gpus: number;
  tp?: number | undefined;
  pp?: number | undefined;
  cp?: number | undefined;
  ep?: number | undefined;
  etp?: number | undefined;
}

function positiveInt(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(field, value, 'an integer >= 1');
  return value;
}

/**
 * Resolves and checks a training layout; throws ConfigError naming the parameter that does not
 * fit. Defaults: tp = pp = cp = ep = 1; etp = tp when ep = 1 (the experts are tensor-split like
 * the rest, as serving/parallel.ts lays them out) and 1 when ep > 1 (experts split by expert
 * only, the layout of DeepSeek-V3 and of Megatron-Core's MoE recipes).
 *
 * @example resolveTrainingLayout(deepseekV3, { gpus: 2048, pp: 16, ep: 64 }) // dp 128, edp 2
 */
export function resolveTrainingLayout(spec: ModelSpec, options: LayoutOptions): TrainingLayout {
  const gpus = positiveInt('gpus', options.gpus);
  checkLimit('gpus', gpus, 'devices');
  const tp = positiveInt('tp', options.tp ?? 1);
  const pp = positiveInt('pp', options.pp ?? 1);
  const cp = positiveInt('cp', options.cp ?? 1);
  const ep = positiveInt('ep', options.ep ?? 1);
  const etp = positiveInt('etp', options.etp ?? (ep > 1 ? 1 : tp));
  if (gpus % (tp * pp * cp) !== 0)
    throw new ConfigError(
      'tp x pp x cp',
      tp * pp * cp,
      `a divisor of the ${gpus} GPUs (tp ${tp} x pp ${pp} x cp ${cp})`,
    );
  if (pp > spec.layers)
    throw new ConfigError('pp', pp, `at most the number of layers (${spec.layers})`);
  const heads = spec.attention.heads;
  if (heads % tp !== 0)
    throw new ConfigError('tp', tp, `a divisor of the ${heads} attention heads`);
  if (spec.moe === null && ep > 1)
    throw new ConfigError('ep', ep, '1 for a dense model (it has no experts)');
  if (spec.moe && spec.moe.experts % ep !== 0)
    throw new ConfigError('ep', ep, `a divisor of the ${spec.moe.experts} routed experts`);
  if (gpus % (etp * ep * pp) !== 0)
    throw new ConfigError(
      'etp x ep x pp',
      etp * ep * pp,
      `a divisor of the ${gpus} GPUs (etp ${etp} x ep ${ep} x pp ${pp}): the expert data-parallel group must be whole`,
    );
  return { gpus, tp, pp, cp, ep, etp, dp: gpus / (tp * pp * cp), edp: gpus / (etp * ep * pp) };
}

/** The parameters one GPU of a pipeline stage holds. */
export interface StageParams {
  stage: number;
  /** The stage's decoder layers (their counts, as countParams lists them). */
  layers: LayerParams[];
  /** Non-expert parameters per GPU (attention, norms, router, shared and dense FFN, embeddings), split tp ways. */
  dense: number;
  /** Routed-expert parameters per GPU, split ep·etp ways. */
  expert: number;
  /**
   * The part of `dense` that QLoRA leaves in 16 bits: embedding, lm_head and norms
   * (bitsandbytes quantizes Linear layers only and skips the lm_head).
   */
  unquantized: number;
}

/** Non-expert parameters of one layer: all but its routed experts. */
function layerDense(layer: LayerParams): number {
  return layer.attention + layer.norms + layer.router + layer.sharedExperts + layer.denseFfn;
}

/**
 * Parameters per GPU, stage by stage. Layers split contiguously, ceil(layers / pp) per stage
 * (stageLayers, as Megatron's default uneven split); the embedding (and the vision tower) sits on
 * the first stage, the lm_head and the final norm on the last. Tied embeddings keep a copy of
 * the embedding on the last stage when pp > 1 (Megatron `share_embeddings_and_output_weights`:
 * "the last stage holds a copy of the word embeddings" for the output layer).
 * Non-expert parameters split tp ways (vocab-parallel embedding, column/row-parallel linears;
 * norms and router are replicated in Megatron but small: counted as split, a slight
 * under-count); routed experts split ep·etp ways. Multi-token-prediction modules are not placed.
 *
 * @example stageParamsPerGpu(llama31_8b, countParams(llama31_8b), layout(tp 1, pp 1))[0].dense // 8_030_261_248
 */
export function stageParamsPerGpu(
  spec: ModelSpec,
  counts: ParamCount,
  layout: TrainingLayout,
): StageParams[] {
  const { breakdown } = counts;
  const finalNorm = breakdown.norms - counts.layers.reduce((n, l) => n + l.norms, 0);
  return stageLayers(spec.layers, layout.pp).map((indices, stage) => {
    const layers = indices.map((i) => counts.layers[i]!);
    const first = stage === 0;
    const last = stage === layout.pp - 1;
    let dense = layers.reduce((n, l) => n + layerDense(l), 0);
    let unquantized = layers.reduce((n, l) => n + l.norms, 0);
    const expert = layers.reduce((n, l) => n + l.routedExperts, 0);
    if (first) {
      dense += breakdown.embedding + breakdown.vision;
      unquantized += breakdown.embedding;
    }
    if (last) {
      const tiedCopy = spec.tieEmbeddings && layout.pp > 1 ? breakdown.embedding : 0;
      dense += breakdown.lmHead + finalNorm + tiedCopy;
      unquantized += breakdown.lmHead + finalNorm + tiedCopy;
    }
    return {
      stage,
      layers,
      dense: dense / layout.tp,
      expert: expert / (layout.ep * layout.etp),
      unquantized: unquantized / layout.tp,
    };
  });
}
