/**
 * The device catalog. Figures and their sources are researched in docs/research/hardware.md
 * (a copy of each number with the document it comes from). Conventions:
 * - `memoryBytes` is what the driver reports (nvidia-smi / rocm-smi): vendors' "80 GB" is 80 GiB,
 *   of which 79.65 GiB is usable on H100. On Apple, unified memory less 8 GiB for macOS.
 * - FLOP/s are dense peaks (NVIDIA's sparse datasheet figures halved); GeForce cards at their
 *   FP32-accumulate rate.
 * - Link bandwidths are per device and per direction.
 * - Prices are USD per device-hour from one public rental snapshot (RunPod, 2026-03-10) where one
 *   exists; the price note says when a price is assumed instead.
 * The source of each entry and of its price is in hardware-sources.ts, by id: kept apart so that
 * the page and the <moe-explorer> element, which show the numbers, do not download the notes.
 */

export interface Device {
  id: string;
  name: string;
  /** Memory the driver reports, bytes. */
  memoryBytes: number;
  /** Peak memory bandwidth, bytes/s. */
  bandwidthBytesPerSecond: number;
  /** Dense peak matmul FLOP/s; null when the precision has no hardware support. */
  flopsPerSecond: { bf16: number; fp8: number | null; fp4: number | null };
  /** Per-direction bandwidth to peers in the same scale-up domain (NVLink, xGMI, PCIe), bytes/s. */
  scaleUpBytesPerSecond: number;
  /** Devices sharing the scale-up fabric (8 for HGX, 72 for GB200 NVL72, 1 without a fabric). */
  scaleUpDomain: number;
  /** Per-direction network bandwidth to other nodes, bytes/s. */
  scaleOutBytesPerSecond: number;
  usdPerHour: number;
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
    memoryBytes: 256 * GiB,
    bandwidthBytesPerSecond: 6.0 * T,
    flopsPerSecond: { bf16: 1307.4 * T, fp8: 2614.9 * T, fp4: null },
    scaleUpBytesPerSecond: 448 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: 2.0,
  },
  {
    id: 'a100-80gb',
    name: 'NVIDIA A100 SXM 80GB',
    memoryBytes: 81920 * MiB,
    bandwidthBytesPerSecond: 2.039 * T,
    flopsPerSecond: { bf16: 312 * T, fp8: null, fp4: null },
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
    flopsPerSecond: { bf16: 312 * T, fp8: null, fp4: null },
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
    id: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090 24GB',
    memoryBytes: 24564 * MiB,
    bandwidthBytesPerSecond: 1.008 * T,
    flopsPerSecond: { bf16: 165.2 * T, fp8: 330.3 * T, fp4: null },
    scaleUpBytesPerSecond: 32 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 12.5 * G,
    usdPerHour: 0.34,
  },
  {
    id: 'rtx-4080',
    name: 'NVIDIA GeForce RTX 4080 16GB',
    memoryBytes: 16376 * MiB,
    bandwidthBytesPerSecond: 0.7168 * T,
    flopsPerSecond: { bf16: 97.5 * T, fp8: 194.9 * T, fp4: null },
    scaleUpBytesPerSecond: 32 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 12.5 * G,
    usdPerHour: 0.27,
  },
  {
    id: 'rtx-5090',
    name: 'NVIDIA GeForce RTX 5090 32GB',
    memoryBytes: 32607 * MiB,
    bandwidthBytesPerSecond: 1.792 * T,
    flopsPerSecond: { bf16: 209.5 * T, fp8: 419 * T, fp4: 1676 * T },
    scaleUpBytesPerSecond: 64 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 12.5 * G,
    usdPerHour: 0.69,
  },
  {
    id: 'rtx-3090',
    name: 'NVIDIA GeForce RTX 3090 24GB',
    memoryBytes: 24576 * MiB,
    bandwidthBytesPerSecond: 0.936 * T,
    flopsPerSecond: { bf16: 71 * T, fp8: null, fp4: null },
    scaleUpBytesPerSecond: 56.25 * G,
    scaleUpDomain: 2,
    scaleOutBytesPerSecond: 12.5 * G,
    usdPerHour: 0.22,
  },
  {
    id: 'm4-max',
    name: 'Apple M4 Max (40-core GPU, 128GB)',
    memoryBytes: 120 * GiB,
    bandwidthBytesPerSecond: 0.546 * T,
    flopsPerSecond: { bf16: 18.4 * T, fp8: null, fp4: null },
    scaleUpBytesPerSecond: 10 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 10 * G,
    usdPerHour: 0.18,
  },
  {
    id: 'm3-ultra',
    name: 'Apple M3 Ultra (80-core GPU, 512GB)',
    memoryBytes: 504 * GiB,
    bandwidthBytesPerSecond: 0.819 * T,
    flopsPerSecond: { bf16: 28.7 * T, fp8: null, fp4: null },
    scaleUpBytesPerSecond: 10 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 10 * G,
    usdPerHour: 0.36,
  },
];

export const DEVICE_IDS = DEVICES.map((d) => d.id);

/** The catalog device with this id, or undefined. */
export function findDevice(id: string): Device | undefined {
  return DEVICES.find((d) => d.id === id);
}

/** A device given by its numbers (the CLI's --gpu-memory-gb, --gpu-bandwidth-gbs, --gpu-tflops). */
export function customDevice(options: {
  memoryBytes: number;
  bandwidthBytesPerSecond: number;
  bf16FlopsPerSecond: number;
  usdPerHour?: number;
}): Device {
  return {
    id: 'custom',
    name: 'Custom device',
    memoryBytes: options.memoryBytes,
    bandwidthBytesPerSecond: options.bandwidthBytesPerSecond,
    flopsPerSecond: { bf16: options.bf16FlopsPerSecond, fp8: null, fp4: null },
    scaleUpBytesPerSecond: 64 * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 50 * G,
    usdPerHour: options.usdPerHour ?? 2,
  };
}
