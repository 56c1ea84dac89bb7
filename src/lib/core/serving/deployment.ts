/** A model on devices: what each holds, whether it fits, the largest context and batch that do. */
import { ConfigError } from '../model/errors.ts';
import type { Device } from './hardware.ts';
import {
  attendedTokens,
  compressorStateBytes,
  keptTokens,
  indexerKeyBytes,
  kvBytesPerTokenPerLayer,
  kvShareOnDevice,
  layerReadBytes,
  roundUpToBlock,
  stateBytesPerSequencePerLayer,
  type KvLayout,
} from './kv-cache.ts';
import { type ParallelLayout, stageLayers } from './parallel.ts';
import type { LayerParams, ParamCount } from '../params/count.ts';
import type { KvDtype } from './weight-formats.ts';
import { layerKind } from '../model/layers.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import type { WeightPlan } from './weights.ts';
import type { MemoryAssumptions } from './memory-assumptions.ts';
import { engineMemory, stageRuntime, type RuntimeBytes } from './runtime-memory.ts';
import { expertPaddingOf } from './expert-padding.ts';
import { layerTopK } from './attention-flops.ts';
import { stageWeightsBytes } from './stage-weights.ts';
import { sglangV4SequenceBytes } from './sglang-v4-pools.ts';
export { activationWorkspaceBytes, type RuntimeBytes } from './runtime-memory.ts';

export { DEFAULT_MEMORY, type MemoryAssumptions } from './memory-assumptions.ts';

export interface DeviceMemory {
  weightsBytes: number;
  kvBytes: number;
  activationBytes: number;
  totalBytes: number;
  /** The parts of `activationBytes` on a data-centre deployment's busiest device (its stage's). */
  runtime?: RuntimeBytes;
}

/** Layers of a stage that are alike (same attention kind, same FFN): computed once, times `count`. */
export interface LayerGroup {
  kind: AttentionLayerKind;
  params: LayerParams;
  count: number;
}

/** One pipeline stage as each of its devices sees it. */
export interface Stage {
  layers: number[];
  /** The stage's layers grouped by kind: a 94-layer stage is two or three groups. */
  groups: LayerGroup[];
  /** Weight bytes on each device of the stage. */
  weightsBytes: number;
  /** KV bytes per token of context per sequence per layer on one device (after the TP split). */
  kvBytesPerTokenPerLayer: number;
  /**
   * Of that, the lightning indexer's key, which a layer sharing another's indexer does not keep
   * (GLM-5.2's IndexShare; `groupKvBytesPerToken`); 0 without an indexer.
   */
  kvIndexerBytesPerTokenPerLayer: number;
  /** State bytes per sequence of one linear-attention or state-space layer on one device (÷ TP). */
  stateBytesPerLayer: number;
  /**
   * KV bytes per token of context per sequence of a speculative draft on one device: the MTP
   * modules' layers, or a draft model's; on the last stage only, else 0.
   */
  draftKvBytesPerToken: number;
  /**
   * What each device of the stage keeps beside weights and KV under the engine's policy: vLLM
   * profiles its sampler on the last stage only (runtime-memory.ts `stageRuntime`).
   */
  runtime: RuntimeBytes;
}

/** A speculative-decoding draft as each device holds it (speculative.ts places it). */
export interface DraftOnDevice {
  /** Draft weight bytes on each device of the last stage. */
  weightsBytes: number;
  /** Draft KV bytes per token of context per sequence on each device of the last stage. */
  kvBytesPerToken: number;
}

export interface Deployment {
  spec: ModelSpec;
  count: ParamCount;
  layout: ParallelLayout;
  device: Device;
  plan: WeightPlan;
  kvDtype: KvDtype;
  kvLayout: KvLayout;
  memory: MemoryAssumptions;
  /** A speculative draft's weights and KV on the last stage; null without speculation. */
  draft?: DraftOnDevice | null;
  stages: Stage[];
  /**
   * What each device of the last stage keeps beside weights and KV under the engine's policy
   * (RuntimeBytes.total); earlier stages keep their own, `Stage.runtime`.
   */
  activationBytes: number;
  /** The last stage's runtime, in its parts; the whole of it without pipeline parallelism. */
  runtime: RuntimeBytes;
  /** Bytes of a device that weights, KV and the runtime may fill under the engine's policy. */
  budgetBytes: number;
  /** Stored over checkpoint bytes of each routed expert, after the engine's padding (expert-padding.ts). */
  expertPadding: number;
}

export type DeploymentInput = Omit<
  Deployment,
  'stages' | 'activationBytes' | 'runtime' | 'budgetBytes' | 'expertPadding'
>;

export function buildDeployment(d: DeploymentInput): Deployment {
  const partition = stageLayers(d.spec.layers, d.layout.pp);
  const share = kvShareOnDevice(d.spec, d.layout.tp);
  const kvPerLayer = kvBytesPerTokenPerLayer(d.spec.attention, d.kvDtype) * share;
  const a = d.spec.attention;
  const kvIndexer = a.kind !== 'gqa' && a.indexer ? indexerKeyBytes(a) * share : 0;
  const mixer = d.spec.stateMixer ?? null;
  const statePerLayer = mixer ? Math.ceil(stateBytesPerSequencePerLayer(mixer) / d.layout.tp) : 0;
  const draft = d.draft ?? null;
  const weightsOf = partition.map(
    (layers, s) =>
      stageWeightsBytes(d, layers, s === 0, s === partition.length - 1) +
      (s === partition.length - 1 && draft ? draft.weightsBytes : 0),
  );
  const { runtime, budgetBytes } = engineMemory(d, Math.max(...weightsOf));
  const stages = partition.map((layers, s) => {
    const last = s === partition.length - 1;
    return {
      layers,
      groups: groupLayers(d.spec, d.count, layers),
      weightsBytes: weightsOf[s]!,
      kvBytesPerTokenPerLayer: kvPerLayer,
      kvIndexerBytesPerTokenPerLayer: kvIndexer,
      stateBytesPerLayer: statePerLayer,
      draftKvBytesPerToken: last && draft ? draft.kvBytesPerToken : 0,
      runtime: stageRuntime(runtime, d.memory.engine, last),
    };
  });
  const expertPadding = expertPaddingOf(d);
  return { ...d, stages, activationBytes: runtime.total, runtime, budgetBytes, expertPadding };
}

/** A stage's layers grouped by attention kind and FFN kind, in order of first appearance. */
function groupLayers(spec: ModelSpec, count: ParamCount, layers: readonly number[]): LayerGroup[] {
  // Looked up by kind and FFN, so a long attention pattern keeps this linear in the layers.
  const byKind = new Map<AttentionLayerKind, Partial<Record<LayerParams['ffn'], LayerGroup>>>();
  const groups: LayerGroup[] = [];
  for (const i of layers) {
    const kind = layerKind(spec, i);
    const params = count.layers[i]!;
    const ffns = byKind.get(kind) ?? {};
    byKind.set(kind, ffns);
    const same = ffns[params.ffn];
    if (same) same.count++;
    else groups.push((ffns[params.ffn] = { kind, params, count: 1 }));
  }
  return groups;
}

/** KV bytes per token of context one layer of a group keeps on a device of its stage. */
export function groupKvBytesPerToken(stage: Stage, g: LayerGroup): number {
  return g.kind.indexer === false
    ? stage.kvBytesPerTokenPerLayer - stage.kvIndexerBytesPerTokenPerLayer
    : stage.kvBytesPerTokenPerLayer;
}

/** Sequences on the busiest replica: ceil(batch / dp). */
export function sequencesPerReplica(d: Deployment, batch: number): number {
  return Math.ceil(batch / d.layout.dp);
}

/**
 * KV bytes of one sequence on one device of a stage: what is stored under the deployment's
 * layout (or `layout`), or under 'read' what a decode step's attention reads (kv-cache.ts
 * `attendedTokens`: a window, or a chunked layer's own chunk; DSA's top-k, `layerReadBytes`);
 * plus the fixed state of its linear-attention or state-space layers and of DeepSeek-V4's
 * compressors (whole on every rank), which a decode step also reads and writes whole; plus a
 * speculative draft's KV, global, unless `withDraft` is false (the model's own pass does not read
 * it). SGLang stores DeepSeek-V4's in pools of its own (sglang-v4-pools.ts).
 */
export function stageKvBytesPerSequence(
  d: Deployment,
  stage: Stage,
  contextTokens: number,
  layout: KvLayout | 'read' = d.kvLayout,
  withDraft = true,
): number {
  const pooled = sglangV4SequenceBytes(d, stage, contextTokens, layout);
  if (pooled !== null) return pooled;
  let bytes = 0;
  let states = 0;
  for (const g of stage.groups) {
    const tokens =
      layout === 'read'
        ? attendedTokens(g.kind, contextTokens)
        : keptTokens(g.kind, contextTokens, layout);
    const kept = roundUpToBlock(tokens, d.memory.kvBlockTokens);
    const indexer = g.kind.indexer === false ? 0 : stage.kvIndexerBytesPerTokenPerLayer;
    const topK = layout === 'read' ? layerTopK(d.spec, g.kind) : null;
    bytes += g.count * layerReadBytes(kept, topK, groupKvBytesPerToken(stage, g), indexer);
    bytes += g.count * compressorStateBytes(d.spec, g.kind);
    if (g.params.mixer === 'state') states += g.count;
  }
  const draft =
    withDraft && stage.draftKvBytesPerToken > 0
      ? roundUpToBlock(contextTokens, d.memory.kvBlockTokens) * stage.draftKvBytesPerToken
      : 0;
  return Math.ceil(bytes + draft) + states * stage.stateBytesPerLayer;
}

/** What the busiest device holds at a context and a batch (concurrent sequences of the deployment). */
export function deviceMemory(d: Deployment, contextTokens: number, batch: number): DeviceMemory {
  const sequences = sequencesPerReplica(d, batch);
  // One object for the answer, not one per stage: the serving charts call this for every point.
  let weightsBytes = 0;
  let kvBytesOfBusiest = 0;
  let runtime = d.runtime;
  let busiest = -1;
  for (const stage of d.stages) {
    const kvBytes = sequences * stageKvBytesPerSequence(d, stage, contextTokens);
    const totalBytes = stage.weightsBytes + kvBytes + stage.runtime.total;
    if (totalBytes > busiest) {
      weightsBytes = stage.weightsBytes;
      kvBytesOfBusiest = kvBytes;
      runtime = stage.runtime;
      busiest = totalBytes;
    }
  }
  return {
    weightsBytes,
    kvBytes: kvBytesOfBusiest,
    activationBytes: runtime.total,
    totalBytes: busiest,
    runtime,
  };
}

/** The runtime every device keeps, summed: each stage's devices keep that stage's (vLLM's sampler on the last only). */
export function runtimeBytesOfAllDevices(d: Deployment): number {
  const devicesPerStage = d.layout.devices / d.layout.pp;
  return d.stages.reduce((sum, stage) => sum + stage.runtime.total * devicesPerStage, 0);
}

/** Bytes of a device weights, KV and the runtime may fill under the engine's policy. */
export function deviceBudgetBytes(d: Deployment): number {
  return d.budgetBytes;
}

/** Checks a context or batch value; ConfigError otherwise. */
export function checkPositive(field: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new ConfigError(field, value, `an integer from 1 to ${max}`);
  }
  return value;
}
