/** A model on devices: what each holds, whether it fits, the largest context and batch that do. */
import { ConfigError } from '../model/errors.ts';
import type { Device } from './hardware.ts';
import {
  keptTokens,
  kvBytesPerTokenPerLayer,
  roundUpToBlock,
  stateBytesPerSequencePerLayer,
  type KvLayout,
} from './kv-cache.ts';
import { type ParallelLayout, stageLayers } from './parallel.ts';
import type { LayerParams, ParamCount } from '../params/count.ts';
import type { KvDtype } from './weight-formats.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import { componentFormat, paramBytes, type WeightPlan } from './weights.ts';

/**
 * Memory assumptions, each shown to the user and adjustable.
 * - `utilization`: the share of device memory the engine may use; the rest is the runtime's
 *   (CUDA context, NCCL buffers, CUDA graphs). vLLM's `gpu_memory_utilization` default, 0.9.
 * - `maxBatchedTokens`: tokens in one forward pass (chunked prefill); sizes the activation
 *   workspace. vLLM's `max_num_batched_tokens` default for online serving, 8192.
 * - `maxSequences`: sequences sampled in one step, each with a row of FP32 logits (vLLM
 *   `max_num_seqs` default, 256).
 * - `kvBlockTokens`: the KV cache is paged in blocks of this many tokens (vLLM `block_size`, 16).
 */
export interface MemoryAssumptions {
  utilization: number;
  maxBatchedTokens: number;
  maxSequences: number;
  kvBlockTokens: number;
}

export const DEFAULT_MEMORY: MemoryAssumptions = {
  utilization: 0.9,
  maxBatchedTokens: 8192,
  maxSequences: 256,
  kvBlockTokens: 16,
};

export interface DeviceMemory {
  weightsBytes: number;
  kvBytes: number;
  activationBytes: number;
  totalBytes: number;
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
  /** State bytes per sequence of one linear-attention or state-space layer on one device (÷ TP). */
  stateBytesPerLayer: number;
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
  stages: Stage[];
  /** Activation workspace per device, bytes. */
  activationBytes: number;
}

/**
 * KV heads each device keeps under tensor parallelism: GQA splits K/V heads over tp (replicating
 * them when tp > kvHeads); MLA's latent is shared by all heads, so every TP rank keeps all of it
 * (why DeepSeek serves attention data-parallel).
 */
export function kvShareOnDevice(spec: ModelSpec, tp: number): number {
  const a = spec.attention;
  if (a.kind === 'mla') return 1;
  return Math.ceil(a.kvHeads / tp) / a.kvHeads;
}

/** Weight bytes one device of a stage holds. */
function stageWeightsBytes(
  d: Omit<Deployment, 'stages' | 'activationBytes'>,
  layers: number[],
  first: boolean,
  last: boolean,
): number {
  const { count, plan, layout, spec } = d;
  const f = (key: Parameters<typeof componentFormat>[0]) => componentFormat(key, plan);
  let bytes = 0;
  for (const i of layers) {
    const l: LayerParams = count.layers[i]!;
    bytes += paramBytes(l.attention, f('attention')) / layout.tp;
    bytes += paramBytes(l.sharedExperts, f('sharedExperts')) / layout.tp;
    bytes += paramBytes(l.denseFfn, f('denseFfn')) / layout.tp;
    bytes += paramBytes(l.norms, f('norms')) + paramBytes(l.router, f('router'));
    if (l.routedExperts > 0 && spec.moe) {
      // Split by expert (ep > 1, the busiest device holds ceil(E / ep) experts) or by tensor (tp).
      const perExpert = paramBytes(l.routedExperts / spec.moe.experts, f('routedExperts'));
      bytes +=
        layout.ep > 1
          ? Math.ceil(spec.moe.experts / layout.ep) * perExpert
          : (perExpert * spec.moe.experts) / layout.tp;
    }
  }
  const b = count.breakdown;
  if (first)
    bytes +=
      (paramBytes(b.embedding, f('embedding')) + paramBytes(b.vision, f('vision'))) / layout.tp;
  if (last) {
    const layerNorms = count.layers.reduce((s, l) => s + l.norms, 0);
    bytes +=
      paramBytes(b.lmHead, f('lmHead')) / layout.tp + paramBytes(b.norms - layerNorms, f('norms'));
  }
  return Math.ceil(bytes);
}

/**
 * Activation workspace per device for one forward pass of `maxBatchedTokens` tokens, in BF16:
 * the residual stream and its norm (2 x hidden), q/k/v (heads + 2 x kvHeads) x headDim / tp,
 * the FFN's gate and up (2 x widest FFN / shards), plus FP32 logits (vocab / tp) for each of up
 * to `maxSequences` sampled sequences. Inference keeps no activations across layers.
 */
export function activationWorkspaceBytes(
  spec: ModelSpec,
  layout: ParallelLayout,
  memory: MemoryAssumptions,
): number {
  const { maxBatchedTokens } = memory;
  const a = spec.attention;
  const qkv =
    a.kind === 'gqa'
      ? (a.heads + 2 * a.kvHeads) * a.headDim
      : a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim);
  const moe = spec.moe;
  const ffn = Math.max(
    spec.denseMlp?.intermediateSize ?? 0,
    moe
      ? moe.topK * moe.expert.intermediateSize +
          (moe.shared ? moe.shared.count * moe.shared.mlp.intermediateSize : 0)
      : 0,
  );
  const perToken = 2 * spec.hiddenSize + qkv / layout.tp + (2 * ffn) / layout.expertShards;
  const logitRows = Math.min(maxBatchedTokens, memory.maxSequences);
  return Math.ceil(maxBatchedTokens * perToken * 2 + logitRows * (spec.vocabSize / layout.tp) * 4);
}

export function buildDeployment(d: Omit<Deployment, 'stages' | 'activationBytes'>): Deployment {
  const partition = stageLayers(d.spec.layers, d.layout.pp);
  const kvPerLayer =
    kvBytesPerTokenPerLayer(d.spec.attention, d.kvDtype) * kvShareOnDevice(d.spec, d.layout.tp);
  const mixer = d.spec.stateMixer ?? null;
  const statePerLayer = mixer ? Math.ceil(stateBytesPerSequencePerLayer(mixer) / d.layout.tp) : 0;
  const stages = partition.map((layers, s) => ({
    layers,
    groups: groupLayers(d.spec, d.count, layers),
    weightsBytes: stageWeightsBytes(d, layers, s === 0, s === partition.length - 1),
    kvBytesPerTokenPerLayer: kvPerLayer,
    stateBytesPerLayer: statePerLayer,
  }));
  return { ...d, stages, activationBytes: activationWorkspaceBytes(d.spec, d.layout, d.memory) };
}

/** A stage's layers grouped by attention kind and FFN kind, in order of first appearance. */
function groupLayers(spec: ModelSpec, count: ParamCount, layers: readonly number[]): LayerGroup[] {
  // Looked up by kind and FFN, so a long attention pattern keeps this linear in the layers.
  const byKind = new Map<AttentionLayerKind, Partial<Record<LayerParams['ffn'], LayerGroup>>>();
  const groups: LayerGroup[] = [];
  for (const i of layers) {
    const kind = spec.attentionPattern[i % spec.attentionPattern.length]!;
    const params = count.layers[i]!;
    const ffns = byKind.get(kind) ?? {};
    byKind.set(kind, ffns);
    const same = ffns[params.ffn];
    if (same) same.count++;
    else groups.push((ffns[params.ffn] = { kind, params, count: 1 }));
  }
  return groups;
}

/** Sequences on the busiest replica: ceil(batch / dp). */
export function sequencesPerReplica(d: Deployment, batch: number): number {
  return Math.ceil(batch / d.layout.dp);
}

/**
 * KV bytes of one sequence on one device of a stage: what is stored under the deployment's
 * layout, or what attention reads under `layout` 'hybrid' (a layer reads only its window);
 * plus the fixed state of its linear-attention or state-space layers, which a decode step also
 * reads and writes whole.
 */
export function stageKvBytesPerSequence(
  d: Deployment,
  stage: Stage,
  contextTokens: number,
  layout: KvLayout = d.kvLayout,
): number {
  let tokens = 0;
  let states = 0;
  for (const g of stage.groups) {
    tokens +=
      g.count * roundUpToBlock(keptTokens(g.kind, contextTokens, layout), d.memory.kvBlockTokens);
    if (g.params.mixer === 'state') states += g.count;
  }
  return Math.ceil(tokens * stage.kvBytesPerTokenPerLayer) + states * stage.stateBytesPerLayer;
}

/** What the busiest device holds at a context and a batch (concurrent sequences of the deployment). */
export function deviceMemory(d: Deployment, contextTokens: number, batch: number): DeviceMemory {
  const sequences = sequencesPerReplica(d, batch);
  // One object for the answer, not one per stage: the serving charts call this for every point.
  let weightsBytes = 0;
  let kvBytesOfBusiest = 0;
  let activationBytes = 0;
  let busiest = -1;
  for (const stage of d.stages) {
    const kvBytes = sequences * stageKvBytesPerSequence(d, stage, contextTokens);
    const totalBytes = stage.weightsBytes + kvBytes + d.activationBytes;
    if (totalBytes > busiest) {
      weightsBytes = stage.weightsBytes;
      kvBytesOfBusiest = kvBytes;
      activationBytes = d.activationBytes;
      busiest = totalBytes;
    }
  }
  return { weightsBytes, kvBytes: kvBytesOfBusiest, activationBytes, totalBytes: busiest };
}

/** Bytes of a device the engine may use: memory x utilization. */
export function deviceBudgetBytes(d: Deployment): number {
  return Math.floor(d.device.memoryBytes * d.memory.utilization);
}

/** Checks a context or batch value; ConfigError otherwise. */
export function checkPositive(field: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new ConfigError(field, value, `an integer from 1 to ${max}`);
  }
  return value;
}
