/**
 * What the local model assumes where a setup says nothing: the PCIe link, the host, the GPU's
 * driver reserve, and the efficiencies fitted to published local runs.
 */
import type { HostSpec, LocalEfficiency } from './local-inference.ts';

/**
 * PCIe bandwidth per direction of an x16 link, bytes/s: 8, 16 and 32 GT/s per lane with
 * 128b/130b encoding (PCI-SIG: gen3 985 MB/s, gen4 1.969 GB/s, gen5 3.938 GB/s per lane).
 */
export const PCIE_X16_BYTES_PER_SECOND = { gen3: 15.75e9, gen4: 31.5e9, gen5: 63e9 } as const;
export type PcieGeneration = keyof typeof PCIE_X16_BYTES_PER_SECOND;

/** PCIe bandwidth of a link written `gen4x16`, `gen5x8`; null when it is not one. */
export function pcieBytesPerSecond(text: string): number | null {
  const m = /^(gen[345])x(1|2|4|8|16)$/i.exec(text.trim());
  if (!m) return null;
  const gen = m[1]!.toLowerCase() as PcieGeneration;
  return (PCIE_X16_BYTES_PER_SECOND[gen] * Number(m[2])) / 16;
}

/**
 * Assumed where a setup says nothing: 64 GB of dual-channel DDR5-5600 (2 × 5,600 MT/s × 8 B =
 * 89.6 GB/s peak), a PCIe 4.0 x16 link, 1 TFLOP/s of CPU matmuls (assumed), llama.cpp's default
 * micro-batch of 512 (common/common.h `n_ubatch`). How much of the DRAM peak decode reaches is
 * DEFAULT_LOCAL_EFFICIENCY's `hostBandwidth`.
 */
export const DEFAULT_HOST: HostSpec = {
  memoryBytes: 64e9,
  bandwidthBytesPerSecond: 89.6e9,
  flopsPerSecond: 1e12,
  linkBytesPerSecond: PCIE_X16_BYTES_PER_SECOND.gen4,
};

/**
 * What a GPU keeps for the driver and the CUDA context when llama.cpp fills it: 1 GiB (assumed;
 * nvidia-smi shows 300-600 MiB used on an idle desktop card, and llama.cpp's allocations leave
 * some slack).
 */
export const LOCAL_DEVICE_RESERVE_BYTES = 2 ** 30;

/**
 * Fitted to the 23 decode-validated runs of tests/fixtures/local-cases.json, one set for all:
 * the least squares of log(model / published) at each case's `cli` (grid: host 0.36-0.46 by
 * 0.02, overhead 60-100 us by 10; tests/unit/scripts/validation.test.ts holds the result).
 * - Device bandwidth stays the data-centre default, 0.7 (resolve.ts): the 8 llama.cpp runs on
 *   unified memory (DGX Spark, Strix Halo; Qwen3-Next aside) cannot tell it from the overhead
 *   (0.7 with 20 us, 0.75 with 60 and 0.8 with 80 fit them alike); they land at 0.81-0.96x.
 * - hostBandwidth 0.4 of the DRAM peak (channels x MT/s x 8): the optimum over all 23, and over
 *   the 11 runs with experts in host RAM alone (RTX 4070 x3, RTX 2080 x2, RX 7900 XT, RX 6900
 *   XT, ik_llama.cpp x2, KTransformers x2; the 7 llama.cpp ones alone prefer 0.42-0.44). Those
 *   11 land at 0.75-1.32x.
 * - layerOverheadSeconds 80 us per layer and step: the optimum over all 23 (70-90 us within
 *   2%), up from 20 us because of the runs a bandwidth bound over-predicts most: MLX on the M4
 *   Max (1.67x at 20 us, 1.05x at 80) and M2 Max (1.36x), Ollama on the Spark (1.00x). Runs
 *   outside the fit agree: gpt-oss-20b on the GPU alone, RTX 4080 (ik_llama.cpp discussion 758,
 *   186 tok/s) 0.91x, RTX 4090 (225, more-serving-cases.json) 0.95x, M3 Ultra 1.62x, RX 7900 XT
 *   (ROCm, 102) 1.51x; at 20 us the last two were 2.2x and 1.9x.
 * Result: 22 of 23 within x1.5 (Qwen3-Next on Strix Halo at 1.51x: llama.cpp's qwen3next
 * kernels were weeks old), all 23 within x2, geometric mean 1.00x.
 */
export const DEFAULT_LOCAL_EFFICIENCY: Omit<LocalEfficiency, 'deviceBandwidth' | 'compute'> = {
  hostBandwidth: 0.4,
  layerOverheadSeconds: 80e-6,
};
