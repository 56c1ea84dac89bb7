/**
 * The host side of a local deployment as data: the ranges of its numbers (the page's fields,
 * the share link and the CLI's flags all check against them), the DDR speeds and channel counts
 * the page offers, and the PCIe links. One place, next to the local model that reads them
 * (local-estimate.ts `HostSettings`).
 */
import { LIMITS } from '../model/limits.ts';

/** A number's label, range and kind, as a field offers it and a link or a flag reads it. */
export interface HostRange {
  label: string;
  min: number;
  max: number;
  /** Whole numbers only (a count of layers or tokens). */
  integer: boolean;
}

/**
 * The ranges of the host's numbers, in the units people type them in:
 * - `ram` system RAM, GB (10^9 B): 1 to 100,000 (a 100 TB bound far above any machine: an
 *   8-socket server holds 32 TB; assumed, as the CLI's `--host-memory-gb`);
 * - `rbw` its peak bandwidth, GB/s: 1 to 100,000 (12-channel DDR5-6400 is 614 GB/s);
 * - `gpuShare` the share of a unified pool the GPU may use, a fraction: 0.05 to 1 (1: the whole
 *   pool, as on a DGX Spark; below 5% no model runs; the floor is assumed);
 * - `ncmoe` llama.cpp's `--n-cpu-moe N`: 0 to the layer limit (model/limits.ts);
 * - `ngl` `-ngl N`: 0 to one more than the layer limit (the output counts as a layer:
 *   llama.cpp src/llama-model.cpp `load_tensors`, `i_gpu_start = n_layer + 1 − n_gpu_layers`);
 * - `ubatch` `-ub N`, the prefill micro-batch, tokens: 1 to 65,536 (assumed bound; llama.cpp's
 *   default is 512, common/common.h `n_ubatch`).
 */
export const HOST_RANGES = {
  ram: { label: 'System RAM, GB', min: 1, max: 1e5, integer: false },
  rbw: { label: 'RAM bandwidth, GB/s', min: 1, max: 1e5, integer: false },
  gpuShare: { label: 'GPU share of the unified pool', min: 0.05, max: 1, integer: false },
  ncmoe: { label: 'Expert layers in RAM', min: 0, max: LIMITS.layers, integer: true },
  ngl: { label: 'GPU layers', min: 0, max: LIMITS.layers + 1, integer: true },
  ubatch: { label: 'Prefill micro-batch, tokens', min: 1, max: 65536, integer: true },
} as const satisfies Record<string, HostRange>;

export type HostRangeId = keyof typeof HOST_RANGES;

/** Whether `value` is within `range` (and whole, if it must be). */
export function inHostRange(range: HostRange, value: number): boolean {
  return (
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (!range.integer || Number.isInteger(value))
  );
}

/** What a range expects, in words: "a whole number from 0 to 4096". */
export function describeHostRange(range: HostRange): string {
  return `${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`;
}

/**
 * DDR transfer rates, MT/s: JEDEC's DDR4 speed bins up to 3200 (JESD79-4) and DDR5's from 4800
 * (JESD79-5), and the common XMP/EXPO kits above them (DDR4-3600, DDR5-6000 to 8000).
 */
export const DDR_SPEEDS = [
  { label: 'DDR4-2400', mts: 2400 },
  { label: 'DDR4-2666', mts: 2666 },
  { label: 'DDR4-3200', mts: 3200 },
  { label: 'DDR4-3600', mts: 3600 },
  { label: 'DDR5-4800', mts: 4800 },
  { label: 'DDR5-5200', mts: 5200 },
  { label: 'DDR5-5600', mts: 5600 },
  { label: 'DDR5-6000', mts: 6000 },
  { label: 'DDR5-6400', mts: 6400 },
  { label: 'DDR5-7200', mts: 7200 },
  { label: 'DDR5-8000', mts: 8000 },
] as const;

/**
 * Memory channels: 2 on a desktop (dual channel), 4 on HEDT, 8 on Threadripper PRO and Xeon W,
 * 12 on EPYC 9004 (AMD and Intel platform specifications).
 */
export const DDR_CHANNELS = [1, 2, 4, 8, 12] as const;

/**
 * Peak bandwidth of DDR memory, bytes/s: channels × MT/s × 8 bytes (a 64-bit channel; a DDR5
 * DIMM's two 32-bit subchannels make the same 8 bytes per transfer).
 *
 * @example ddrBytesPerSecond(5600, 2) // 89.6e9 (dual-channel DDR5-5600)
 */
export function ddrBytesPerSecond(mts: number, channels: number): number {
  return mts * 1e6 * 8 * channels;
}

/** Channel counts from the most common (a desktop's two) to the least. */
const COMMON_CHANNELS = [2, 1, 4, 8, 12] as const;

/**
 * The speed and channels whose bandwidth is `bytesPerSecond`, the most common channel count
 * first (102.4 GB/s: dual-channel DDR5-6400, not quad-channel DDR4-3200); null for a measured
 * figure.
 *
 * @example ddrOf(89.6e9) // { mts: 5600, channels: 2 }
 */
export function ddrOf(bytesPerSecond: number): { mts: number; channels: number } | null {
  for (const channels of COMMON_CHANNELS)
    for (const { mts } of DDR_SPEEDS)
      if (ddrBytesPerSecond(mts, channels) === bytesPerSecond) return { mts, channels };
  return null;
}

/**
 * The PCIe links offered: generations 5.0 to 3.0, x16 to x1, fastest first (local-estimate.ts
 * `pcieBytesPerSecond` reads each).
 */
export const PCIE_LINKS: readonly string[] = ['5', '4', '3'].flatMap((gen) =>
  [16, 8, 4, 2, 1].map((lanes) => `gen${gen}x${lanes}`),
);

/**
 * Memory sizes people buy, GB: the sizes of one to eight DIMMs of 8 to 256 GB, as the "more
 * RAM" advice rounds up to (JEDEC DDR4/DDR5 module densities; 48 and 96 GB: DDR5's 24 and
 * 48 GB modules).
 */
export const RAM_SIZES_GB = [
  16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048,
] as const;
