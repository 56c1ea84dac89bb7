/**
 * The serving estimate: memory per device, fit, largest context and batch, decode and prefill
 * speed, routing costs and price, for one model on one deployment. Every assumption is an
 * explicit option with a documented default (DEFAULT_MEMORY, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).
 */
import type { ModelSpec } from '../model/types.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import type { Efficiency, RoutingAssumptions } from './assumptions.ts';
import { expertAllToAll } from './communication.ts';
import {
  deviceBudgetBytes,
  deviceMemory,
  runtimeBytesOfAllDevices,
  type DeviceMemory,
  type MemoryAssumptions,
} from './deployment.ts';
import { fitsAt, kvCapacityTokens, maxBatch, maxContextTokens } from './fit-limits.ts';
import { sglangFusions, type KernelFusions } from './sglang-fusions.ts';
import { sglangV4Pools, type SglangV4Pools } from './sglang-v4-pools.ts';
import { kvBytesPerSequence, kvBytesPerToken, type KvLayout } from './kv-cache.ts';
import { loadImbalance, type LoadImbalance } from './load-imbalance.ts';
import type { ParallelLayout } from './parallel.ts';
import { resolveServing, type ResolvedServing, type ServingOptions } from './resolve.ts';
import type { RunningBatch } from './running.ts';
import { routerFlopsPerToken } from './routing.ts';
import { speculativeDecode, type SpeculativeEstimate } from './speculative.ts';
import { decodeStep, prefill, type DecodeEstimate, type PrefillEstimate } from './speed.ts';
import { weightBytes, type ByteBreakdown, type WeightPlan } from './weights.ts';

export interface ServingEstimate {
  layout: ParallelLayout;
  /** The batch asked for and the sequences the engine runs at once (its cap, running.ts). */
  running: RunningBatch;
  weightPlan: WeightPlan;
  /** One copy of the weights, bytes (MTP modules excluded). */
  weightsBytes: number;
  weightsBytesByComponent: ByteBreakdown;
  /** Bytes each further token of context adds to one sequence's cache (past every window). */
  kvBytesPerToken: number;
  /** KV cache of one sequence at the context, bytes (with the state of its stateful layers). */
  kvBytesPerSequence: number;
  /** Of it, the fixed state of linear-attention and state-space layers (0 without them). */
  stateBytesPerSequence: number;
  /** KV cache of the whole batch at the context, bytes. */
  kvBytes: number;
  /** Both layouts side by side (the hybrid cache against vLLM's Llama 4 launch layout). */
  kvLayouts: Record<KvLayout, { kvBytesPerToken: number; kvBytes: number }>;
  /**
   * Stored over checkpoint bytes of the routed experts, after the engine pads them to its MoE
   * kernel's tile (expert-padding.ts): 1.09 for gpt-oss's MXFP4 experts under vLLM's Marlin.
   */
  expertPadding: number;
  /** weightsBytes (with the experts' padding) + kvBytes + activation workspace of every device. */
  totalBytes: number;
  /** The busiest device. */
  perDevice: DeviceMemory;
  perDeviceBytes: number;
  /** Memory of one device as the driver reports it. */
  deviceBytes: number;
  /** deviceBytes x memory utilization: what the engine may use. */
  deviceBudgetBytes: number;
  fits: boolean;
  /** Largest context that fits at the batch (0: the weights do not fit). */
  maxContextTokens: number;
  /** Largest batch that fits at the context (memory alone; the engine may run fewer, `running`). */
  maxBatch: number;
  /** Tokens the KV pool of one replica holds, as the engine prints it (fit-limits.ts). */
  kvCapacityTokens: number;
  /** SGLang's DeepSeek-V4 pools, which size its capacity (sglang-v4-pools.ts); else null. */
  sglangV4Pools: SglangV4Pools | null;
  /** Decode at the chosen batch: with speculation when it is on (`speculative` then holds the parts). */
  decode: DecodeEstimate;
  /** The draft, its acceptance and the speed-up over plain decode; null without speculation. */
  speculative: SpeculativeEstimate | null;
  prefill: PrefillEstimate;
  routing: {
    routerFlopsPerToken: number;
    allToAllBytesPerLayer: number;
    allToAllSecondsPerLayer: number;
    imbalance: LoadImbalance | null;
  };
  usdPerDeviceHour: number;
  /** At the chosen batch. */
  costPerMillionOutputTokens: number;
  /**
   * Decode speed and price at one sequence and at the largest batch that fits and the engine
   * runs (null when none fits): the two ends a deployment is quoted at. The chosen batch's point is `decode`.
   */
  decodeAt: { batchOne: DecodePoint; maxBatch: DecodePoint | null };
  costPerMillionInputTokens: number;
  /** The assumptions, and what the engine fuses in the decode step (sglang-fusions.ts). */
  assumptions: {
    memory: MemoryAssumptions;
    efficiency: Efficiency;
    routing: RoutingAssumptions;
    fusions: KernelFusions;
  };
}

/** Decode throughput and its price at one batch. */
export interface DecodePoint {
  batch: number;
  tokensPerSecond: number;
  tokensPerSecondPerUser: number;
  costPerMillionOutputTokens: number;
}

/** $ per million output tokens = devices x $/device-hour / (tokens/s x 3600) x 1e6. */
export function costPerMillionTokens(
  devices: number,
  usdPerDeviceHour: number,
  tokensPerSecond: number,
): number {
  return ((devices * usdPerDeviceHour) / 3600 / tokensPerSecond) * 1e6;
}

/** Decode at `batch`, with speculation when the deployment has a draft. */
export function decodeAt(
  r: ResolvedServing,
  batch: number,
): { decode: DecodeEstimate; speculative: SpeculativeEstimate | null } {
  const { deployment: d, contextTokens, efficiency, routing, speculation } = r;
  if (!speculation)
    return { decode: decodeStep(d, contextTokens, batch, efficiency, routing), speculative: null };
  return speculativeDecode(d, speculation, contextTokens, batch, efficiency, routing);
}

/** The decode point at `batch`, reusing the chosen batch's step when it is the same. */
function decodePoint(r: ResolvedServing, batch: number, chosen: DecodeEstimate): DecodePoint {
  const step = batch === r.batch ? chosen : decodeAt(r, batch).decode;
  return {
    batch,
    tokensPerSecond: step.tokensPerSecond,
    tokensPerSecondPerUser: step.tokensPerSecondPerUser,
    costPerMillionOutputTokens: costPerMillionTokens(
      r.deployment.layout.devices,
      r.usdPerDeviceHour,
      step.tokensPerSecond,
    ),
  };
}

/** Decode at one sequence and at the largest batch that fits and the engine runs. */
function decodeEnds(
  r: ResolvedServing,
  largestBatch: number,
  chosen: DecodeEstimate,
): ServingEstimate['decodeAt'] {
  const largest = Math.min(largestBatch, r.running.cap ?? largestBatch);
  return {
    batchOne: decodePoint(r, 1, chosen),
    maxBatch: largest > 0 ? decodePoint(r, largest, chosen) : null,
  };
}

/**
 * Estimates serving `spec` on a deployment. Throws ConfigError for options out of range.
 *
 * @example estimateServing(scout, { device: findDevice('h100-sxm')!, devices: 8, contextTokens: 1e6, batch: 1 }).fits // true
 */
export function estimateServing(
  spec: ModelSpec,
  options: ServingOptions,
  count: ParamCount = countParams(spec),
): ServingEstimate {
  return estimateResolved(resolveServing(spec, options, count));
}

/** KV bytes per further token and at the context, for both layouts (hybrid and full). */
function kvLayouts(r: ResolvedServing): ServingEstimate['kvLayouts'] {
  const { spec, kvDtype, memory } = r.deployment;
  const of = (layout: KvLayout) => ({
    kvBytesPerToken: kvBytesPerToken(spec, kvDtype, layout),
    kvBytes:
      r.batch * kvBytesPerSequence(spec, r.contextTokens, kvDtype, layout, memory.kvBlockTokens),
  });
  return { hybrid: of('hybrid'), full: of('full') };
}

/** The router's FLOPs, one device's all-to-all per MoE layer, and the expected load imbalance. */
function routingFacts(r: ResolvedServing): ServingEstimate['routing'] {
  const { deployment: d, batch, routing } = r;
  const { spec, layout } = d;
  const moe = spec.moe;
  const tokensPerGroup = batch / (layout.devices / layout.expertShards);
  const a2a =
    moe && layout.ep > 1
      ? expertAllToAll(d, batch / (layout.dp * layout.pp * layout.tp), routing)
      : { bytes: 0, seconds: 0 };
  return {
    routerFlopsPerToken: moe ? routerFlopsPerToken(spec.hiddenSize, moe.experts) : 0,
    allToAllBytesPerLayer: a2a.bytes,
    allToAllSecondsPerLayer: a2a.seconds,
    imbalance: moe
      ? loadImbalance(
          moe.experts,
          moe.topK,
          Math.max(1, Math.round(tokensPerGroup)),
          routing.skew,
          routing.capacityFactor,
        )
      : null,
  };
}

/** The assumptions of an estimate, and what the engine fuses at its decode batch (sglang-fusions.ts). */
const assumptionsOf = (r: ResolvedServing): ServingEstimate['assumptions'] => ({
  memory: r.deployment.memory,
  efficiency: r.efficiency,
  routing: r.routing,
  fusions: sglangFusions(r.deployment, Math.ceil(r.batch / r.deployment.layout.dp)),
});

/** The estimate of a resolved deployment. */
export function estimateResolved(r: ResolvedServing): ServingEstimate {
  const { deployment: d, contextTokens, batch, efficiency, routing } = r;
  const { spec, count, layout, plan, kvDtype, kvLayout, memory } = d;
  const weights = weightBytes(count.breakdown, plan);
  // what the devices store: the engine pads the routed experts (expert-padding.ts)
  const stored = weights.total + weights.byComponent.routedExperts * (d.expertPadding - 1);
  const perSequence = kvBytesPerSequence(
    spec,
    contextTokens,
    kvDtype,
    kvLayout,
    memory.kvBlockTokens,
  );
  const perDevice = deviceMemory(d, contextTokens, batch);
  const budget = deviceBudgetBytes(d);
  const { decode, speculative } = decodeAt(r, batch);
  const pre = prefill(d, contextTokens, batch, memory.maxBatchedTokens, efficiency, routing);
  const dollarsPerSecond = (layout.devices * r.usdPerDeviceHour) / 3600;
  const largestBatch = maxBatch(d, contextTokens);
  return {
    layout,
    running: r.running,
    weightPlan: plan,
    weightsBytes: weights.total,
    weightsBytesByComponent: weights.byComponent,
    kvBytesPerToken: kvBytesPerToken(spec, kvDtype, kvLayout),
    kvBytesPerSequence: perSequence,
    // At no context, only the fixed state is kept (kv-cache.ts keptTokens is 0 for every layer).
    stateBytesPerSequence: kvBytesPerSequence(spec, 0, kvDtype, kvLayout),
    kvBytes: perSequence * batch,
    kvLayouts: kvLayouts(r),
    expertPadding: d.expertPadding,
    totalBytes: stored + perSequence * batch + runtimeBytesOfAllDevices(d),
    perDevice,
    perDeviceBytes: perDevice.totalBytes,
    deviceBytes: d.device.memoryBytes,
    deviceBudgetBytes: budget,
    fits: fitsAt(d, contextTokens, batch),
    maxContextTokens: maxContextTokens(d, batch),
    maxBatch: largestBatch,
    kvCapacityTokens: kvCapacityTokens(d),
    sglangV4Pools: sglangV4Pools(d),
    decode,
    speculative,
    prefill: pre,
    routing: routingFacts(r),
    usdPerDeviceHour: r.usdPerDeviceHour,
    // $ per million output tokens = GPUs x $/GPU-hour / (tokens/s x 3600) x 1e6
    costPerMillionOutputTokens: costPerMillionTokens(
      layout.devices,
      r.usdPerDeviceHour,
      decode.tokensPerSecond,
    ),
    costPerMillionInputTokens: (dollarsPerSecond / pre.tokensPerSecond) * 1e6,
    decodeAt: decodeEnds(r, largestBatch, decode),
    assumptions: assumptionsOf(r),
  };
}
