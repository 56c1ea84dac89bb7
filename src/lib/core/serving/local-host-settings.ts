/**
 * The explorer's host settings (system RAM, its bandwidth, the PCIe link, llama.cpp's placement
 * flags, a unified pool's GPU share) as the local model's options, and the estimate they give.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { countParams, type ParamCount } from '../params/count.ts';
import type { Device } from './hardware.ts';
import { describeHostRange, HOST_RANGES, inHostRange } from './host-ranges.ts';
import { pcieBytesPerSecond } from './local-defaults.ts';
import { estimateLocalServing, type LocalServingEstimate } from './local-estimate.ts';
import { ggufDeploymentParts, type DeploymentGguf } from './local-gguf.ts';
import type { LocalOptions } from './local-setup.ts';
import type { ServingOptions } from './resolve.ts';

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
  /**
   * The share of a unified pool the GPU may use (HOST_RANGES.gpuShare), as raised with macOS's
   * `iogpu.wired_limit_mb` or Linux's `ttm.pages_limit`; null: the device's default
   * (`Device.unified`). Unused on a GPU with its own memory, whose RAM and link are the host's.
   */
  gpuShare: number | null;
}

/**
 * The local options of the explorer's host settings on `device`. ConfigError for a link that
 * is not one or a GPU share out of range.
 */
export function localOptionsOf(h: HostSettings, device?: Device): LocalOptions {
  const link = pcieBytesPerSecond(h.pcie);
  if (link === null) throw new ConfigError('PCIe link', h.pcie, 'a link such as gen4x16');
  const share = h.gpuShare;
  if (share !== null && !inHostRange(HOST_RANGES.gpuShare, share))
    throw new ConfigError('gpu share', share, describeHostRange(HOST_RANGES.gpuShare));
  return {
    host: {
      memoryBytes: h.memoryBytes,
      bandwidthBytesPerSecond: h.bandwidthBytesPerSecond,
      linkBytesPerSecond: link,
    },
    placement: { cpuMoe: h.cpuMoe, nCpuMoe: h.nCpuMoe, gpuLayers: h.gpuLayers, overrides: [] },
    // A share applies to a unified device only; null keeps the device's own.
    ...(share !== null && device?.unified ? { unified: { gpuShare: share } } : {}),
  };
}

/** The estimate of a one-GPU deployment with the explorer's host settings. */
export function estimateWithHost(
  spec: ModelSpec,
  options: ServingOptions,
  host: HostSettings,
  count: ParamCount = countParams(spec),
  gguf?: DeploymentGguf | null,
): LocalServingEstimate {
  const local = localOptionsOf(host, options.device);
  // A GGUF file's exact bytes per tensor, as `serve --gguf` (local-gguf.ts).
  const parts = ggufDeploymentParts(gguf, spec);
  return estimateLocalServing(spec, options, parts ? { ...local, parts } : local, count);
}
