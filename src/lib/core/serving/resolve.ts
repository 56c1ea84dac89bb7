/**
 * Serving options, checked and resolved: the model placed on its devices with every assumption
 * filled in from its documented default (DEFAULT_MEMORY, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).
 */
import { ConfigError } from '../model/errors.ts';
import { LIMITS } from '../model/limits.ts';
import type { ModelSpec } from '../model/types.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_ROUTING,
  SGLANG_SPEC_HOST_SECONDS,
  type Efficiency,
  type RoutingAssumptions,
} from './assumptions.ts';
import {
  buildDeployment,
  checkPositive,
  DEFAULT_MEMORY,
  type Deployment,
  type MemoryAssumptions,
} from './deployment.ts';
import {
  engineDefaults,
  engineGraphBatch,
  engineKvLayout,
  enginePrefillScheduling,
  ENGINE_IDS,
  PREFILL_SCHEDULINGS,
  type EngineId,
  type PrefillScheduling,
} from './engines.ts';
import type { Device } from './hardware.ts';
import { engineEagerKernelSeconds } from './eager.ts';
import { deviceBlockScaledGemmSeconds, deviceInt4ExpertBandwidth } from './kernels.ts';
import { llamaCppDefaults } from './llamacpp-efficiency.ts';
import { sustainedShare } from './sustained-compute.ts';
import { sustainedBandwidthShare } from './sustained-bandwidth.ts';
import type { KvLayout } from './kv-cache.ts';
import { dataParallelAttention, resolveLayout, type ParallelLayout } from './parallel.ts';
import { runningBatch, type RunningBatch } from './running.ts';
import { SGLANG_V4_MAX_RUNNING, usesSglangV4Pools } from './sglang-v4-pools.ts';
import { deploymentKvDtype } from './sglang-kv-dtype.ts';
import { stateSlots } from './state-pool.ts';
import type { KvDtype, WeightFormatId } from './weight-formats.ts';
import { resolveSpeculation, type Speculation, type SpeculativeOptions } from './speculative.ts';
import { defaultWeightPlan, weightPlan } from './weights.ts';

export interface ServingOptions {
  device: Device;
  devices: number;
  tp?: number;
  ep?: number;
  pp?: number;
  /** Nodes the devices sit in; from gpusPerNode, or the device's node size, when absent. */
  nodes?: number;
  /** Devices per node; the device's node size (8 for HGX, 4 per NVL72 tray) when absent. */
  gpusPerNode?: number;
  /** Format of everything but the routed experts; the checkpoint's own when absent. */
  weights?: WeightFormatId;
  /** Format of the routed experts; `weights` (or the checkpoint's) when absent. */
  expertWeights?: WeightFormatId;
  kvDtype?: KvDtype;
  /** What windowed layers store; the engine's (engines.ts `engineKvLayout`) when absent. */
  kvLayout?: KvLayout;
  contextTokens: number;
  /** Requests in flight on the whole deployment; the engine runs up to its cap of them (running.ts). */
  batch: number;
  /** Price of one device-hour; the catalog's when absent. */
  usdPerDeviceHour?: number;
  memory?: Partial<MemoryAssumptions>;
  efficiency?: Partial<Efficiency>;
  routing?: Partial<RoutingAssumptions>;
  /** Speculative decoding (MTP or a draft model); none when absent. */
  speculative?: SpeculativeOptions | null;
  /** How prompts share the devices with decode (workload.ts); the engine's own when absent. */
  prefillScheduling?: PrefillScheduling;
}

function checkFraction(field: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(field, value, `a number from ${min} to ${max}`);
  }
  return value;
}

/** The efficiency assumptions, each within its range (ConfigError naming it otherwise). */
function checkEfficiency(efficiency: Efficiency): Efficiency {
  checkFraction('bandwidth efficiency', efficiency.bandwidth, 0.01, 1);
  checkFraction('expert bandwidth efficiency', efficiency.expertBandwidth, 0.01, 1);
  checkFraction('compute efficiency', efficiency.compute, 0.01, 1);
  checkFraction('attention compute efficiency', efficiency.attentionCompute, 0.01, 1);
  checkFraction('communication overlap', efficiency.overlap, 0, 1);
  checkFraction('kernel seconds', efficiency.kernelSeconds, 0, 0.01);
  checkFraction('block-scaled GEMM seconds', efficiency.blockScaledGemmSeconds, 0, 0.01);
  checkFraction('int4 expert efficiency', efficiency.int4ExpertBandwidth, 0.01, 1);
  checkFraction('sustained BF16 share', efficiency.computeShare.bf16, 0.01, 1);
  checkFraction('sustained FP8 share', efficiency.computeShare.fp8, 0.01, 1);
  checkFraction('sustained bandwidth share', efficiency.bandwidthShare, 0.01, 1);
  checkFraction(
    'scheduling seconds per sequence',
    efficiency.schedulingSecondsPerSequence,
    0,
    0.01,
  );
  checkFraction('launch seconds per layer', efficiency.launchSecondsPerLayer, 0, 0.01);
  checkFraction('eager seconds per kernel', efficiency.eagerKernelSeconds, 0, 0.01);
  checkFraction('speculative host seconds', efficiency.speculativeHostSeconds, 0, 1);
  if (efficiency.layerOverheadSeconds !== undefined)
    checkFraction('layer overhead seconds', efficiency.layerOverheadSeconds, 0, 1);
  return efficiency;
}

function checkPrefillScheduling(value: PrefillScheduling): PrefillScheduling {
  if (!PREFILL_SCHEDULINGS.includes(value))
    throw new ConfigError('prefill scheduling', value, `one of ${PREFILL_SCHEDULINGS.join(', ')}`);
  return value;
}

/** A deployment with every option resolved and checked: the input of the estimate and the charts. */
export interface ResolvedServing {
  deployment: Deployment;
  contextTokens: number;
  /** Sequences the engine runs at once: `running.batch`. */
  batch: number;
  /** The batch asked for, the engine's cap on it and what sets the cap. */
  running: RunningBatch;
  efficiency: Efficiency;
  routing: RoutingAssumptions;
  usdPerDeviceHour: number;
  /** The draft and its acceptance; null without speculative decoding. */
  speculation: Speculation | null;
  /** How prompts share the devices with decode (workload.ts). */
  prefillScheduling: PrefillScheduling;
}

/**
 * The CUDA-graph batch as given, or the engine's for its sequences (engines.ts
 * `engineGraphBatch`). SGLang's is its sequences (`cuda_graph_max_bs`): one sets the other.
 */
function sizeGraphBatch(memory: MemoryAssumptions, asked: Partial<MemoryAssumptions> = {}) {
  const given = asked.cudaGraphMaxBatch;
  if (given === undefined) {
    memory.cudaGraphMaxBatch = engineGraphBatch(memory.engine, memory.maxSequences);
    return;
  }
  checkPositive('cuda graph max bs', given, LIMITS.batch);
  if (memory.engine === 'sglang') {
    if (asked.maxSequences !== undefined && asked.maxSequences !== given)
      throw new ConfigError(
        'cuda graph max bs',
        given,
        `SGLang's max sequences, ${asked.maxSequences}, which is its cuda_graph_max_bs: give one of them`,
      );
    memory.maxSequences = given;
  }
  memory.cudaGraphMaxBatch = given;
}

/** The engine's memory policy on the layout, with the options' overrides, each checked. */
function resolveMemory(options: ServingOptions, layout: ParallelLayout): MemoryAssumptions {
  const engine = options.memory?.engine ?? DEFAULT_MEMORY.engine;
  if (!ENGINE_IDS.includes(engine))
    throw new ConfigError('engine', engine, `one of ${ENGINE_IDS.join(', ')}`);
  const memory: MemoryAssumptions = {
    ...DEFAULT_MEMORY,
    ...engineDefaults(engine, options.device, layout, Boolean(options.speculative)),
    ...options.memory,
    engine,
  };
  sizeGraphBatch(memory, options.memory);
  checkFraction('memory utilization', memory.utilization, 0.05, 1);
  checkPositive('max batched tokens', memory.maxBatchedTokens);
  checkPositive('max sequences', memory.maxSequences);
  if (memory.maxRunningRequests !== null) {
    if (engine !== 'sglang')
      throw new ConfigError(
        'max running requests',
        memory.maxRunningRequests,
        "SGLang's setting (vLLM's and TensorRT-LLM's is max sequences)",
      );
    checkPositive('max running requests', memory.maxRunningRequests, LIMITS.batch);
  }
  checkPositive('KV block tokens', memory.kvBlockTokens, 4096);
  checkFraction('swa full tokens ratio', memory.swaFullTokensRatio, 0.01, 1);
  // another engine has no such pools: the default passes, another ratio does not
  if (memory.swaFullTokensRatio !== DEFAULT_MEMORY.swaFullTokensRatio && engine !== 'sglang')
    throw new ConfigError('swa full tokens ratio', memory.swaFullTokensRatio, "SGLang's setting");
  memory.prefillDelayPasses = prefillDelayer(memory.prefillDelayPasses, engine, layout);
  return memory;
}

/**
 * SGLang's prefill delayer where it runs: it asserts DP attention ("To use PrefillDelayer,
 * enable_dp_attention must be enabled", prefill_delayer.py), and another engine has none, so
 * elsewhere it is off (null), as a switch that does not apply (the CLI refuses it there:
 * cli/sglang-options.ts `checkPrefillDelayer`).
 */
function prefillDelayer(passes: number | null, engine: EngineId, layout: ParallelLayout) {
  if (passes === null) return null;
  checkPositive('prefill delayer max delay passes', passes, 10_000);
  return engine === 'sglang' && dataParallelAttention(layout) ? passes : null;
}

/** The speed model's assumptions and the price, each with its default and checked. */
function resolveAssumptions(
  options: ServingOptions,
  spec: ModelSpec,
  memory: MemoryAssumptions,
): Pick<ResolvedServing, 'efficiency' | 'routing' | 'usdPerDeviceHour'> {
  const { engine } = memory;
  // SGLang turns its spec-v2 overlap on for DeepSeek-V4 (apply_deepseek_v4_defaults: "Spec v2 is
  // enabled for EAGLE speculative decoding"), so its drafts cost no host time the devices wait for
  const specHost = engine === 'sglang' && !usesSglangV4Pools({ spec, memory });
  const efficiency = checkEfficiency({
    ...DEFAULT_EFFICIENCY,
    blockScaledGemmSeconds: deviceBlockScaledGemmSeconds(options.device.id),
    int4ExpertBandwidth: deviceInt4ExpertBandwidth(options.device.id),
    computeShare: {
      bf16: sustainedShare(options.device.id, 'bf16'),
      fp8: sustainedShare(options.device.id, 'fp8'),
    },
    bandwidthShare: sustainedBandwidthShare(options.device.id),
    eagerKernelSeconds: engineEagerKernelSeconds(engine),
    speculativeHostSeconds: specHost ? SGLANG_SPEC_HOST_SECONDS : 0,
    ...(engine === 'llamacpp' ? llamaCppDefaults(options.efficiency, options.device) : {}),
    ...options.efficiency,
  });
  const routing = { ...DEFAULT_ROUTING, ...options.routing };
  checkFraction('routing skew', routing.skew, 0, 4);
  checkFraction('capacity factor', routing.capacityFactor, 0.1, 64);
  const usdPerDeviceHour = options.usdPerDeviceHour ?? options.device.usdPerHour;
  checkFraction('price per device-hour', usdPerDeviceHour, 0, 1e6);
  return { efficiency, routing, usdPerDeviceHour };
}

/** Checks the options and places the model on the devices. Throws ConfigError for bad values. */
export function resolveServing(
  spec: ModelSpec,
  options: ServingOptions,
  count: ParamCount = countParams(spec),
): ResolvedServing {
  const contextTokens = checkPositive('context', options.contextTokens, LIMITS.contextTokens);
  const offered = checkPositive('batch', options.batch, LIMITS.batch);
  const layout = resolveLayout(spec, options, options.device.scaleUpDomain);
  const memory = resolveMemory(options, layout);
  const { engine } = memory;
  const { efficiency, routing, usdPerDeviceHour } = resolveAssumptions(options, spec, memory);
  const base = defaultWeightPlan(spec);
  const plan = options.weights
    ? weightPlan(options.weights, options.expertWeights ?? options.weights)
    : { ...base, experts: options.expertWeights ?? base.experts };
  const input = {
    spec,
    count,
    layout,
    device: options.device,
    plan,
    kvDtype: deploymentKvDtype({ spec, memory, device: options.device }, options.kvDtype),
    kvLayout: options.kvLayout ?? engineKvLayout(engine),
    memory,
  };
  let deployment = buildDeployment(input);
  let speculation: Speculation | null = null;
  if (options.speculative) {
    // The draft is placed on the model's layout, then its bytes join the last stage.
    speculation = resolveSpeculation(deployment, options.speculative);
    deployment = buildDeployment({ ...input, draft: speculation.draftOnDevice });
  }
  const prefillScheduling = checkPrefillScheduling(
    options.prefillScheduling ?? enginePrefillScheduling(engine),
  );
  const running = runningBatch(offered, {
    ...memory,
    modelMaxRunning: usesSglangV4Pools(deployment)
      ? { requests: SGLANG_V4_MAX_RUNNING, model: 'DeepSeek-V4' }
      : null,
    speculative: speculation !== null,
    dp: layout.dp,
    // SGLang's speculative_num_draft_tokens: the drafts and the bonus token
    stateSlots: stateSlots(deployment, speculation ? speculation.draftTokens + 1 : 0),
  });
  return {
    deployment,
    contextTokens,
    batch: running.batch,
    running,
    efficiency,
    routing,
    usdPerDeviceHour,
    speculation,
    prefillScheduling,
  };
}
