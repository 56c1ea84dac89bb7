/**
 * How much of its listed memory bandwidth a device sustains, beside the H100 on which the
 * bandwidth efficiencies were fitted (assumptions.ts `bandwidth`, `expertBandwidth`: FlashMLA's
 * 3,000 of H800's 3,350 GB/s, the H100's memory). A listed bandwidth is the memory's pin rate
 * times its width; what a kernel streams is less, and not the same share on every part.
 *
 * Measured under one method on all four: the Azure AI-benchmarking-guide's HBM bandwidth test,
 * BabelStream (`Benchmarks/NVIDIA/HBMBandwidth.py` and `Benchmarks/AMD/HBMBandwidth.py` build it
 * for CUDA and HIP with their default arrays), its Triad in TB/s
 * (`Azure_Results/ND_*_results.md`, "HBM Bandwidth"):
 * - ND H100 v5 (NVIDIA H100 80GB HBM3): 2.97 of 3.35, 0.887;
 * - ND H200 v5: 4.15 of 4.8, 0.865;
 * - ND A100 v4 (A100-SXM4-80GB): 1.70 of 2.039, 0.834;
 * - ND MI300X v5: 4.09 of 5.3, 0.772.
 * Triad, STREAM's reference kernel (two reads, one write), is taken; Copy gives the same order
 * (0.866, 0.835, 0.790, 0.775). The share is each part's over the H100's: H200 0.975, A100 0.940,
 * MI300X 0.870. Devices without such a measurement take 1: their listed bandwidth is treated as
 * the H100's is.
 */

/** BabelStream Triad over the listed bandwidth, by catalog device (hardware.ts). */
const TRIAD_SHARE: Readonly<Record<string, number>> = {
  'h100-sxm': 2.97 / 3.35,
  h200: 4.15 / 4.8,
  'a100-80gb': 1.7 / 2.039,
  mi300x: 4.09 / 5.3,
};

/** The listed bandwidths the Triad figures divide, by device, for the test to hold to the catalog. */
export const TRIAD_LISTED_TBPS: Readonly<Record<string, number>> = {
  'h100-sxm': 3.35,
  h200: 4.8,
  'a100-80gb': 2.039,
  mi300x: 5.3,
};

/**
 * The share of a device's listed memory bandwidth that the model counts, against the H100's:
 * 1 but where BabelStream measured the device under the same method, at most 1.
 *
 * @example sustainedBandwidthShare('mi300x') // 0.870 (0.772 / 0.887)
 */
export function sustainedBandwidthShare(deviceId: string): number {
  const share = TRIAD_SHARE[deviceId];
  return share === undefined ? 1 : Math.min(1, share / TRIAD_SHARE['h100-sxm']!);
}
