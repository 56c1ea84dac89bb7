/**
 * The consumer cards that published local runs used (tests/fixtures/local-cases.json) and that
 * the catalog of issue 12 did not name: their figures, as local-devices.ts's `card` reads them
 * (memory in bytes, GB/s, dense TFLOP/s BF16 / FP8 / FP4, PCIe link, launch price in USD). The
 * quote behind each number is in local-device-sources.ts.
 */
import type { Card } from './local-devices.ts';

const MiB = 2 ** 20;

export const BENCH_CARDS: readonly Card[] = [
  // nvidia-smi 7982 MiB; 448 GB/s, PCIe 3.0 x16, $699; Turing has no BF16: FP16 tensor rate
  // with FP32 accumulate, 368 tensor cores x 128 FLOP x 1.71 GHz / 2 = 40.3 (assumed for BF16)
  {
    id: 'rtx-2080',
    name: 'NVIDIA GeForce RTX 2080 8GB',
    memoryBytes: 7982 * MiB,
    gbps: 448,
    tflops: [40.3, null, null],
    pcie: { gen: 3, lanes: 16 },
    usd: 699,
  },
  // nvidia-smi 12282 MiB; 504 GB/s; 46 SM x 2.475 GHz x 512 = 58.3 BF16, FP8 x2 (Ada); $599
  {
    id: 'rtx-4070',
    name: 'NVIDIA GeForce RTX 4070 12GB',
    memoryBytes: 12282 * MiB,
    gbps: 504,
    tflops: [58.3, 116.6, null],
    pcie: { gen: 4, lanes: 16 },
    usd: 599,
  },
  // nvidia-smi 24564 MiB; 1,008 GB/s; 114 SM x 2.52 GHz x 512 = 147.1 BF16, FP8 x2; CNY 12,999
  {
    id: 'rtx-4090d',
    name: 'NVIDIA GeForce RTX 4090 D 24GB',
    memoryBytes: 24564 * MiB,
    gbps: 1008,
    tflops: [147.1, 294.2, null],
    pcie: { gen: 4, lanes: 16 },
    usd: 1850,
  },
  // rocm-smi 17163091968 B (a 16 GB card's, assumed); 512 GB/s; 46.08 packed FP16, no matrix units
  {
    id: 'rx-6900-xt',
    name: 'AMD Radeon RX 6900 XT 16GB',
    memoryBytes: 17163091968,
    gbps: 512,
    tflops: [46.08, null, null],
    pcie: { gen: 4, lanes: 16 },
    usd: 999,
  },
  // rocm-smi 21458059264 B; 800 GB/s; 84 CUs x 2.4 GHz x 512 = 103 FP16 WMMA (BF16 assumed equal)
  {
    id: 'rx-7900-xt',
    name: 'AMD Radeon RX 7900 XT 20GB',
    memoryBytes: 21458059264,
    gbps: 800,
    tflops: [103.2, null, null],
    pcie: { gen: 4, lanes: 16 },
    usd: 899,
  },
];
