/**
 * The local devices: consumer and workstation GPUs, Apple silicon, and other unified-memory
 * machines, with the conventions of hardware.ts. Every figure is from
 * docs/research/local-hardware.json (local-hardware.md explains each; the three GeForce cards
 * hardware.ts had and the RTX 4080 keep their numbers from docs/research/hardware.md). The quote
 * behind each entry, and whether its price is assumed, is in local-device-sources.ts.
 *
 * The page and the <moe-explorer> element load this module on demand (hardware.ts
 * `loadLocalDevices`); the library entry, the CLI and the tests register it up front
 * (all-devices.ts).
 */
import { naturalCompare } from './natural-compare.ts';
import type { Device, DeviceGroup } from './hardware.ts';
import { BENCH_CARDS } from './local-bench-cards.ts';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const T = 1e12;
const G = 1e9;

/**
 * ASSUMED: a machine's price spread over 3 years of continuous use (3 x 8,760 h), without
 * electricity, to a tenth of a cent: the convention of local-hardware.md section 1 and of
 * hardware.ts's former Apple entries. A $1,599 RTX 4090 costs 1599 / 26280 = $0.061 per hour.
 */
const amortized = (usd: number) => Math.round((usd / (3 * 8760)) * 1000) / 1000;

/** A card's figures as the research tables give them: MiB or bytes, GB/s, dense TFLOP/s, USD. */
export interface Card {
  id: string;
  name: string;
  memoryBytes: number;
  gbps: number;
  /** Dense TFLOP/s: BF16, FP8, FP4 (null: no hardware support). */
  tflops: [number, number | null, number | null];
  pcie: { gen: 3 | 4 | 5; lanes: number };
  usd: number;
}

/**
 * A card in a desktop or a workstation: no scale-up fabric, its PCIe link to the other cards of the
 * same box at the nominal 2 GB/s per Gen4 lane and direction (hardware.ts's GeForce entries: Gen4
 * x16 = 32 GB/s; Gen5 doubles it), up to 8 cards to a box, as the PCIe servers of hardware.ts
 * (NCCL meets them over PCIe or host memory inside one node: collectives.ts `pci`), and a 100 GbE
 * network to other boxes (assumed, as hardware.ts's GeForce entries).
 */
function card(c: Card): Device {
  const [bf16, fp8, fp4] = c.tflops;
  return {
    id: c.id,
    name: c.name,
    memoryBytes: c.memoryBytes,
    bandwidthBytesPerSecond: c.gbps * G,
    flopsPerSecond: { bf16: bf16 * T, fp8: fp8 && fp8 * T, fp4: fp4 && fp4 * T },
    scaleUpBytesPerSecond: 2 ** (c.pcie.gen - 3) * c.pcie.lanes * G,
    scaleUpDomain: 8,
    scaleOutBytesPerSecond: 12.5 * G,
    usdPerHour: amortized(c.usd),
    pcie: c.pcie,
  };
}

const gen4x16 = { gen: 4, lanes: 16 } as const;
const gen5x16 = { gen: 5, lanes: 16 } as const;
const gen4x8 = { gen: 4, lanes: 8 } as const;

// Memory: nvidia-smi / rocm-smi totals; FLOP/s dense, GeForce at the FP32-accumulate rate
// (local-hardware.md section 2); price: launch MSRP (local-hardware.md section 3 table).
const GPUS: readonly Device[] = [
  // nvidia-smi 12288 MiB; guru3d 360 GB/s, Gen4 x16; 101 sparse FP16-acc Tensor TFLOPS / 4
  card({
    id: 'rtx-3060-12gb',
    name: 'NVIDIA GeForce RTX 3060 12GB',
    memoryBytes: 12288 * MiB,
    gbps: 360,
    tflops: [25.3, null, null],
    pcie: gen4x16,
    usd: 329,
  }),
  // GA102 whitepaper: 71 with FP32 accumulate, 936 GB/s; nvidia-smi 24576 MiB; $1,499 MSRP. Its
  // NVLink bridge (112.5 GB/s bidirectional, the same whitepaper) joins a pair only; a rig of
  // three or more meets over PCIe, which the catalog takes for every box of these cards (both
  // are PCIe-class links to NCCL's latencies: communication.ts `intraLink`).
  card({
    id: 'rtx-3090',
    name: 'NVIDIA GeForce RTX 3090 24GB',
    memoryBytes: 24576 * MiB,
    gbps: 936,
    tflops: [71, null, null],
    pcie: gen4x16,
    usd: 1499,
  }),
  // nvidia-smi 16380 MiB; guru3d 288 GB/s, Gen4 x8; 353 AI TOPS / 8 and / 4
  card({
    id: 'rtx-4060-ti-16gb',
    name: 'NVIDIA GeForce RTX 4060 Ti 16GB',
    memoryBytes: 16380 * MiB,
    gbps: 288,
    tflops: [44.1, 88.3, null],
    pcie: gen4x8,
    usd: 499,
  }),
  // nvidia-smi 16376 MiB; 672 GB/s; 706 AI TOPS / 8 and / 4; x16 assumed
  card({
    id: 'rtx-4070-ti-super',
    name: 'NVIDIA GeForce RTX 4070 Ti SUPER 16GB',
    memoryBytes: 16376 * MiB,
    gbps: 672,
    tflops: [88.2, 176.5, null],
    pcie: gen4x16,
    usd: 799,
  }),
  // Ada whitepaper (hardware.md): 97.47 BF16, FP8 by the 2x rule; 716.8 GB/s; nvidia-smi 16376 MiB
  card({
    id: 'rtx-4080',
    name: 'NVIDIA GeForce RTX 4080 16GB',
    memoryBytes: 16376 * MiB,
    gbps: 716.8,
    tflops: [97.5, 194.9, null],
    pcie: gen4x16,
    usd: 1199,
  }),
  // Ada whitepaper appendix A, FP32-accumulate rows; 1,008 GB/s; nvidia-smi 24564 MiB
  card({
    id: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090 24GB',
    memoryBytes: 24564 * MiB,
    gbps: 1008,
    tflops: [165.2, 330.3, null],
    pcie: gen4x16,
    usd: 1599,
  }),
  // nvidia-smi 16303 MiB; notebookcheck 960 GB/s; 1801 AI TOPS (sparse FP4) / 16, / 8, / 2
  card({
    id: 'rtx-5080',
    name: 'NVIDIA GeForce RTX 5080 16GB',
    memoryBytes: 16303 * MiB,
    gbps: 960,
    tflops: [112.6, 225.1, 900.5],
    pcie: gen5x16,
    usd: 999,
  }),
  // RTX Blackwell whitepaper: 209.5 / 419 / 1676 dense; 1,792 GB/s; nvidia-smi 32607 MiB
  card({
    id: 'rtx-5090',
    name: 'NVIDIA GeForce RTX 5090 32GB',
    memoryBytes: 32607 * MiB,
    gbps: 1792,
    tflops: [209.5, 419, 1676],
    pcie: gen5x16,
    usd: 1999,
  }),
  // datasheet: 4000 sparse FP4 TOPS, 1,792 GB/s, Gen5 x16; nvidia-smi 97887 MiB; BF16/FP8 assumed
  card({
    id: 'rtx-pro-6000',
    name: 'NVIDIA RTX PRO 6000 Blackwell 96GB',
    memoryBytes: 97887 * MiB,
    gbps: 1792,
    tflops: [500, 1000, 2000],
    pcie: gen5x16,
    usd: 8565,
  }),
  // rocm-smi 25753026560 B; 122.8 FP16 WMMA (BF16 assumed equal); 960 GB/s
  card({
    id: 'rx-7900-xtx',
    name: 'AMD Radeon RX 7900 XTX 24GB',
    memoryBytes: 25753026560,
    gbps: 960,
    tflops: [122.8, null, null],
    pcie: gen4x16,
    usd: 999,
  }),
  // HIP 34208743424 B; AMD: 640 GB/s, FP16 matrix 191 (BF16 assumed equal), FP8 383; x16 assumed
  card({
    id: 'radeon-ai-pro-r9700',
    name: 'AMD Radeon AI PRO R9700 32GB',
    memoryBytes: 34208743424,
    gbps: 640,
    tflops: [191, 383, null],
    pcie: gen5x16,
    usd: 1250,
  }),
  // Intel ARK: 12 GB, 456 GB/s, 233 INT8 TOPS (BF16 = / 2, derived), PCIe 4.0 x8, $249
  card({
    id: 'arc-b580',
    name: 'Intel Arc B580 12GB',
    memoryBytes: 12 * GiB,
    gbps: 456,
    tflops: [116.5, null, null],
    pcie: gen4x8,
    usd: 249,
  }),
  // The cards of published local runs (tests/fixtures/local-cases.json)
  ...BENCH_CARDS.map(card),
];

/** One Apple chip bin: GPU cores, GB/s, BF16 TFLOP/s, the memory sizes sold with it (GB). */
type AppleBin = [chip: string, cores: number, gbps: number, tflops: number, sizes: number[]];

// local-hardware.md section 4.1: bandwidths from Apple's launch figures; TFLOP/s from
// philipturner/metal-benchmarks (M1/M2) and the Hugging Face catalog (M3/M4), low bins scaled by
// core count (assumed); M3 Ultra at hardware.ts's estimate, 80 (60) cores x 128 x 2 x 1.4 GHz.
const APPLE_BINS: readonly AppleBin[] = [
  ['M1 Max', 32, 400, 10.62, [32, 64]],
  ['M2 Max', 38, 400, 13.6, [32, 64, 96]],
  ['M2 Ultra', 76, 800, 27.2, [64, 128, 192]],
  ['M3 Max', 30, 300, 10.65, [36, 96]],
  ['M3 Max', 40, 400, 14.2, [48, 64, 128]],
  ['M3 Ultra', 60, 819, 21.5, [96]],
  ['M3 Ultra', 80, 819, 28.7, [256, 512]],
  ['M4 Max', 32, 410, 14.72, [36]],
  ['M4 Max', 40, 546, 18.4, [48, 64, 128]],
  ['M4 Pro', 20, 273, 9.2, [24, 48, 64]],
];

/**
 * The Hugging Face catalog's price of each chip with its largest memory (local-hardware.md 4.2);
 * a smaller configuration is priced the same, an upper bound (assumed: no price was found).
 */
const APPLE_USD: Readonly<Record<string, number>> = {
  'M1 Max': 3900,
  'M2 Max': 4500,
  'M2 Ultra': 7000,
  'M3 Max': 5000,
  'M3 Ultra': 9500,
  'M4 Max': 5000,
  'M4 Pro': 2600,
};

/**
 * A Mac with this chip bin and memory: the GPU may wire 2/3 of memory up to 36 GB and 3/4 above
 * (macOS's default; llama.cpp's recommendedMaxWorkingSetSize logs, local-hardware.md 4.3).
 * Links: Thunderbolt 5 assumed (hardware.ts's former Apple entries).
 */
function mac([chip, cores, gbps, tflops]: AppleBin, gb: number): Device {
  return {
    id: `${chip.toLowerCase().replace(' ', '-')}-${gb}gb`,
    name: `Apple ${chip} ${gb}GB (${cores}-core GPU)`,
    memoryBytes: gb * GiB,
    bandwidthBytesPerSecond: gbps * G,
    flopsPerSecond: { bf16: tflops * T, fp8: null, fp4: null },
    scaleUpBytesPerSecond: 10 * G,
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 10 * G,
    usdPerHour: amortized(APPLE_USD[chip]!),
    unified: { gpuShare: gb <= 36 ? 2 / 3 : 3 / 4 },
  };
}

const MACS: readonly Device[] = APPLE_BINS.flatMap((bin) => bin[4].map((gb) => mac(bin, gb))).sort(
  (a, b) => naturalCompare(a.id, b.id),
);

const OTHER_UNIFIED: readonly Device[] = [
  {
    id: 'dgx-spark',
    name: 'NVIDIA DGX Spark 128GB (GB10)',
    memoryBytes: 130663165952, // MemTotal 127600748 kB: NVML reports no memory on GB10
    bandwidthBytesPerSecond: 273 * G, // NVIDIA: 128 GB LPDDR5x unified, 273 GB/s
    // 1 PFLOP sparse FP4 / 2; BF16 and FP8 by the RTX 5090's ratios (assumed)
    flopsPerSecond: { bf16: 62.5 * T, fp8: 125 * T, fp4: 500 * T },
    scaleUpBytesPerSecond: 25 * G, // ConnectX-7 200 Gb/s between two Sparks (assumed)
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 25 * G,
    usdPerHour: amortized(3999), // Founders Edition, October 2025
    unified: { gpuShare: 1 }, // no carve-out: the GPU may use what the OS sees (assumed)
  },
  {
    id: 'ryzen-ai-max-395-128gb',
    name: 'AMD Ryzen AI Max+ 395 128GB (Radeon 8060S)',
    memoryBytes: 128 * GiB,
    bandwidthBytesPerSecond: 256 * G, // LPDDR5X-8000, 256-bit (AMD intellikit #123)
    flopsPerSecond: { bf16: 59.4 * T, fp8: null, fp4: null }, // 2 x 29.7 FP32 (assumed)
    scaleUpBytesPerSecond: 5 * G, // USB4 40 Gb/s (assumed)
    scaleUpDomain: 1,
    scaleOutBytesPerSecond: 5 * G,
    usdPerHour: amortized(1999), // Framework Desktop 128 GB
    unified: { gpuShare: 0.5 }, // Linux GTT default: half of RAM (Windows VGM: up to 0.75)
  },
];

/** The local devices by group, as the page's select shows them. */
export const LOCAL_DEVICE_GROUPS: readonly DeviceGroup[] = [
  { label: 'Consumer and workstation GPUs', devices: GPUS },
  // The ids hardware.ts had before the catalog listed each memory size keep working.
  {
    label: 'Apple silicon',
    devices: MACS,
    aliases: { 'm4-max': 'm4-max-128gb', 'm3-ultra': 'm3-ultra-512gb' },
  },
  { label: 'Other unified memory', devices: OTHER_UNIFIED },
];

export const LOCAL_DEVICES: readonly Device[] = LOCAL_DEVICE_GROUPS.flatMap((g) => g.devices);
