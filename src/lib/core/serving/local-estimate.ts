/**
 * The serving estimate of a model on one machine with part of it in system RAM: the data-centre
 * estimate (estimate.ts) for one device, with memory, fit and speed taken from the placement
 * (local-inference.ts). What the CLI's `serve --host-memory-gb ... --n-cpu-moe N` prints.
 */
import { ConfigError } from '../model/errors.ts';
import { LIMITS } from '../model/limits.ts';
import type { ModelSpec } from '../model/types.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import { estimateResolved, type ServingEstimate } from './estimate.ts';
import {
  localDecode,
  localMemory,
  localPrefill,
  suggestNCpuMoe,
  type HostSpec,
  type LocalEfficiency,
  type LocalSetup,
} from './local-inference.ts';
import {
  compileOverrides,
  type ModelParts,
  type PlacementFlags,
  type Where,
} from './local-placement.ts';
import { resolveServing, type ServingOptions } from './resolve.ts';

/**
 * PCIe bandwidth per direction of an x16 link, bytes/s: 8, 16 and 32 GT/s per lane with
 * 128b/130b encoding (PCI-SIG: gen3 985 MB/s, gen4 1.969 GB/s, gen5 3.938 GB/s per lane).
 */
export const PCIE_X16_BYTES_PER_SECOND = { gen3: 15.75e9, gen4: 31.5e9, gen5: 63e9 } as const;
export type PcieGeneration = keyof typeof PCIE_X16_BYTES_PER_SECOND;

/** PCIe bandwidth of a link written `gen4x16`, `gen5x8`; null when it is not one. */
export function pcieBytesPerSecond(text: string): number | null {
  const m = /^(gen[345])x(1|2|4|8|16)$/i.exec(text.trim());
  if (!m) return null;
  const gen = m[1]!.toLowerCase() as PcieGeneration;
  return (PCIE_X16_BYTES_PER_SECOND[gen] * Number(m[2])) / 16;
}

/**
 * Assumed where a setup says nothing: 64 GB of dual-channel DDR5-5600 (2 × 5,600 MT/s × 8 B =
 * 89.6 GB/s peak), a PCIe 4.0 x16 link, 1 TFLOP/s of CPU matmuls (assumed), llama.cpp's default
 * micro-batch of 512 (common/common.h `n_ubatch`). How much of the DRAM peak decode reaches is
 * DEFAULT_LOCAL_EFFICIENCY's `hostBandwidth`.
 */
export const DEFAULT_HOST: HostSpec = {
  memoryBytes: 64e9,
  bandwidthBytesPerSecond: 89.6e9,
  flopsPerSecond: 1e12,
  linkBytesPerSecond: PCIE_X16_BYTES_PER_SECOND.gen4,
};

/**
 * What a GPU keeps for the driver and the CUDA context when llama.cpp fills it: 1 GiB (assumed;
 * nvidia-smi shows 300-600 MiB used on an idle desktop card, and llama.cpp's allocations leave
 * some slack).
 */
export const LOCAL_DEVICE_RESERVE_BYTES = 2 ** 30;

/**
 * Fitted to the 23 decode-validated runs of tests/fixtures/local-cases.json, one set for all:
 * the least squares of log(model / published) at each case's `cli` (grid: host 0.36-0.46 by
 * 0.02, overhead 60-100 us by 10; tests/unit/scripts/validation.test.ts holds the result).
 * - Device bandwidth stays the data-centre default, 0.7 (resolve.ts): the 8 llama.cpp runs on
 *   unified memory (DGX Spark, Strix Halo; Qwen3-Next aside) cannot tell it from the overhead
 *   (0.7 with 20 us, 0.75 with 60 and 0.8 with 80 fit them alike); they land at 0.81-0.96x.
 * - hostBandwidth 0.4 of the DRAM peak (channels x MT/s x 8): the optimum over all 23, and over
 *   the 11 runs with experts in host RAM alone (RTX 4070 x3, RTX 2080 x2, RX 7900 XT, RX 6900
 *   XT, ik_llama.cpp x2, KTransformers x2; the 7 llama.cpp ones alone prefer 0.42-0.44). Those
 *   11 land at 0.75-1.32x.
 * - layerOverheadSeconds 80 us per layer and step: the optimum over all 23 (70-90 us within
 *   2%), up from 20 us because of the runs a bandwidth bound over-predicts most: MLX on the M4
 *   Max (1.67x at 20 us, 1.05x at 80) and M2 Max (1.36x), Ollama on the Spark (1.00x). Runs
 *   outside the fit agree: gpt-oss-20b on the GPU alone, RTX 4080 (ik_llama.cpp discussion 758,
 *   186 tok/s) 0.91x, RTX 4090 (225, more-serving-cases.json) 0.95x, M3 Ultra 1.62x, RX 7900 XT
 *   (ROCm, 102) 1.51x; at 20 us the last two were 2.2x and 1.9x.
 * Result: 22 of 23 within x1.5 (Qwen3-Next on Strix Halo at 1.51x: llama.cpp's qwen3next
 * kernels were weeks old), all 23 within x2, geometric mean 1.00x.
 */
export const DEFAULT_LOCAL_EFFICIENCY: Omit<LocalEfficiency, 'deviceBandwidth' | 'compute'> = {
  hostBandwidth: 0.4,
  layerOverheadSeconds: 80e-6,
};

export interface LocalOptions {
  host?: Partial<HostSpec>;
  /** Exact bytes of each part, from a GGUF file (local-gguf.ts `ggufParts`). */
  parts?: ModelParts;
  placement: PlacementFlags;
  /** One pool shared by GPU and CPU; the share of it the GPU may use. */
  unified?: { gpuShare: number } | null;
  ubatch?: number;
}

export interface LocalServingEstimate extends ServingEstimate {
  /** Bytes on the GPU (weights it holds, its layers' KV cache, its compute buffer). */
  deviceUsedBytes: number;
  /** Bytes in system RAM (weights and KV of the layers on the CPU). */
  hostBytes: number;
  hostMemoryBytes: number;
  fitsDevice: boolean;
  fitsHost: boolean;
  /** Per layer, where its mixer, routed experts and FFN live; and the embedding and output. */
  placement: {
    layers: { mixer: Where; experts: Where | null; ffn: Where }[];
    embedding: Where;
    output: Where;
  };
  /** The fewest layers whose experts go to the host (--n-cpu-moe) for the GPU to fit; null: none. */
  suggestedNCpuMoe: number | null;
}

/** The setup of the local model for a resolved one-device deployment. */
function localSetup(
  spec: ModelSpec,
  count: ParamCount,
  options: ServingOptions,
  local: LocalOptions,
): { setup: LocalSetup; base: ServingEstimate } {
  if (options.devices !== 1) throw new ConfigError('gpus', options.devices, '1 with host memory');
  compileOverrides(local.placement.overrides); // a bad pattern says so before anything else
  const resolved = resolveServing(spec, options, count);
  const base = estimateResolved(resolved);
  const d = resolved.deployment;
  // The device's own link (two of the 16 GB cards are x8) unless one is given.
  const pcie = d.device.pcie;
  const link = pcie ? pcieBytesPerSecond(`gen${pcie.gen}x${pcie.lanes}`) : null;
  const host = { ...DEFAULT_HOST, ...(link ? { linkBytesPerSecond: link } : {}), ...local.host };
  // A unified-memory device (Apple silicon, DGX Spark, Ryzen AI Max) is one pool.
  const unified = local.unified ?? d.device.unified ?? null;
  if (unified && !(unified.gpuShare > 0 && unified.gpuShare <= 1))
    throw new ConfigError('gpu share', unified.gpuShare, 'a fraction from 0 to 1');
  const setup: LocalSetup = {
    spec,
    count,
    plan: d.plan,
    ...(local.parts ? { parts: local.parts } : {}),
    device: d.device,
    unified: unified !== null,
    // llama.cpp takes what the card has, less the driver's and the CUDA context's share:
    // LOCAL_DEVICE_RESERVE_BYTES (assumed); a unified pool, the GPU's share of it.
    deviceUsableBytes: unified
      ? Math.floor(d.device.memoryBytes * unified.gpuShare)
      : d.device.memoryBytes - LOCAL_DEVICE_RESERVE_BYTES,
    // A unified machine's host is its one pool.
    host: unified
      ? {
          ...host,
          memoryBytes: d.device.memoryBytes,
          bandwidthBytesPerSecond: d.device.bandwidthBytesPerSecond,
        }
      : host,
    flags: local.placement,
    kvDtype: d.kvDtype,
    contextTokens: resolved.contextTokens,
    batch: resolved.batch,
    ubatch: local.ubatch ?? 512,
    efficiency: {
      deviceBandwidth: resolved.efficiency.bandwidth,
      compute: resolved.efficiency.compute,
      hostBandwidth: DEFAULT_LOCAL_EFFICIENCY.hostBandwidth,
      // The fitted local overhead, unless the caller gives one (serve --layer-overhead-us).
      layerOverheadSeconds:
        options.efficiency?.layerOverheadSeconds ?? DEFAULT_LOCAL_EFFICIENCY.layerOverheadSeconds,
    },
  };
  return { setup, base };
}

/** Whether the setup fits at a context and a batch (both sides). */
function fitsAt(setup: LocalSetup, contextTokens: number, batch: number): boolean {
  const m = localMemory({ ...setup, contextTokens, batch });
  return m.fitsDevice && m.fitsHost;
}

/** The largest value from 1 to `max` for which `fits` holds (it holds for all below); 0: none. */
function largest(fits: (n: number) => boolean, max: number): number {
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

/**
 * The estimate with part of the model in system RAM: fits when both sides fit; decode and
 * prefill from the placement. Throws ConfigError for bad values.
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
  const stepSeconds = setup.batch / decode.tokensPerSecond;
  const weights = memory.deviceWeightsBytes + memory.hostWeightsBytes;
  return {
    ...base,
    // A GGUF file's own bytes; else the plan's (placement keeps a tied head's copy on the GPU).
    ...(setup.parts ? { weightsBytes: weights } : {}),
    fits,
    deviceBudgetBytes: setup.deviceUsableBytes,
    perDeviceBytes: memory.deviceBytes,
    decode: {
      ...base.decode,
      tokensPerSecond: decode.tokensPerSecond,
      tokensPerSecondPerDevice: decode.tokensPerSecond,
      tokensPerSecondPerUser: 1 / stepSeconds,
      stepSeconds,
      memorySeconds: decode.deviceSeconds + decode.hostSeconds,
      overheadSeconds: decode.overheadSeconds,
    },
    prefill: {
      ...base.prefill,
      tokensPerSecond: prefill.tokensPerSecond,
      timeToFirstTokenSeconds: setup.contextTokens / prefill.tokensPerSecond,
    },
    costPerMillionOutputTokens: (base.usdPerDeviceHour / 3600 / decode.tokensPerSecond) * 1e6,
    maxContextTokens: largest((n) => fitsAt(setup, n, setup.batch), LIMITS.contextTokens),
    maxBatch: largest((n) => fitsAt(setup, setup.contextTokens, n), LIMITS.batch),
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
  };
}

/** The host side of a local deployment and llama.cpp's placement flags. */
export interface HostSettings {
  /** System RAM, bytes. */
  memoryBytes: number;
  /** System RAM peak bandwidth, bytes/s. */
  bandwidthBytesPerSecond: number;
  /** The GPU's link, e.g. "gen4x16". */
  pcie: string;
  /** `--cpu-moe`. */
  cpuMoe: boolean;
  /** `--n-cpu-moe N`. */
  nCpuMoe: number;
  /** `-ngl N`; null: every layer. */
  gpuLayers: number | null;
}

/** The local options of the explorer's host settings. ConfigError for a link that is not one. */
export function localOptionsOf(h: HostSettings): LocalOptions {
  const link = pcieBytesPerSecond(h.pcie);
  if (link === null) throw new ConfigError('PCIe link', h.pcie, 'a link such as gen4x16');
  return {
    host: {
      memoryBytes: h.memoryBytes,
      bandwidthBytesPerSecond: h.bandwidthBytesPerSecond,
      linkBytesPerSecond: link,
    },
    placement: { cpuMoe: h.cpuMoe, nCpuMoe: h.nCpuMoe, gpuLayers: h.gpuLayers, overrides: [] },
  };
}

/** The estimate of a one-GPU deployment with the explorer's host settings. */
export function estimateWithHost(
  spec: ModelSpec,
  options: ServingOptions,
  host: HostSettings,
  count: ParamCount = countParams(spec),
): LocalServingEstimate {
  return estimateLocalServing(spec, options, localOptionsOf(host), count);
}
