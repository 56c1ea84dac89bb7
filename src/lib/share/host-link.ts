/**
 * System RAM in the share link (issue 12), loaded on demand (host-keys.ts): a deployment on one GPU with part of the model in
 * system RAM, placed as llama.cpp places it, carries its host; a data-centre link carries none.
 *   ram=<GB>       system RAM; always written for a host (any of these turns the host on)
 *   rbw=<GB/s>     its peak bandwidth (channels × MT/s × 8 B)
 *   pcie=<link>    the GPU's link (gen4x16)
 *   cmoe=1         every routed expert in RAM (llama.cpp --cpu-moe)
 *   ncmoe=<N>      the routed experts of the first N layers in RAM (--n-cpu-moe N)
 *   ngl=<N>        layers on the GPU (-ngl N); left out: every layer
 *   gshare=<F>     a unified pool's GPU share, 0.05 to 1 (serve --gpu-share F); left out: the
 *                  device's default (macOS's wired limit, Linux's GTT size)
 * Each but `ram` is left out when it is the default host's (HOST_DEFAULTS). The ranges are the
 * core's (serving/host-ranges.ts HOST_RANGES), as the page's fields and the CLI's flags.
 *
 * @example encodeHost(p, { ...HOST_DEFAULTS, nCpuMoe: 24 }) // p: ram=64&ncmoe=24
 */
import {
  DEFAULT_HOST,
  DEFAULT_PLACEMENT,
  HOST_RANGES,
  PCIE_LINKS,
  type DeploymentSettings,
  type HostRange,
  type HostSettings,
} from '../core/index.ts';
import { canonicalNumber } from './decimals.ts';
import { hasHost } from './host-keys.ts';
import { shown } from './link-format.ts';

/**
 * The host the page starts from: core's DEFAULT_HOST_SETTINGS (explorer-config.ts), built here
 * from the modules that load with the local model (serving/local-estimate.ts DEFAULT_HOST: 64
 * GB of dual-channel DDR5-5600 on PCIe 4.0 x16; local-placement.ts DEFAULT_PLACEMENT), so that
 * the first download does not carry it. A test checks that the two are equal.
 */
export const HOST_DEFAULTS: HostSettings = {
  memoryBytes: DEFAULT_HOST.memoryBytes,
  bandwidthBytesPerSecond: DEFAULT_HOST.bandwidthBytesPerSecond,
  pcie: 'gen4x16',
  cpuMoe: DEFAULT_PLACEMENT.cpuMoe,
  nCpuMoe: DEFAULT_PLACEMENT.nCpuMoe,
  gpuLayers: DEFAULT_PLACEMENT.gpuLayers,
  gpuShare: null,
};

// The ranges live in the core (serving/host-ranges.ts); the link's reader (decode-v1.ts) names
// their type here.
export type { HostRange };

/** Writes a host's parameters; nothing for a data-centre deployment (null). */
export function encodeHost(p: URLSearchParams, host: HostSettings | null): void {
  if (!host) return;
  const def = HOST_DEFAULTS;
  const gb = (bytes: number) => String(canonicalNumber(bytes / 1e9));
  p.set('ram', gb(host.memoryBytes));
  if (host.bandwidthBytesPerSecond !== def.bandwidthBytesPerSecond)
    p.set('rbw', gb(host.bandwidthBytesPerSecond));
  if (host.pcie !== def.pcie) p.set('pcie', host.pcie);
  if (host.cpuMoe) p.set('cmoe', '1');
  if (host.nCpuMoe !== 0) p.set('ncmoe', String(host.nCpuMoe));
  if (host.gpuLayers !== null) p.set('ngl', String(host.gpuLayers));
  if (host.gpuShare !== null) p.set('gshare', String(canonicalNumber(host.gpuShare)));
}

/** What readHost needs of the link's reader (decode-v1.ts LinkReader). */
export interface HostParamReader {
  readonly params: URLSearchParams;
  readonly warnings: string[];
  number(key: string, range: HostRange, integer: boolean): number | undefined;
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined;
}

/**
 * Reads a link's host into its deployment `d`: none when the link gives none, or when it refuses
 * every value given; a bad value is left out (the default's used), with a warning. A host goes
 * with one GPU (local-estimate.ts): a link's other GPU count is read as 1, with a warning.
 */
export function readHost(r: HostParamReader, d: DeploymentSettings): void {
  if (!hasHost(r.params)) return;
  const def = HOST_DEFAULTS;
  // In the order of HOST_KEYS, so that the warnings are too.
  const ram = r.number('ram', HOST_RANGES.ram, false);
  const rbw = r.number('rbw', HOST_RANGES.rbw, false);
  const pcie = r.oneOf('pcie', PCIE_LINKS);
  const cmoe = r.oneOf('cmoe', ['0', '1']);
  const nCpuMoe = r.number('ncmoe', HOST_RANGES.ncmoe, true);
  const ngl = r.number('ngl', HOST_RANGES.ngl, true);
  const gpuShare = r.number('gshare', HOST_RANGES.gpuShare, false);
  // Every value given refused (each named in a warning): no host is left to turn on.
  if ([ram, rbw, pcie, cmoe, nCpuMoe, ngl, gpuShare].every((v) => v === undefined)) return;
  d.host = {
    memoryBytes: ram === undefined ? def.memoryBytes : Math.round(ram * 1e9),
    bandwidthBytesPerSecond:
      rbw === undefined ? def.bandwidthBytesPerSecond : Math.round(rbw * 1e9),
    pcie: pcie ?? def.pcie,
    cpuMoe: cmoe === '1',
    nCpuMoe: nCpuMoe ?? 0,
    gpuLayers: ngl ?? null,
    gpuShare: gpuShare ?? null,
  };
  const n = r.params.get('n');
  if (n !== null && d.devices !== 1)
    r.warnings.push(`n (GPUs): expected 1 with system RAM, got ${shown(n)}; read as 1`);
  d.devices = 1;
}
