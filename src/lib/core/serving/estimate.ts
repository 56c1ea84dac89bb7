/**
 * The serving estimate: memory per device, fit, largest context and batch, decode and prefill
 * speed, routing costs and price, for one model on one deployment. Every assumption is an
 * explicit option with a documented default (DEFAULT_MEMORY, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).
 */
import {
  buildDeployment,
  checkPositive,
  DEFAULT_MEMORY,
  deviceBudgetBytes,
  deviceMemory,
  maxBatch,
  maxContextTokens,
  type Deployment,
  type DeviceMemory,
  type MemoryAssumptions,
} from './deployment.ts';
import { ConfigError } from '../model/errors.ts';
import type { KvDtype, WeightFormatId } from './weight-formats.ts';
import type { Device } from './hardware.ts';
import { kvBytesPerSequence, kvBytesPerToken, type KvLayout } from './kv-cache.ts';
import { resolveLayout, type ParallelLayout } from './parallel.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import { loadImbalance, routerFlopsPerToken, type LoadImbalance } from './routing.ts';
import {
  decodeStep,
  DEFAULT_EFFICIENCY,
  expertAllToAll,
  DEFAULT_ROUTING,
  prefill,
  type DecodeEstimate,
  type Efficiency,
  type PrefillEstimate,
  type RoutingAssumptions,
} from './speed.ts';
import type { ModelSpec } from '../model/types.ts';
import {
  defaultWeightPlan,
  weightBytes,
  weightPlan,
  type ByteBreakdown,
  type WeightPlan,
} from './weights.ts';

export interface ServingOptions {
  device: Device;
  devices: number;
  tp?: number;
  ep?: number;
  pp?: number;
  /** Format of everything but the routed experts; the checkpoint's own when absent. */
  weights?: WeightFormatId;
  /** Format of the routed experts; `weights` (or the checkpoint's) when absent. */
  expertWeights?: WeightFormatId;
  kvDtype?: KvDtype;
  kvLayout?: KvLayout;
  contextTokens: number;
  /** Concurrent sequences of the whole deployment. */
  batch: number;
  /** Price of one device-hour; the catalog's when absent. */
  usdPerDeviceHour?: number;
  memory?: Partial<MemoryAssumptions>;
  efficiency?: Partial<Efficiency>;
  routing?: Partial<RoutingAssumptions>;
}

export interface ServingEstimate {
  layout: ParallelLayout;
  weightPlan: WeightPlan;
  /** One copy of the weights, bytes (MTP modules excluded). */
  weightsBytes: number;
  weightsBytesByComponent: ByteBreakdown;
  /** Bytes each further token of context adds to one sequence's cache (past every window). */
  kvBytesPerToken: number;
  /** KV cache of one sequence at the context, bytes. */
  kvBytesPerSequence: number;
  /** KV cache of the whole batch at the context, bytes. */
  kvBytes: number;
  /** Both layouts side by side (the hybrid cache against vLLM's Llama 4 launch layout). */
  kvLayouts: Record<KvLayout, { kvBytesPerToken: number; kvBytes: number }>;
  /** weightsBytes + kvBytes + activation workspace of every device. */
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
  /** Largest batch that fits at the context. */
  maxBatch: number;
  decode: DecodeEstimate;
  prefill: PrefillEstimate;
  routing: {
    routerFlopsPerToken: number;
    allToAllBytesPerLayer: number;
    allToAllSecondsPerLayer: number;
    imbalance: LoadImbalance | null;
  };
  usdPerDeviceHour: number;
  costPerMillionOutputTokens: number;
  costPerMillionInputTokens: number;
  assumptions: { memory: MemoryAssumptions; efficiency: Efficiency; routing: RoutingAssumptions };
}

function checkFraction(field: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(field, value, `a number from ${min} to ${max}`);
  }
  return value;
}

/** A deployment with every option resolved and checked: the input of the estimate and the charts. */
export interface ResolvedServing {
  deployment: Deployment;
  contextTokens: number;
  batch: number;
  efficiency: Efficiency;
  routing: RoutingAssumptions;
  usdPerDeviceHour: number;
}

/** Checks the options and places the model on the devices. Throws ConfigError for bad values. */
export function resolveServing(
  spec: ModelSpec,
  options: ServingOptions,
  count: ParamCount = countParams(spec),
): ResolvedServing {
  const contextTokens = checkPositive('context', options.contextTokens, 2 ** 34);
  const batch = checkPositive('batch', options.batch, 2 ** 30);
  const layout = resolveLayout(spec, options);
  const memory = { ...DEFAULT_MEMORY, ...options.memory };
  checkFraction('memory utilization', memory.utilization, 0.05, 1);
  checkPositive('max batched tokens', memory.maxBatchedTokens);
  checkPositive('max sequences', memory.maxSequences);
  checkPositive('KV block tokens', memory.kvBlockTokens, 4096);
  const efficiency = { ...DEFAULT_EFFICIENCY, ...options.efficiency };
  checkFraction('bandwidth efficiency', efficiency.bandwidth, 0.01, 1);
  checkFraction('compute efficiency', efficiency.compute, 0.01, 1);
  checkFraction('communication overlap', efficiency.overlap, 0, 1);
  checkFraction('layer overhead seconds', efficiency.layerOverheadSeconds, 0, 1);
  const routing = { ...DEFAULT_ROUTING, ...options.routing };
  checkFraction('routing skew', routing.skew, 0, 4);
  checkFraction('capacity factor', routing.capacityFactor, 0.1, 64);
  const usdPerDeviceHour = options.usdPerDeviceHour ?? options.device.usdPerHour;
  checkFraction('price per device-hour', usdPerDeviceHour, 0, 1e6);
  const base = defaultWeightPlan(spec);
  const plan = options.weights
    ? weightPlan(options.weights, options.expertWeights ?? options.weights)
    : { ...base, experts: options.expertWeights ?? base.experts };
  const deployment = buildDeployment({
    spec,
    count,
    layout,
    device: options.device,
    plan,
    kvDtype: options.kvDtype ?? 'bf16',
    kvLayout: options.kvLayout ?? 'hybrid',
    memory,
  });
  return { deployment, contextTokens, batch, efficiency, routing, usdPerDeviceHour };
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

/** The estimate of a resolved deployment. */
export function estimateResolved(r: ResolvedServing): ServingEstimate {
  const { deployment: d, contextTokens, batch, efficiency, routing } = r;
  const { spec, count, layout, plan, kvDtype, kvLayout, memory } = d;
  const weights = weightBytes(count.breakdown, plan);
  const usd = r.usdPerDeviceHour;
  const perSequence = kvBytesPerSequence(
    spec,
    contextTokens,
    kvDtype,
    kvLayout,
    memory.kvBlockTokens,
  );
  const perDevice = deviceMemory(d, contextTokens, batch);
  const budget = deviceBudgetBytes(d);
  const decode = decodeStep(d, contextTokens, batch, efficiency, routing);
  const pre = prefill(d, contextTokens, batch, memory.maxBatchedTokens, efficiency, routing);
  const dollarsPerSecond = (layout.devices * usd) / 3600;
  const moe = spec.moe;
  const tokensPerGroup = batch / (layout.devices / layout.expertShards);
  const a2a =
    moe && layout.ep > 1
      ? expertAllToAll(d, batch / (layout.dp * layout.pp * layout.tp), routing)
      : { bytes: 0, seconds: 0 };
  return {
    layout,
    weightPlan: plan,
    weightsBytes: weights.total,
    weightsBytesByComponent: weights.byComponent,
    kvBytesPerToken: kvBytesPerToken(spec, kvDtype, kvLayout),
    kvBytesPerSequence: perSequence,
    kvBytes: perSequence * batch,
    kvLayouts: {
      hybrid: {
        kvBytesPerToken: kvBytesPerToken(spec, kvDtype, 'hybrid'),
        kvBytes:
          batch * kvBytesPerSequence(spec, contextTokens, kvDtype, 'hybrid', memory.kvBlockTokens),
      },
      full: {
        kvBytesPerToken: kvBytesPerToken(spec, kvDtype, 'full'),
        kvBytes:
          batch * kvBytesPerSequence(spec, contextTokens, kvDtype, 'full', memory.kvBlockTokens),
      },
    },
    totalBytes: weights.total + perSequence * batch + d.activationBytes * layout.devices,
    perDevice,
    perDeviceBytes: perDevice.totalBytes,
    deviceBytes: d.device.memoryBytes,
    deviceBudgetBytes: budget,
    fits: perDevice.totalBytes <= budget,
    maxContextTokens: maxContextTokens(d, batch),
    maxBatch: maxBatch(d, contextTokens),
    decode,
    prefill: pre,
    routing: {
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
    },
    usdPerDeviceHour: usd,
    costPerMillionOutputTokens: (dollarsPerSecond / decode.tokensPerSecond) * 1e6,
    costPerMillionInputTokens: (dollarsPerSecond / pre.tokensPerSecond) * 1e6,
    assumptions: { memory, efficiency, routing },
  };
}
