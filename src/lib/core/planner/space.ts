/**
 * The deployments a plan searches: for each device, each device count (powers of two up to the
 * limit), each way to lay the model out over them and each set of formats. Layouts follow what
 * the engines run:
 * - pipeline stages only across nodes (one stage per node), as vLLM and SGLang recommend for
 *   multi-node serving ("tensor parallel within a node, pipeline parallel across nodes", vLLM docs
 *   "Distributed Inference and Serving");
 * - tensor parallel over any power of two that divides the heads; the rest of a stage's devices
 *   are attention data-parallel replicas (SGLang `--enable-dp-attention`, vLLM
 *   `--data-parallel-size`);
 * - routed experts either split with the tensor-parallel group or expert-parallel over the whole
 *   stage (`--enable-expert-parallel`, SGLang `--ep-size`), DeepSeek-V3's serving layout
 *   (report section 3.4: attention DP, experts EP).
 * llama.cpp runs its own default instead: the layers split over the devices, one stage each
 * (serving/llamacpp-layout.ts); its row split keeps a MoE's experts on one GPU and is not searched.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { Device } from '../serving/hardware.ts';
import type { EngineId } from '../serving/engines.ts';
import { llamaCppDefaultLayout } from '../serving/llamacpp-layout.ts';
import { defaultGpusPerNode } from '../serving/parallel.ts';
import {
  KV_DTYPES,
  WEIGHT_FORMATS,
  type KvDtype,
  type WeightFormatId,
} from '../serving/weight-formats.ts';
import { defaultWeightPlan, paramBytes } from '../serving/weights.ts';

export interface PlanFormats {
  /** Formats of everything but the routed experts; the checkpoint's (and FP8 where it is native). */
  weights?: readonly WeightFormatId[];
  /** Formats of the routed experts; each weights format (the checkpoint's experts' by default). */
  expertWeights?: readonly WeightFormatId[];
  /** KV cache formats; BF16 and FP8 by default. */
  kvDtypes?: readonly KvDtype[];
}

/** One layout and format choice, before its batch. */
export interface LayoutCandidate {
  device: Device;
  gpus: number;
  tp: number;
  ep: number;
  pp: number;
  /** Format of the non-expert weights; null: the checkpoint's own. */
  weights: WeightFormatId | null;
  /** Format of the routed experts; null: the checkpoint's own (or `weights`). */
  expertWeights: WeightFormatId | null;
  kvDtype: KvDtype;
}

/** The power-of-two device counts up to `maxGpus`: 1, 2, 4, ... */
export function deviceCounts(maxGpus: number): number[] {
  if (!Number.isInteger(maxGpus) || maxGpus < 1 || maxGpus > 4096)
    throw new ConfigError('max gpus', maxGpus, 'a whole number from 1 to 4096');
  const counts: number[] = [];
  for (let n = 1; n <= maxGpus; n *= 2) counts.push(n);
  return counts;
}

/** The layouts of `gpus` devices the engine runs (see the file comment). */
export function layoutsOf(
  spec: ModelSpec,
  device: Device,
  gpus: number,
  engine: EngineId = 'vllm',
): { tp: number; ep: number; pp: number }[] {
  if (engine === 'llamacpp') return gpus <= spec.layers ? [llamaCppDefaultLayout(gpus)] : [];
  const nodes = Math.ceil(gpus / defaultGpusPerNode(device.scaleUpDomain));
  const stages = nodes > 1 && gpus % nodes === 0 && nodes <= spec.layers ? [1, nodes] : [1];
  const layouts: { tp: number; ep: number; pp: number }[] = [];
  for (const pp of stages) {
    const perStage = gpus / pp;
    for (let tp = 1; tp <= perStage; tp *= 2) {
      if (perStage % tp !== 0 || spec.attention.heads % tp !== 0) continue;
      const ep = spec.moe && perStage > 1 && perStage <= spec.moe.experts ? perStage : 1;
      // Attention data-parallel (tp < perStage) with experts split tp ways wastes the replicas'
      // expert memory; the engines pair it with expert parallelism.
      if (tp === perStage || ep === 1) layouts.push({ tp, ep: 1, pp });
      if (ep > 1) layouts.push({ tp, ep, pp });
    }
  }
  return layouts;
}

/** The formats searched on a device: the given lists, or the defaults of PlanFormats. */
export function formatsOf(
  spec: ModelSpec,
  device: Device,
  formats: PlanFormats,
): { weights: WeightFormatId | null; expertWeights: WeightFormatId | null; kvDtype: KvDtype }[] {
  const base = defaultWeightPlan(spec);
  const native16 = WEIGHT_FORMATS[base.linear].bitsPerParam >= 16;
  const weights: (WeightFormatId | null)[] = formats.weights
    ? [...formats.weights]
    : [null, ...(native16 && device.flopsPerSecond.fp8 !== null ? (['fp8'] as const) : [])];
  const kvDtypes = formats.kvDtypes ?? (['bf16', 'fp8'] as const);
  for (const kv of kvDtypes)
    if (!KV_DTYPES.includes(kv))
      throw new ConfigError('kv dtype', kv, `one of ${KV_DTYPES.join(', ')}`);
  for (const f of [...(formats.weights ?? []), ...(formats.expertWeights ?? [])])
    if (!(f in WEIGHT_FORMATS))
      throw new ConfigError('weights', f, `one of ${Object.keys(WEIGHT_FORMATS).join(', ')}`);
  const out: ReturnType<typeof formatsOf> = [];
  for (const w of weights) {
    const experts = formats.expertWeights ?? [w];
    for (const e of experts)
      for (const kvDtype of kvDtypes)
        out.push({ weights: w, expertWeights: e === w ? null : e, kvDtype });
  }
  return out;
}

/**
 * A floor on the bytes each device holds: the weights in their formats split evenly over the
 * devices. A device count below it is skipped without placing the model.
 */
export function weightsFloorBytes(
  count: ParamCount,
  spec: ModelSpec,
  f: { weights: WeightFormatId | null; expertWeights: WeightFormatId | null },
): number {
  const base = defaultWeightPlan(spec);
  const linear = f.weights ?? base.linear;
  const experts = f.expertWeights ?? f.weights ?? base.experts;
  const b = count.breakdown;
  return paramBytes(b.routedExperts, experts) + paramBytes(count.total - b.routedExperts, linear);
}
