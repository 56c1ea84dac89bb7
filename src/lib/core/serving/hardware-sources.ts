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
      'widely reported export-variant figures (no NVIDIA datasheet found): 148 TFLOPS BF16, 4.0 TB/s, NVLink 900 GB/s',
    priceNote:
      'assumed: no public rental price found; about half an H100 SXM for a part with 15% of its compute',
  },
  b200: {
    source:
      'NVIDIA HGX B200 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; NVLink 5: 1.8 TB/s bidirectional; DGX B200: one 400 Gb/s NIC per GPU',
    priceNote: runpod,
  },
  gb200: {
    source:
      'NVIDIA GB200 NVL72 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; 72 GPUs in one NVLink domain',
    priceNote:
      'assumed: B200 price plus a share of the Grace CPU; no public per-GPU rental price found',
  },
  mi300x: {
    source:
      'AMD CDNA 3 white paper (dense figures); rocm-smi total memory; xGMI: 7 links x 64 GB/s per direction',
    priceNote: 'public rental listing (undated, retrieved 2026); sources disagree by about 2x',
  },
  mi325x: {
    source:
      'AMD MI325X datasheet (same CDNA 3 compute as MI300X); usable memory assumed equal to nominal 256 GiB',
    priceNote: 'public rental listing (undated); low confidence',
  },
  'a100-80gb': {
    source:
      'NVIDIA A100 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; NVLink 3: 600 GB/s bidirectional; DGX A100: 200 Gb/s per GPU',
    priceNote: runpod,
  },
  'a100-40gb': {
    source: 'NVIDIA A100 datasheet (dense = sparse / 2); nvidia-smi total memory from public logs',
    priceNote: 'assumed: A100 80GB price less 15%; no public rental price found',
  },
  l40s: {
    source:
      'NVIDIA L40S datasheet (dense = sparse / 2); nvidia-smi total memory from public logs; PCIe Gen4 x16: 32 GB/s per direction (no NVLink); network assumed 200 Gb/s',
    priceNote: runpod,
  },
  custom: { source: 'given by the user', priceNote: 'custom device: $2/hour unless given' },
};

/** The source and price note of any catalog device (data centre or local), by id. */
export function deviceSource(id: string): DeviceSource | undefined {
  return Object.hasOwn(DEVICE_SOURCES, id) ? DEVICE_SOURCES[id] : localDeviceSource(id);
}
