/**
 * System RAM as the page offers it: DDR speeds and channel counts, whose product is the peak
 * bandwidth the host model reads (core serving/local-estimate.ts), and the host a deployment
 * gets when system RAM is turned on. Loaded with the system-RAM controls.
 */
import type { Device, HostSettings } from '../core/index.ts';
import { HOST_DEFAULTS } from '../share/host-link.ts';

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
 */
export function ddrOf(bytesPerSecond: number): { mts: number; channels: number } | null {
  for (const channels of COMMON_CHANNELS)
    for (const { mts } of DDR_SPEEDS)
      if (ddrBytesPerSecond(mts, channels) === bytesPerSecond) return { mts, channels };
  return null;
}

/** The device's own PCIe link ("gen4x8"), else the default host's. */
export function pcieOf(device: Device | undefined): string {
  const link = device?.pcie;
  return link ? `gen${link.gen}x${link.lanes}` : HOST_DEFAULTS.pcie;
}

/** The host a deployment on `device` gets when system RAM is turned on. */
export function defaultHost(device: Device | undefined): HostSettings {
  return { ...HOST_DEFAULTS, pcie: pcieOf(device) };
}
