/**
 * Where each number of the device catalog (hardware.ts) comes from, by device id: the source of
 * its memory, bandwidth, FLOP/s and links, and of its price (or why the price is assumed).
 * Figures are researched in docs/research/hardware.md; the local devices' sources are in
 * local-device-sources.ts (docs/research/local-hardware.md).
 */
import { localDeviceSource } from './local-device-sources.ts';

export interface DeviceSource {
  source: string;
  priceNote: string;
}

const runpod = 'RunPod on-demand, 2026-03-10 (deploybase.ai "RunPod GPU Pricing: 2026")';

/**
 * The price of a part RunPod did not list on 2026-03-10: the RunPod B200 price ($5.98) scaled by
 * the part's ratio to the B200 in one public model, the SemiAnalysis AI Cloud TCO model's "retail
 * tier" $/hour on the InferenceX /chips pages (B200 $3.70). The rule gives the GB200 $6.46 (its
 * catalog price, set before, is $6.50). Example: B300 at $4.25 -> 5.98 x 4.25 / 3.70 = $6.87.
 */
const scaledFromB200 = (retail: number) =>
  `assumed: RunPod B200 $5.98 x SemiAnalysis retail tier $${retail.toFixed(2)} / $3.70 = $${((5.98 * retail) / 3.7).toFixed(2)}; no RunPod listing on 2026-03-10`;

export const DEVICE_SOURCES: Readonly<Record<string, DeviceSource>> = {
  'h100-sxm': {
    source:
      'NVIDIA H100 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; NVLink 4: 900 GB/s bidirectional; DGX H100: one 400 Gb/s NIC per GPU',
    priceNote: runpod,
  },
  'h100-pcie': {
    source:
      'NVIDIA H100 PCIe datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; PCIe Gen5 x16: 64 GB/s per direction; network assumed 400 Gb/s per GPU',
    priceNote: runpod,
  },
  h200: {
    source:
      'NVIDIA H200 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; NVLink 4; DGX H200: one 400 Gb/s NIC per GPU',
    priceNote: runpod,
  },
  h800: {
    source:
      'H100 SXM compute; NVLink cut to 400 GB/s bidirectional (secondary sources; DeepSeek measured ~160 GB/s); DeepSeek-V3 report: 400 Gb/s InfiniBand per GPU',
    priceNote: 'assumed equal to H100 SXM (same silicon); no public rental price found',
  },
  h20: {
    source:
      'widely reported export-variant figures (no NVIDIA datasheet found): 148 TFLOPS BF16, 4.0 TB/s, NVLink 900 GB/s; Alibaba Cloud gn8v docs: "96GB HBM3, 4TB/s, 900GB/s NVLink"',
    priceNote:
      'assumed: no public rental price found; about half an H100 SXM for a part with 15% of its compute',
  },
  b200: {
    source:
      'NVIDIA HGX B200 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; NVLink 5: 1.8 TB/s bidirectional; DGX B200: one 400 Gb/s NIC per GPU',
    priceNote: runpod,
  },
  gh200: {
    source:
      'NVIDIA Grace Performance Tuning Guide, GH200 table (as quoted in public notes): "96GB HBM3", "Up to 4 TB/s", NVLink-C2C 900 GB/s to the Grace CPU; nvidia-smi "NVIDIA GH200 480GB, 97871 MiB" (several public logs); the GPU is the GH100 of the H100 SXM (132 SMs), so its dense BF16/FP8 are taken as 989.5/1979. Modelled as the rentable one-superchip node (Lambda gpu_1x_gh200): no GPU peer, so scaleUp is the per-direction NVLink-C2C link and unused; quad-GH200 HPC nodes and DGX GH200 (NVLink domain of 256) are not modelled. Network assumed 400 Gb/s per superchip',
    priceNote:
      'public rental listing: Lambda gpu_1x_gh200 $2.29/hour (seen in a public run log, 2026-04-29), not the RunPod snapshot',
  },
  b300: {
    source:
      'NVIDIA HGX B300 (InferenceX gpu-specs.ts, SemiAnalysisAI/InferenceX-app; NVIDIA HGX table "FP4 144 | 108 PFLOPS" sparse | dense per 8 GPUs): dense BF16 2250, FP8 4500, FP4 13500 TFLOPS (FP4 is the printed dense figure, not sparse / 2), 8 TB/s (acecloud HGX B300: "Up to 8 TB/s per GPU"; Verda lists 7.7); INT8 cut to 0.15 POPS dense (Verda per-GPU table; HGX page "INT8 2 POPS" per 8 GPUs, sparse); nvidia-smi "NVIDIA B300 SXM6 AC, 275040 MiB" (public logs; 288.4 GB decimal); NVLink 5 1.8 TB/s bidirectional; ConnectX-8 800 Gb/s per GPU (DGX/HGX B300)',
    priceNote: scaledFromB200(4.25),
  },
  gb200: {
    source:
      'NVIDIA GB200 NVL72 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; 72 GPUs in one NVLink domain',
    priceNote:
      'assumed: B200 price plus a share of the Grace CPU; no public per-GPU rental price found',
  },
  gb300: {
    source:
      'NVIDIA GB300 NVL72 page (quoted in public notes): "FP4 Tensor Core 1440 PFLOPS [sparse]; 1080 PFLOPS [dense]", FP8/FP6 720, FP16/BF16 360 (sparse), INT8 24 POPS (sparse), up to 20 TB HBM3e, 576 TB/s, NVLink 130 TB/s: per GPU 15000/5000/2500 dense, INT8 166.7 TOPS, 8 TB/s, 900 GB/s per direction; nvidia-smi "NVIDIA GB300, 284208 MiB" (Lambda, GKE A4X Max and NVL72 logs); 72 ConnectX-8 NICs, 800 Gb/s per GPU',
    priceNote: scaledFromB200(5.0),
  },
  mi300x: {
    source:
      'AMD CDNA 3 white paper (dense figures); rocm-smi total memory; xGMI: 7 links x 64 GB/s per direction',
    priceNote: 'public rental listing (undated, retrieved 2026); sources disagree by about 2x',
  },
  mi325x: {
    source:
      'AMD MI325X datasheet (same CDNA 3 compute as MI300X); memory derived as on MI300X and MI355X, whose rocm-smi totals are 192 GiB and 288 GiB less 16 MiB (206141652992, 309220868096 B): 256 GiB - 16 MiB, matching PyTorch\'s "255.98 GiB" on MI325X (vLLM issue logs); FP8 is CDNA3\'s FNUZ variant (OCP checkpoints are rescaled at load); InferenceX: Pollara 400GbE per GPU',
    priceNote: 'public rental listing (undated); low confidence',
  },
  mi355x: {
    source:
      'AMD MI355X brochure (quoted in public notes): dense FP16/BF16 2.5166 PF, OCP-FP8 and INT8 5.0332, MXFP6/MXFP4 10.0663 PF (no sparse FP4 figure), 288 GB HBM3E, 8 TB/s, 1400 W; rocm-smi "VRAM Total Memory (B)" 309220868096; Infinity Fabric 7 links, "~153 GB/s of bidirectional bandwidth" each (humeconsulting): 76.8 GB/s per direction per peer, 537.6 over 7 (InferenceX: 538 GB/s); Pollara 400GbE per GPU. CDNA4 scaled MFMA takes E8M0 scales per 32 only: NVFP4 checkpoints are requantized to MXFP4 at load (SGLang quark_mxfp4) or emulated (vLLM), so nvfp4 is null',
    priceNote: scaledFromB200(2.9),
  },
  'a100-80gb': {
    source:
      'NVIDIA A100 datasheet (dense = sparse / 2): "BFLOAT16 Tensor Core 312 TFLOPS | 624 TFLOPS*", "INT8 Tensor Core 624 TOPS | 1248 TOPS*", no FP8; nvidia-smi total memory from public logs; NVLink 3: 600 GB/s bidirectional; DGX A100: 200 Gb/s per GPU',
    priceNote: runpod,
  },
  'a100-40gb': {
    source:
      'NVIDIA A100 datasheet (dense = sparse / 2): BF16 312, INT8 624 TOPS, no FP8; nvidia-smi total memory from public logs',
    priceNote: 'assumed: A100 80GB price less 15%; no public rental price found',
  },
  l40s: {
    source:
      'NVIDIA L40S datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; PCIe Gen4 x16: 32 GB/s per direction (no NVLink); network assumed 200 Gb/s',
    priceNote: runpod,
  },
  'rtx-pro-6000-server': {
    source:
      'NVIDIA RTX PRO 6000 Blackwell Server Edition page (quoted in public notes): "FP4 Tensor Core 4 PFLOPS", "FP8 Tensor Core 2 PFLOPS", "FP16 | BF16 Tensor Core 1 PFLOP" (sparse, halved; its "TF32 234 TFLOPS" would put dense BF16 near 468), 96 GB GDDR7, "1597 GB/s" (the Workstation Edition is 1,792), up to 600 W; nvidia-smi "97887 MiB"; PCIe Gen5 x16 (64 GB/s per direction), no NVLink, 8 cards per server (AWS g7e.48xlarge); network: g7e "1,600 Gbps" per 8 GPUs',
    priceNote: `${runpod}, "RTX PRO 6000" (edition not stated)`,
  },
  'tpu-v5e': {
    source:
      'Google Cloud TPU v5e docs: 197 TFLOPs BF16, 393 TOPs INT8 (no FP8), "16 GB, 819 GBps", bidirectional ICI "400 GBps" per chip (200 per direction over 4 ports), 256-chip 2D torus, "2 x 100 Gbps NIC" per 8-chip host; memory 15.75 GiB as XLA reports it ("Used 19.22G of 15.75G hbm" on a v5litepod-1). ICI is a torus, not a switch: 200 GB/s per direction is what a chip injects; an all-to-all across a slice gets less (pod bisection 1.6 TB/s)',
    priceNote:
      'Google Cloud on-demand list price, $1.20 per chip-hour (cloud.google.com/tpu/pricing, as quoted in public notes), not the RunPod snapshot',
  },
  'tpu-v6e': {
    source:
      'Google Cloud TPU v6e docs: 918 TFLOPs BF16, 1836 TOPs INT8 (no FP8), 32 GB at 1638 GBps, bidirectional ICI "800 GBps" per chip (400 per direction over 4 ports), 256-chip 2D torus, "4 x 200 Gbps NIC" per 8-chip host; memory 33550237696 B as vLLM reports it on v6e (XLA: "31.25G hbm"). ICI is a torus, not a switch: 400 GB/s per direction is what a chip injects; an all-to-all across a slice gets less (pod bisection 3.2 TB/s)',
    priceNote:
      'Google Cloud on-demand list price, $2.70 per chip-hour (cloud.google.com/tpu/pricing, as quoted in public notes), not the RunPod snapshot',
  },
  custom: { source: 'given by the user', priceNote: 'custom device: $2/hour unless given' },
};

/** The source and price note of any catalog device (data centre or local), by id. */
export function deviceSource(id: string): DeviceSource | undefined {
  return Object.hasOwn(DEVICE_SOURCES, id) ? DEVICE_SOURCES[id] : localDeviceSource(id);
}
