/**
 * The serving estimate of a model on one machine with part of it in system RAM: the data-centre
 * estimate (estimate.ts) for one device, with memory, fit and speed taken from the placement
 * (local-inference.ts). What the CLI's `serve --host-memory-gb ... --n-cpu-moe N` prints.
 */
import { LIMITS } from '../model/limits.ts';
import type { ModelSpec } from '../model/types.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import type { DeviceMemory } from './deployment.ts';
import type { DecodePoint, ServingEstimate } from './estimate.ts';
import { llamaCppEfficiency } from './llamacpp-efficiency.ts';
import { LOCAL_DEVICE_RESERVE_BYTES } from './local-defaults.ts';
import {
  localDecode,
  localMemory,
  localPrefill,
  suggestNCpuMoe,
  type HostSpec,
  type LocalMemory,
  type LocalSetup,
} from './local-inference.ts';
import type { LocalSpeed } from './local-step.ts';
import type { Where } from './local-placement.ts';
import { localSetup, type LocalOptions } from './local-setup.ts';
import type { ServingOptions } from './resolve.ts';

/** What the local model assumes besides the data-centre defaults (assumptions.ts). */
export interface LocalAssumptions {
  /** The host as modelled: its RAM, peak bandwidth, CPU FLOP/s and PCIe link (DEFAULT_HOST). */
  host: HostSpec;
  /** The share of DRAM peak bandwidth decode reaches (DEFAULT_LOCAL_EFFICIENCY). */
  hostBandwidth: number;
  /** What a discrete GPU keeps for the driver (LOCAL_DEVICE_RESERVE_BYTES); 0 for a pool. */
  deviceReserveBytes: number;
  /** A unified pool's GPU share; null for a GPU with its own memory. */
  gpuShare: number | null;
  /** Prefill micro-batch, tokens (llama.cpp -ub). */
  ubatch: number;
}

export interface LocalServingEstimate extends ServingEstimate {
  /** One pool shared by GPU and CPU (Apple silicon, DGX Spark, Ryzen AI Max). */
  unified: boolean;
  /**
   * What the GPU holds, by part: the weights placed on it, the KV cache of its layers and its
   * compute buffer (as `activationBytes`). Its total is `deviceUsedBytes`.
   */
  perDevice: DeviceMemory;
  /**
   * What system RAM holds, by part: the weights placed on the CPU (the input embedding at
   * least) and the KV cache of the CPU's layers; no compute buffer. Its total is `hostBytes`.
   * In a unified pool, the CPU's part of the pool.
   */
  perHost: DeviceMemory;
  /** Bytes on the GPU (weights it holds, its layers' KV cache, its compute buffer). */
  deviceUsedBytes: number;
  /** Bytes in system RAM (weights and KV of the layers on the CPU). */
  hostBytes: number;
  /** System RAM, bytes; a unified pool's whole size (of which the GPU holds its part). */
  hostMemoryBytes: number;
  fitsDevice: boolean;
  /** System RAM holds its part; a unified pool holds both parts. */
  fitsHost: boolean;
  /** Per layer, where its mixer, routed experts and FFN live; and the embedding and output. */
  placement: {
    layers: { mixer: Where; experts: Where | null; ffn: Where }[];
    embedding: Where;
    output: Where;
  };
  /** The fewest layers whose experts go to the host (--n-cpu-moe) for the GPU to fit; null: none. */
  suggestedNCpuMoe: number | null;
  assumptions: ServingEstimate['assumptions'] & { local: LocalAssumptions };
}

/** Whether the setup fits at a context and a batch (both sides). */
function fitsAt(setup: LocalSetup, contextTokens: number, batch: number): boolean {
  const m = localMemory({ ...setup, contextTokens, batch });
  return m.fitsDevice && m.fitsHost;
}

/**
 * The largest value from 1 to `max` for which `fits` holds (it holds for all below); 0: none.
 * Doubling, then bisection: about 2 log2(max) calls.
 */
export function largestFitting(fits: (n: number) => boolean, max: number): number {
  if (!fits(1)) return 0;
  let lo = 1;
  let hi = 2;
  while (hi <= max && fits(hi)) [lo, hi] = [hi, hi * 2];
  hi = Math.min(hi, max + 1);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The GPU's and the host's bytes by part. */
function sides(memory: LocalMemory): { perDevice: DeviceMemory; perHost: DeviceMemory } {
  return {
    perDevice: {
      weightsBytes: memory.deviceWeightsBytes,
      kvBytes: memory.deviceKvBytes,
      activationBytes: memory.computeBufferBytes,
      totalBytes: memory.deviceBytes,
    },
    perHost: {
      weightsBytes: memory.hostWeightsBytes,
      kvBytes: memory.hostKvBytes,
      activationBytes: 0,
      totalBytes: memory.hostBytes,
    },
  };
}

/** A local decode or prefill step as the data-centre estimate's breakdown (speed.ts). */
function breakdown(speed: LocalSpeed) {
  return {
    seconds: speed.stepSeconds,
    memorySeconds: speed.memorySeconds,
    computeSeconds: speed.computeSeconds,
    // The only traffic between devices is the host's weights crossing PCIe (prefill).
    communicationSeconds: speed.linkSeconds,
    overheadSeconds: speed.overheadSeconds,
    // llama.cpp's launches are in the local model's per-layer overhead (local-step.ts).
    launchSeconds: 0,
    bound: speed.bound,
    weightsReadBytes: speed.weightsReadBytes,
    kvReadBytes: speed.kvReadBytes,
    flops: speed.flops,
    distinctExpertsPerLayer: speed.distinctExpertsPerLayer,
    allToAllBytesPerLayer: 0,
  };
}

/** A local decode step as the data-centre estimate's decode (speed.ts). */
function decodeFigures(decode: LocalSpeed): ServingEstimate['decode'] {
  return {
    ...breakdown(decode),
    stepSeconds: decode.stepSeconds,
    // llama.cpp's host work per step is in the local model's overhead (local-step.ts).
    schedulingSeconds: 0,
    tokensPerSecond: decode.tokensPerSecond,
    tokensPerSecondPerDevice: decode.tokensPerSecond,
    // Every sequence of the batch advances one token per step.
    tokensPerSecondPerUser: 1 / decode.stepSeconds,
  };
}

/** $ per million tokens at `tokensPerSecond` on the one machine (estimate.ts's formula). */
function perMillion(usdPerHour: number, tokensPerSecond: number): number {
  return (usdPerHour / 3600 / tokensPerSecond) * 1e6;
}

/** A decode point of the local model (estimate.ts `decodeAt`). */
function pointOf(batch: number, speed: LocalSpeed, usdPerHour: number): DecodePoint {
  return {
    batch,
    tokensPerSecond: speed.tokensPerSecond,
    tokensPerSecondPerUser: 1 / speed.stepSeconds,
    costPerMillionOutputTokens: perMillion(usdPerHour, speed.tokensPerSecond),
  };
}

/** The data-centre assumptions with the local model's efficiency and host (serve's JSON). */
function localAssumptions(
  setup: LocalSetup,
  base: ServingEstimate,
): LocalServingEstimate['assumptions'] {
  return {
    ...base.assumptions,
    efficiency: {
      bandwidth: setup.efficiency.deviceBandwidth,
      compute: setup.efficiency.compute,
      ...llamaCppEfficiency({
        bandwidth: setup.efficiency.deviceBandwidth,
        compute: setup.efficiency.compute,
        layerOverheadSeconds: setup.efficiency.layerOverheadSeconds,
      }),
      launchSecondsPerLayer: 0,
      eagerKernelSeconds: 0,
      schedulingSecondsPerSequence: 0,
      computeShare: { bf16: 1, fp8: 1 },
      bandwidthShare: 1,
      speculativeHostSeconds: 0,
    },
    local: {
      host: setup.host,
      hostBandwidth: setup.efficiency.hostBandwidth,
      deviceReserveBytes: setup.unified ? 0 : LOCAL_DEVICE_RESERVE_BYTES,
      gpuShare: setup.unified ? setup.deviceUsableBytes / setup.device.memoryBytes : null,
      ubatch: setup.ubatch,
    },
  };
}

/**
 * The largest batch at the context and the longest context at the batch that fit, and what the
 * KV cache can hold beside the weights and the compute buffer: the longest context of one
 * sequence (llama.cpp's cache is -c cells, shared by its sequences); 0 where none fits.
 */
function localLimits(setup: LocalSetup) {
  const longest = (batch: number) =>
    largestFitting((n) => fitsAt(setup, n, batch), LIMITS.contextTokens);
  const maxContextTokens = longest(setup.batch);
  return {
    maxBatch: largestFitting((n) => fitsAt(setup, setup.contextTokens, n), LIMITS.batch),
    maxContextTokens,
    kvCapacityTokens: setup.batch === 1 ? maxContextTokens : longest(1),
  };
}

/**
 * The estimate with part of the model in system RAM: fits when both sides fit; memory by side
 * and part, decode and prefill from the placement (local-inference.ts), and every figure of
 * the data-centre estimate that depends on them (the decode points, the prices, the
 * assumptions) taken from the local model. Throws ConfigError for bad values.
 */
export function estimateLocalServing(
  spec: ModelSpec,
  options: ServingOptions,
  local: LocalOptions,
  count: ParamCount = countParams(spec),
): LocalServingEstimate {
  const { setup, base } = localSetup(spec, count, options, local);
  const memory = localMemory(setup);
  const decode = localDecode(setup, memory.placement);
  const prefill = localPrefill(setup, memory.placement);
  const fits = memory.fitsDevice && memory.fitsHost;
  const weights = memory.deviceWeightsBytes + memory.hostWeightsBytes;
  const usd = base.usdPerDeviceHour;
  const { maxBatch, maxContextTokens, kvCapacityTokens } = localLimits(setup);
  const decodeAt = (batch: number) => localDecode({ ...setup, batch }, memory.placement);
  return {
    ...base,
    // A GGUF file's own bytes; else the plan's (placement keeps a tied head's copy on the GPU).
    ...(setup.parts ? { weightsBytes: weights } : {}),
    totalBytes: memory.deviceBytes + memory.hostBytes,
    unified: setup.unified,
    ...sides(memory),
    fits,
    deviceBudgetBytes: setup.deviceUsableBytes,
    perDeviceBytes: memory.deviceBytes,
    decode: decodeFigures(decode),
    prefill: {
      ...breakdown(prefill),
      tokensPerSecond: prefill.tokensPerSecond,
      timeToFirstTokenSeconds: setup.contextTokens / prefill.tokensPerSecond,
      chunkTokens: Math.min(setup.ubatch, setup.contextTokens),
      sparseHeads: null,
    },
    costPerMillionOutputTokens: perMillion(usd, decode.tokensPerSecond),
    costPerMillionInputTokens: perMillion(usd, prefill.tokensPerSecond),
    // The placement does not depend on the batch: only the step is estimated again.
    decodeAt: {
      batchOne: pointOf(1, setup.batch === 1 ? decode : decodeAt(1), usd),
      maxBatch: maxBatch > 0 ? pointOf(maxBatch, decodeAt(maxBatch), usd) : null,
    },
    maxContextTokens,
    maxBatch,
    kvCapacityTokens,
    deviceUsedBytes: memory.deviceBytes,
    hostBytes: memory.hostBytes,
    hostMemoryBytes: setup.host.memoryBytes,
    fitsDevice: memory.fitsDevice,
    fitsHost: memory.fitsHost,
    placement: {
      layers: memory.placement.layers.map(({ mixer, experts, ffn }) => ({ mixer, experts, ffn })),
      embedding: memory.placement.embedding,
      output: memory.placement.output,
    },
    suggestedNCpuMoe: suggestNCpuMoe(setup),
    assumptions: localAssumptions(setup, base),
  };
}
