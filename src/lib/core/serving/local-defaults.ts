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
 * the least squares of log(model / published) at each case's `cli` (grid: host 0.36-0.48 by
 * 0.02, overhead 10-80 us by 10; tests/unit/scripts/validation.test.ts holds the result). Refitted
 * on 2026-12-07 once a step read the output head (local-inference.ts `decodeWork`), which it had
 * left out: at 80 us and 0.4 the fit had been absorbing it.
 * - Device bandwidth stays the data-centre default, 0.7 (resolve.ts): the 8 llama.cpp runs on
 *   unified memory (DGX Spark, Strix Halo; Qwen3-Next aside) cannot tell it from the overhead
 *   (0.75 with 60 us fits all 23 a little better, 0.7084 against 0.7693); they land at
 *   0.81-0.92x.
 * - hostBandwidth 0.4 of the DRAM peak (channels x MT/s x 8): with 0.38 the optimum over all 23
 *   (0.7679 at 30 us, 0.7693 at 0.4 and 40 us). The 11 runs with experts in host RAM (RTX 4070
 *   x3, RTX 2080 x2, RX 7900 XT, RX 6900 XT, ik_llama.cpp x2, KTransformers x2) land at
 *   0.71-1.29x.
 * - layerOverheadSeconds 40 us per layer and step (80 before the output head was read): the
 *   runs a bandwidth bound over-predicts most still want it, MLX on the M2 Max (1.17x) and M4
 *   Max (1.09x). Outside the fit, gpt-oss-20b wholly on one GPU from ggml-org's file (MXFP4
 *   experts, Q8_0 elsewhere: 3.1 GB a token): RTX 4090 (225 tok/s, more-serving-cases.json)
 *   0.96x, RTX 4080 under ik_llama.cpp (discussion 758, 186; its file not stated) 0.88x, M3
 *   Ultra under Metal (115.5, the same guide) 1.59x.
 * - On AMD GPUs under llama.cpp's ROCm backend a layer takes 160 us instead, from two runs
 *   outside the fit (llamacpp-efficiency.ts `LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS`): the RX 7900
 *   XT and RX 6900 XT runs land at 0.71x and 0.99x (0.74x and 1.07x at 40 us).
 * Result: 22 of 23 within x1.5 (Qwen3-Next on Strix Halo at 1.51x: llama.cpp's qwen3next
 * kernels were weeks old), all 23 within x2, geometric mean 0.970x (squared log-ratios 0.791).
 */
export const DEFAULT_LOCAL_EFFICIENCY: Omit<LocalEfficiency, 'deviceBandwidth' | 'compute'> = {
  hostBandwidth: 0.4,
  layerOverheadSeconds: 40e-6,
};
