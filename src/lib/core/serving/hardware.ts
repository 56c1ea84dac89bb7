/**
 * The device catalog. Figures and their sources are researched in docs/research/hardware.md
 * (data centre) and docs/research/local-hardware.md (consumer GPUs, Apple silicon, other unified
 * memory): a copy of each number with the document it comes from. Conventions:
 * - `memoryBytes` is what the driver reports (nvidia-smi / rocm-smi): vendors' "80 GB" is 80 GiB,
 *   of which 79.65 GiB is usable on H100. A unified-memory device (`unified`) reports its whole
 *   pool (Apple's hw.memsize, the DGX Spark's MemTotal), of which the GPU may use a share.
 * - FLOP/s are dense peaks (NVIDIA's sparse datasheet figures halved, or the dense figure where the
 *   datasheet prints one); GeForce cards at their FP32-accumulate rate. A format whose rate is
 *   null (or, for int8 and nvfp4, listed as null) has no tensor-core path: engines dequantize it.
 * - Link bandwidths are per device and per direction.
 * - Prices are USD per device-hour from one public rental snapshot (RunPod, 2026-03-10) where one
 *   exists; the price note says when a price is assumed instead. Consumer and local hardware is
 *   priced as bought: its price amortized over 3 years of continuous use (an assumption).
 * The source of each entry and of its price is in hardware-sources.ts (local-device-sources.ts
 * for the local devices), by id: kept apart so that the page and the <moe-explorer> element,
 * which show the numbers, do not download the notes.
 *
 * This module holds the data-centre devices. The local ones (local-devices.ts) load on demand
 * (`loadLocalDevices`), so that the element does not download them before it renders; the
 * library entry, the CLI and the tests register them up front (all-devices.ts).
 */

import { addedDeviceGroups, DATA_CENTRE_LABEL, ownDeviceId } from './device-registry.ts';

export interface Device {
  id: string;
  name: string;
  /** Memory the driver reports, bytes; a unified device's whole pool. */
  memoryBytes: number;
  /** Peak memory bandwidth, bytes/s. */
  bandwidthBytesPerSecond: number;
  /**
   * Dense peak matmul FLOP/s by the format the tensor cores take natively; null when they do not
   * (FP8 on Ampere and TPUs, FP4 before Blackwell and CDNA4). `fp4` is block-scaled FP4, MXFP4
   * (E8M0 scale per 32) and NVFP4 (E4M3 per 16) alike; `nvfp4: null` marks a device whose matrix
   * cores take only MX scales (CDNA4). `int8` (OP/s) is listed where it differs from the fp8 rate:
   * Ampere and TPUs have INT8 but no FP8, Blackwell Ultra cut INT8 below BF16; absent, INT8 runs
   * at the fp8 rate.
   */
  flopsPerSecond: {
    bf16: number;
    fp8: number | null;
    fp4: number | null;
    int8?: number | null;
    nvfp4?: number | null;
  };
  /** Per-direction bandwidth to peers in the same scale-up domain (NVLink, xGMI, PCIe), bytes/s. */
  scaleUpBytesPerSecond: number;
  /**
   * Devices sharing the scale-up fabric (8 for HGX, 72 for GB200/GB300 NVL72, a 256-chip ICI
   * torus for a TPU pod, 1 without a fabric).
   */
  scaleUpDomain: number;
  /** Per-direction network bandwidth to other nodes, bytes/s. */
  scaleOutBytesPerSecond: number;
  usdPerHour: number;
  /**
   * One memory pool for the CPU and the GPU (Apple silicon, DGX Spark, Ryzen AI Max): the share
   * of `memoryBytes` the GPU may use by default (macOS's wired limit: 2/3 up to 36 GB, 3/4 above;
   * sources in local-device-sources.ts). Absent for a card with memory of its own.
   */
  unified?: { gpuShare: number };
  /** The card's own link to the host; absent for a system on a chip. */
  pcie?: { gen: 3 | 4 | 5; lanes: number };
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const T = 1e12;
const G = 1e9;

export const DEVICES: readonly Device[] = [
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM 80GB',
    memoryBytes: 81559 * MiB,
    bandwidthBytesPerSecond: 3.35 * T,
    flopsPerSecond: { bf16: 989.5 * T, fp8: 1979 * T, fp4: null },
    scaleUpBytesPerSecond: 450 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 2.69,
  },
  {
    id: 'h100-pcie',
    name: 'NVIDIA H100 PCIe 80GB',
    memoryBytes: 81559 * MiB,
    bandwidthBytesPerSecond: 2.0 * T,
    flopsPerSecond: { bf16: 756.5 * T, fp8: 1513 * T, fp4: null },
    scaleUpBytesPerSecond: 64 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 1.99,
  },
  {
    id: 'h200',
    name: 'NVIDIA H200 SXM 141GB',
    memoryBytes: 143771 * MiB,
    bandwidthBytesPerSecond: 4.8 * T,
    flopsPerSecond: { bf16: 989.5 * T, fp8: 1979 * T, fp4: null },
    scaleUpBytesPerSecond: 450 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 3.59,
  },
  {
    id: 'h800',
    name: 'NVIDIA H800 SXM 80GB',
    memoryBytes: 81559 * MiB,
    bandwidthBytesPerSecond: 3.35 * T,
    flopsPerSecond: { bf16: 989.5 * T, fp8: 1979 * T, fp4: null },
    scaleUpBytesPerSecond: 200 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 2.69,
  },
  {
    id: 'h20',
    name: 'NVIDIA H20 96GB',
    memoryBytes: 97871 * MiB,
    bandwidthBytesPerSecond: 4.0 * T,
    flopsPerSecond: { bf16: 148 * T, fp8: 296 * T, fp4: null },
    scaleUpBytesPerSecond: 450 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 1.29,
  },
  {
    id: 'gh200',
    name: 'NVIDIA GH200 96GB (Grace Hopper)',
    memoryBytes: 97871 * MiB,
    bandwidthBytesPerSecond: 4.0 * T,
    flopsPerSecond: { bf16: 989.5 * T, fp8: 1979 * T, fp4: null },
    scaleUpBytesPerSecond: 450 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 2.29,
  },
  {
    id: 'b200',
    name: 'NVIDIA B200 180GB',
    memoryBytes: 183359 * MiB,
    bandwidthBytesPerSecond: 7.7 * T,
    flopsPerSecond: { bf16: 2250 * T, fp8: 4500 * T, fp4: 9000 * T },
    scaleUpBytesPerSecond: 900 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 5.98,
  },
  {
    id: 'b300',
    name: 'NVIDIA B300 288GB',
    memoryBytes: 275040 * MiB,
    bandwidthBytesPerSecond: 8.0 * T,
    flopsPerSecond: { bf16: 2250 * T, fp8: 4500 * T, fp4: 13500 * T, int8: 150 * T },
    scaleUpBytesPerSecond: 900 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 100 * G,
    usdPerHour: 6.87,
  },
  {
    id: 'gb200',
    name: 'NVIDIA GB200 NVL72 (per GPU)',
    memoryBytes: 189471 * MiB,
    bandwidthBytesPerSecond: 8.0 * T,
    flopsPerSecond: { bf16: 2500 * T, fp8: 5000 * T, fp4: 10000 * T },
    scaleUpBytesPerSecond: 900 * G,
    scaleUpDomain: 72,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 6.5,
  },
  {
    id: 'gb300',
    name: 'NVIDIA GB300 NVL72 (per GPU)',
    memoryBytes: 284208 * MiB,
    bandwidthBytesPerSecond: 8.0 * T,
    flopsPerSecond: { bf16: 2500 * T, fp8: 5000 * T, fp4: 15000 * T, int8: 166.7 * T },
    scaleUpBytesPerSecond: 900 * G,
    scaleUpDomain: 72,
    scaleOutBytesPerSecond: 100 * G,
    usdPerHour: 8.08,
  },
  {
    id: 'mi300x',
    name: 'AMD Instinct MI300X 192GB',
    memoryBytes: 206141652992,
    bandwidthBytesPerSecond: 5.3 * T,
    flopsPerSecond: { bf16: 1307.4 * T, fp8: 2614.9 * T, fp4: null },
    scaleUpBytesPerSecond: 448 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 1.85,
  },
  {
    id: 'mi325x',
    name: 'AMD Instinct MI325X 256GB',
    memoryBytes: 256 * GiB - 16 * MiB,
    bandwidthBytesPerSecond: 6.0 * T,
    flopsPerSecond: { bf16: 1307.4 * T, fp8: 2614.9 * T, fp4: null },
    scaleUpBytesPerSecond: 448 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 2.0,
  },
  {
    id: 'mi355x',
    name: 'AMD Instinct MI355X 288GB',
    memoryBytes: 309220868096,
    bandwidthBytesPerSecond: 8.0 * T,
    flopsPerSecond: { bf16: 2516.6 * T, fp8: 5033.2 * T, fp4: 10066.3 * T, nvfp4: null },
    scaleUpBytesPerSecond: 537.6 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 4.69,
  },
  {
    id: 'a100-80gb',
    name: 'NVIDIA A100 SXM 80GB',
    memoryBytes: 81920 * MiB,
    bandwidthBytesPerSecond: 2.039 * T,
    flopsPerSecond: { bf16: 312 * T, fp8: null, fp4: null, int8: 624 * T },
    scaleUpBytesPerSecond: 300 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 25 * G,
    usdPerHour: 1.39,
  },
  {
    id: 'a100-40gb',
    name: 'NVIDIA A100 SXM 40GB',
    memoryBytes: 40960 * MiB,
    bandwidthBytesPerSecond: 1.555 * T,
    flopsPerSecond: { bf16: 312 * T, fp8: null, fp4: null, int8: 624 * T },
    scaleUpBytesPerSecond: 300 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 25 * G,
    usdPerHour: 1.19,
  },
  {
    id: 'l40s',
    name: 'NVIDIA L40S 48GB',
    memoryBytes: 46068 * MiB,
    bandwidthBytesPerSecond: 0.864 * T,
    flopsPerSecond: { bf16: 362.05 * T, fp8: 733 * T, fp4: null },
    scaleUpBytesPerSecond: 32 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 25 * G,
    usdPerHour: 0.79,
  },
  {
    id: 'rtx-pro-6000-server',
    name: 'NVIDIA RTX PRO 6000 96GB (Blackwell Server Edition)',
    memoryBytes: 97887 * MiB,
    bandwidthBytesPerSecond: 1.597 * T,
    flopsPerSecond: { bf16: 500 * T, fp8: 1000 * T, fp4: 2000 * T },
    scaleUpBytesPerSecond: 64 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 25 * G,
    usdPerHour: 0.89,
  },
  {
    id: 'tpu-v5e',
    name: 'TPU v5e 16GB (Google Cloud, per chip)',
    memoryBytes: 15.75 * GiB,
    bandwidthBytesPerSecond: 0.819 * T,
    flopsPerSecond: { bf16: 197 * T, fp8: null, fp4: null, int8: 393 * T },
    scaleUpBytesPerSecond: 200 * G,
    scaleUpDomain: 256,
    scaleOutBytesPerSecond: 3.125 * G,
    usdPerHour: 1.2,
  },
  {
    id: 'tpu-v6e',
    name: 'TPU v6e 32GB (Google Cloud, per chip)',
    memoryBytes: 33550237696,
    bandwidthBytesPerSecond: 1.638 * T,
    flopsPerSecond: { bf16: 918 * T, fp8: null, fp4: null, int8: 1836 * T },
    scaleUpBytesPerSecond: 400 * G,
    scaleUpDomain: 256,
    scaleOutBytesPerSecond: 12.5 * G,
    usdPerHour: 2.7,
  },
];

/** Devices listed together (a select's group, a help section). */
export interface DeviceGroup {
  label: string;
  devices: readonly Device[];
  /** Older ids that name a device of the group: 'm4-max' -> 'm4-max-128gb'. */
  aliases?: Readonly<Record<string, string>>;
}

const DATA_CENTRE: DeviceGroup = { label: DATA_CENTRE_LABEL, devices: DEVICES };

// Which devices are known, the local ones once they load (device-registry.ts: apart from these
// numbers, so that the element's first chunk need not hold them).
export { addDevices, DEVICE_IDS, loadLocalDevices } from './device-registry.ts';

/** The catalog by group, the data centre's first; local devices once they are registered. */
export function deviceGroups(): readonly DeviceGroup[] {
  return [DATA_CENTRE, ...addedDeviceGroups()];
}

/** The catalog device with this id (or alias), or undefined. No array per call: the planner asks often. */
export function findDevice(id: string): Device | undefined {
  const own = ownDeviceId(id);
  const mine = DEVICES.find((d) => d.id === own);
  if (mine) return mine;
  for (const group of addedDeviceGroups()) {
    const device = group.devices.find((d) => d.id === own);
    if (device) return device;
  }
  return undefined;
}

/** A device given by its numbers (the CLI's --gpu-memory-gb, --gpu-bandwidth-gbs, --gpu-tflops). */
export function customDevice(options: {
  memoryBytes: number;
  bandwidthBytesPerSecond: number;
  bf16FlopsPerSecond: number;
  usdPerHour?: number;
  /** Per-direction bandwidth to the other devices of its node; PCIe's 64 GB/s unless given. */
  scaleUpBytesPerSecond?: number;
}): Device {
  return {
    id: 'custom',
    name: 'Custom device',
    memoryBytes: options.memoryBytes,
    bandwidthBytesPerSecond: options.bandwidthBytesPerSecond,
    flopsPerSecond: { bf16: options.bf16FlopsPerSecond, fp8: null, fp4: null },
    scaleUpBytesPerSecond: options.scaleUpBytesPerSecond ?? 64 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: options.usdPerHour ?? 2,
  };
}
