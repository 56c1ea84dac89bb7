/**
 * Where each number of the local devices (local-devices.ts) comes from, by device id, and why
 * its price is assumed: every local device is priced as bought, its price amortized over 3
 * years. Researched in docs/research/local-hardware.md (quotes and links in local-hardware.json).
 */
import type { DeviceSource } from './hardware-sources.ts';

/** The price note of a machine bought at `price`. */
const amortized = (price: string) =>
  `assumed: ${price}, amortized over 3 years of continuous use (3 x 8,760 h), no electricity`;

const LINK =
  'desktop PCIe link to peers at the nominal 2 GB/s per Gen4 lane and direction; network assumed 100 GbE';

const GPU_SOURCES: Readonly<Record<string, DeviceSource>> = {
  'rtx-3060-12gb': {
    source: `nvidia-smi "12288MiB"; guru3d: "Memory Bandwidth 360 GB/s ... Interface PCIe Gen4 x16"; NVIDIA's 101 sparse Tensor TFLOPS (FP16 accumulate) / 4 = 25.3 BF16 with FP32 accumulate (28 SM x 1.777 GHz x 512 = 25.5); ${LINK}`,
    priceNote: amortized('$329 launch MSRP (wccftech, 2021-01-12)'),
  },
  'rtx-3090': {
    source:
      'NVIDIA GA102 whitepaper: "Peak FP16 Tensor TFLOPS with FP32 Accumulate: 71", 936 GB/s; nvidia-smi 24576 MiB; NVLink bridge 112.5 GB/s bidirectional for a pair',
    priceNote: amortized(
      '$1,499 launch MSRP (local-llm.net; $500-800 used in 2026; RunPod rents one at $0.22/hour, 2026-03-10)',
    ),
  },
  'rtx-4060-ti-16gb': {
    source: `nvidia-smi "16380MiB"; guru3d: "Memory Bandwidth 288 GB/s ... Interface PCIe Gen4 x8"; NVIDIA's 353 AI TOPS (sparse INT8) / 8 = 44.1 BF16 and / 4 = 88.3 FP8, with FP32 accumulate, the Ada whitepaper's RTX 4090 ratios (34 SM x 2.535 GHz x 512 = 44.1); ${LINK}`,
    priceNote: amortized('$499 launch MSRP (gamebastion, 2023-07)'),
  },
  'rtx-4070-ti-super': {
    source: `nvidia-smi "16376MiB"; 672 GB/s; NVIDIA's 706 AI TOPS / 8 = 88.2 BF16 and / 4 = 176.5 FP8 (a public table: "88.2 TFLOPS dense"); "PCIe 4.0" (x16 assumed); ${LINK}`,
    priceNote: amortized('$799 launch MSRP (Hugging Face hardware catalog)'),
  },
  'rtx-4080': {
    source: `NVIDIA Ada Lovelace architecture whitepaper (docs/research/hardware.md): 97.47 BF16, FP8 194.9 by the 2x rule, 716.8 GB/s; nvidia-smi 16376 MiB; PCIe Gen4 x16; ${LINK}`,
    priceNote: amortized('$1,199 launch MSRP (not in the research notes: assumed)'),
  },
  'rtx-4090': {
    source: `NVIDIA Ada Lovelace whitepaper appendix A: "Peak FP16/BF16 Tensor TFLOPS with FP32 Accumulate 165.2", "Peak FP8 Tensor TFLOPS with FP32 Accumulate 330.3", 1,008 GB/s; nvidia-smi 24564 MiB; PCIe Gen4 x16; ${LINK}`,
    priceNote: amortized(
      '$1,599 launch MSRP (Hugging Face hardware catalog; $2,200-2,800 new in 2026-02; RunPod rents one at $0.34/hour, 2026-03-10)',
    ),
  },
  'rtx-5080': {
    source: `nvidia-smi "16303MiB"; notebookcheck: "84 SMs ... 256-bit memory bus (960 GB/s) ... 1801 AI TOPS" (sparse FP4): FP4 / 2 = 900.5, FP8 / 8 = 225.1, BF16 / 16 = 112.6, the RTX Blackwell whitepaper's RTX 5090 ratios; PCI-Express 5.0 x16; ${LINK}`,
    priceNote: amortized('$999 launch MSRP (biggo, 2025-01-29)'),
  },
  'rtx-5090': {
    source: `NVIDIA RTX Blackwell whitepaper v1.1 (FP32-accumulate rates): 209.5 BF16, 419 FP8, 1676 dense FP4, 1,792 GB/s; nvidia-smi 32607 MiB (CUDA allocates about 487 MiB less); PCIe Gen5 x16; ${LINK}`,
    priceNote: amortized(
      '$1,999 launch MSRP (Hugging Face hardware catalog; RunPod rents one at $0.69/hour, 2026-03-10)',
    ),
  },
  'rtx-pro-6000': {
    source: `NVIDIA datasheet: "4000 AI TOPS" (sparse FP4: 2000 dense), "Memory bandwidth 1792 GB/s", "PCIe 5.0 x16"; nvidia-smi "97887 MiB" (Workstation Edition); FP8 1000 and BF16 500 assume full-rate FP32 accumulate as on the RTX 6000 Ada (measured BF16 386, 1a1a11a/gpu_power); ${LINK}`,
    priceNote: amortized('$8,565 MSRP (newgearhub; $8,000-9,200 in 2026-04)'),
  },
  'rx-7900-xtx': {
    source: `rocm-smi "VRAM Total Memory (B)": "25753026560"; pcspecchart: 960 GB/s; RDNA 3: "Up to 122.8 TFLOPS (FP16)" WMMA, BF16 assumed at the same rate; no FP8; PCIe 4.0 x16; ${LINK}`,
    priceNote: amortized('$999 launch MSRP (pcspecchart)'),
  },
  'radeon-ai-pro-r9700': {
    source: `HIP "total_memory_bytes": 34208743424; AMD's product page: 640 GB/s, FP16 matrix 191 TFLOPS (BF16 assumed equal), FP8 matrix 383; no FP4 WMMA; "PCIe 5.0" (x16 assumed); ${LINK}`,
    priceNote: amortized('$1,250 (Hugging Face hardware catalog msrp; no dated US retail price)'),
  },
  'arc-b580': {
    source: `Windows adapter memory 12884901888 B (SYCL reports 12168M); 456 GB/s, "8x PCIe 4.0"; Intel ARK 233 INT8 TOPS, XMX BF16 at half: 116.5 (derived, assumed); no FP8; ${LINK}`,
    priceNote: amortized('$249 launch MSRP (esportvoice, 2024-12-03)'),
  },
  'rtx-2080': {
    source: `nvidia-smi "7982MiB" (Linux); gamegpu: "2944: 184: 64 ... Memory bandwidth, GB/s 448 ... PCI-Express interface 3.0 x16", 368 tensor cores, boost 1710 MHz; Turing has no BF16: the FP16 tensor rate with FP32 accumulate, 368 x 128 FLOP x 1.71 GHz / 2 (GeForce's half rate) = 40.3 TFLOPS, stands for BF16 (assumed); no FP8; ${LINK}`,
    priceNote: amortized(
      '$699 launch reference price (gamegpu "Starting price, $ 699"; $799 Founders Edition, PC Gamer)',
    ),
  },
  'rtx-4070': {
    source: `nvidia-smi "15MiB / 12282MiB"; thefpsreview: "46 Streaming Multiprocessors ... boost clock will be 2475MHz ... 12GB of GDDR6X running at 21GHz on a 192-bit memory bus providing 504GB/s"; 46 SM x 2.475 GHz x 512 = 58.3 BF16 with FP32 accumulate and 116.6 FP8 (the Ada whitepaper's RTX 4090 ratios, derived); PCIe 4.0 (x16 assumed); ${LINK}`,
    priceNote: amortized('$599 launch price (thefpsreview "Launch Price | $599"; club386)'),
  },
  'rtx-4090d': {
    source: `nvidia-smi "0MiB / 24564MiB"; guru3d: "57 TPCs (114 SM) ... 14,592 CUDA cores, 456 Tensor cores ... maximum boost clock of 2.52 GHz ... The memory subsystem in both versions remains consistent" (the RTX 4090's 1,008 GB/s); 114 SM x 2.52 GHz x 512 = 147.1 BF16 and 294.2 FP8 with FP32 accumulate (the RTX 4090's 165.2 scaled by SMs, derived); PCIe 4.0 x16 as the RTX 4090; ${LINK}`,
    priceNote: amortized('RMB 12,999, about $1,850 (guru3d); sold in China only'),
  },
  'rx-6900-xt': {
    source: `AMD (gizmoseries): "Peak Half Precision Compute Performance — 46.08 TFLOPs ... Max Memory Size — 16 GB ... Memory Bandwidth — Up to 512 GB/s"; RDNA 2 has no matrix units: packed FP16, BF16 assumed equal; no FP8; memory 17163091968 B, what rocm-smi reports for a 16 GB Radeon (an RX 7800 XT's, assumed the same); PCIe 4.0 x16 (cputronic); ${LINK}`,
    priceNote: amortized(
      '$999 launch MSRP (scan.co.uk TekSpek: "Arriving today with a $999 MSRP")',
    ),
  },
  'rx-7900-xt': {
    source: `ComfyUI/rocm-smi "vram_total": 21458059264; guru3d: "Compute Units ... 84 ... 20 GB GDDR6 ... Bandwidth ... 800 GB/s"; cputronic: boost 2394 MHz, PCIe 4.0 x16; 84 CUs x 2.4 GHz x 512 = 103.2 FP16 WMMA (the RX 7900 XTX's 122.8 scaled, derived), BF16 assumed equal; no FP8; ${LINK}`,
    priceNote: amortized('$899 launch price (mybroadband: "the RX 7900 XT will start at $899")'),
  },
};

const WIRED_LIMIT =
  "GPU share: macOS's default wired limit, Metal's recommendedMaxWorkingSetSize in llama.cpp logs: 2/3 of 16 and 32 GiB (10922.67 and 21845.34 MB), 3/4 of 64 and 128 GiB (51539.61 MB; 98304.00 MB on an M2 Ultra, 103079.22 MB on an M4 Max); raised with sudo sysctl iogpu.wired_limit_mb; macOS 26 gives 0.84 at 128 GiB (antirez/ds4 #893), not used";
const WIRED_RULE =
  ' (36 and 48 GB: assumed from a rule of thumb, thinkdifferent.blog: "~65-70% of total RAM on machines with 36GB or less; ~75% ... on higher-memory machines")';

/** Per chip: the memory sizes sold, the source of its figures, the priced size and its price. */
const APPLE_CHIPS: Readonly<Record<string, [number[], string, number, string]>> = {
  'm1-max': [
    [32, 64],
    'Apple: "up to 400GB/s of memory bandwidth"; philipturner/metal-benchmarks: 32 cores, 10620 GFLOPS F32 = F16 (no BF16 hardware)',
    64,
    '$3,900',
  ],
  'm2-max': [
    [32, 64, 96],
    'Trusted Reviews: "400GB/s of unified memory bandwidth ... up to 96GB"; metal-benchmarks: 38 cores, >= 13600 GFLOPS; 96 GB assumed to come with the 38-core GPU',
    96,
    '$4,500',
  ],
  'm2-ultra': [
    [64, 128, 192],
    'wccftech: "up to 192GB unified RAM ... memory bandwidth is capped at 800GB/s"; metal-benchmarks: 76 cores, >= 27200 GFLOPS',
    192,
    '$7,000',
  ],
  'm3-max': [
    [36, 48, 64, 96, 128],
    'mactechnews: 400 GB/s for the 40-core GPU, 300 GB/s for the 30-core; Hugging Face catalog 14.2 TFLOPS (30-core: scaled by cores, assumed); 36 and 96 GB with the 30-core GPU, 48, 64 and 128 GB with the 40-core (Apple configurator, not quoted: assumed)',
    128,
    '$5,000',
  ],
  'm3-ultra': [
    [96, 256, 512],
    'Ars Technica: "M3 Ultra (low) | 60 | 96/256GB | 819.2GB/s | M3 Ultra (high) | 80 | 128GB/256GB/512GB"; FLOP/s estimated (Apple publishes none): cores x 128 ALUs x 2 x 1.4 GHz (Hugging Face catalog: 28.4 for 80 cores); 96 GB assumed to be the 60-core base model',
    512,
    '$9,500',
  ],
  'm4-max': [
    [36, 48, 64, 128],
    'Ars Technica: "The low-end M4 Max offers 410GB/s ... the fully enabled M4 Max offers 546GB/s"; Macworld: 32-core GPU with 36GB, 40-core up to 128GB; Hugging Face catalog 18.4 TFLOPS (32-core: scaled by cores, assumed)',
    128,
    '$5,000',
  ],
  'm4-pro': [
    [24, 48, 64],
    'Ars Technica: "Apple M4 Pro (high) | 10/4 | 20 | 24/48/64GB | ... | 273GB/s"; Hugging Face catalog 9.2 TFLOPS (20-core GPU)',
    64,
    '$2,600',
  ],
};

/** An Apple id's source: its chip's, with the GPU share's and the price note of its size. */
function appleSource(id: string): DeviceSource | undefined {
  const [, chip = '', size = ''] = /^(m\d-\w+)-(\d+)gb$/.exec(id) ?? [];
  const gb = Number(size);
  if (!Object.hasOwn(APPLE_CHIPS, chip) || !APPLE_CHIPS[chip]![0].includes(gb)) return undefined;
  const [, source, priced, price] = APPLE_CHIPS[chip]!;
  return {
    source: `${source}; ${WIRED_LIMIT}${gb === 36 || gb === 48 ? WIRED_RULE : ''}; memory: the whole pool (hw.memsize); links: Thunderbolt 5 assumed`,
    priceNote: amortized(
      gb === priced
        ? `${price}, the Hugging Face catalog's price of the chip with its largest memory`
        : `priced as the ${priced} GB configuration (${price}), the only price found for this chip: an upper bound`,
    ),
  };
}

const OTHER_SOURCES: Readonly<Record<string, DeviceSource>> = {
  'dgx-spark': {
    source:
      'NVIDIA: "up to 1 PFLOP of FP4 (with sparsity)", "128 GB LPDDR5x unified, 273 GB/s"; BF16 62.5 and FP8 125 by the RTX 5090\'s ratios (GB10 is sm_121), assumed; memory: MemTotal 127600748 kB (nvitop #208: NVML reports none), 121.69 GiB in torch; GPU share 1 of what the OS sees, assumed (no carve-out); ConnectX-7 200 Gb/s links assumed',
    priceNote: amortized('$3,999 Founders Edition (bay41, 2025-10; $4,699 later)'),
  },
  'ryzen-ai-max-395-128gb': {
    source:
      'AMD intellikit #123: "LPDDR5X 8x multiplier -> 256 GB/s" (measured ~212 GB/s, theaibench); BF16 = 2 x the Hugging Face catalog\'s 29.7 FP32 TFLOPS (FP16 WMMA; BF16 assumed equal); GPU share 0.5: the Linux GTT default, "half of my RAM available for GTT ... is the default on Linux kernel" (Windows VGM: up to 96 GB); USB4 links assumed',
    priceNote: amortized('$1,999 Framework Desktop 128 GB, before storage'),
  },
};

/** The source and price note of a local device, by id; undefined for an id not local. */
export function localDeviceSource(id: string): DeviceSource | undefined {
  if (Object.hasOwn(GPU_SOURCES, id)) return GPU_SOURCES[id];
  if (Object.hasOwn(OTHER_SOURCES, id)) return OTHER_SOURCES[id];
  return appleSource(id);
}

/**
 * Where a unified device's default GPU share comes from, in a line, and the setting that
 * changes it (null: none): local-hardware.md sections 4.3 and 5.
 */
export interface GpuShareSource {
  rule: string;
  setting: string | null;
}

const GPU_SHARE_SOURCES: Readonly<Record<'apple' | 'dgx-spark' | 'ryzen-ai-max', GpuShareSource>> =
  {
    apple: {
      rule: "macOS's default GPU wired limit (Metal's recommendedMaxWorkingSetSize): 2/3 of memory up to 36 GB, 3/4 above",
      setting: 'sudo sysctl iogpu.wired_limit_mb=<MiB>',
    },
    'dgx-spark': {
      rule: 'no carve-out: the GPU may use all the memory the OS sees (assumed)',
      setting: null,
    },
    'ryzen-ai-max': {
      rule: "Linux's GTT default: half of RAM (Windows' Variable Graphics Memory: up to 96 GB)",
      setting: 'the kernel parameter ttm.pages_limit=<GiB × 262144>',
    },
  };

/**
 * The source of a unified device's default GPU share, by id; undefined for a device that is
 * not a unified one of the catalog.
 *
 * @example gpuShareSource('m4-max-128gb')?.setting // 'sudo sysctl iogpu.wired_limit_mb=<MiB>'
 */
export function gpuShareSource(id: string): GpuShareSource | undefined {
  if (id === 'dgx-spark') return GPU_SHARE_SOURCES['dgx-spark'];
  if (id === 'ryzen-ai-max-395-128gb') return GPU_SHARE_SOURCES['ryzen-ai-max'];
  return appleSource(id) ? GPU_SHARE_SOURCES.apple : undefined;
}
