/**
 * The setup of the local model (local-inference.ts) for a one-device deployment: the resolved
 * data-centre deployment (resolve.ts) with the host, the placement flags and a unified pool's
 * GPU share.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import { estimateResolved, type ServingEstimate } from './estimate.ts';
import { HOST_RANGES, inHostRange } from './host-ranges.ts';
import {
  DEFAULT_HOST,
  DEFAULT_LOCAL_EFFICIENCY,
  LOCAL_DEVICE_RESERVE_BYTES,
  pcieBytesPerSecond,
} from './local-defaults.ts';
import type { HostSpec, LocalSetup } from './local-inference.ts';
import { llamaCppLayerOverheadSeconds } from './llamacpp-efficiency.ts';
import { compileOverrides, type ModelParts, type PlacementFlags } from './local-placement.ts';
import { resolveServing, type ServingOptions } from './resolve.ts';

export interface LocalOptions {
  host?: Partial<HostSpec>;
  /** Exact bytes of each part, from a GGUF file (local-gguf.ts `ggufParts`). */
  parts?: ModelParts;
  placement: PlacementFlags;
  /** One pool shared by GPU and CPU; the share of it the GPU may use. */
  unified?: { gpuShare: number } | null;
  ubatch?: number;
}

/**
 * What the local model does not run: more than one GPU, and speculative decoding (it decodes one
 * token per step, local-inference.ts: a draft would be counted in the GPU estimate underneath
 * and nowhere in the speed, so it is refused, not ignored).
 */
function refuseOutsideLocal(options: ServingOptions): void {
  if (options.devices !== 1) throw new ConfigError('gpus', options.devices, '1 with host memory');
  if (options.speculative)
    throw new ConfigError(
      'spec-decode',
      options.speculative.method,
      'none with system RAM (the llama.cpp estimate decodes one token per step)',
    );
}

/** The setup of the local model for a resolved one-device deployment. */
export function localSetup(
  spec: ModelSpec,
  count: ParamCount,
  options: ServingOptions,
  local: LocalOptions,
): { setup: LocalSetup; base: ServingEstimate } {
  refuseOutsideLocal(options);
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
  if (unified && !inHostRange(HOST_RANGES.gpuShare, unified.gpuShare))
    throw new ConfigError(
      'gpu share',
      unified.gpuShare,
      `a fraction from ${HOST_RANGES.gpuShare.min} to ${HOST_RANGES.gpuShare.max}`,
    );
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
      // The fitted local overhead (ROCm's on AMD GPUs), unless the caller gives one
      // (serve --layer-overhead-us).
      layerOverheadSeconds:
        options.efficiency?.layerOverheadSeconds ?? llamaCppLayerOverheadSeconds(d.device),
    },
  };
  return { setup, base };
}
