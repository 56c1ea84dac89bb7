/**
 * How much of its listed peak a device's matrix units sustain, beside the NVIDIA parts on which
 * the compute efficiencies were fitted (assumptions.ts `compute`, `attentionCompute`). A peak is
 * the boost clock times the units; under a dense GEMM a device runs at the clock its power limit
 * allows. NVIDIA's best kernels reach three quarters of their peaks; AMD measures its own parts
 * far lower, and MI300X lower than MI325X though both list the same peak:
 * - NVIDIA: FlashAttention-3 740 of H100's 989.4 BF16 TFLOP/s (Shah et al. 2024, section 4.1;
 *   cited in assumptions.ts), DeepGEMM "up to 1550 TFLOPS" of H800's 1,979 FP8 (its README);
 *   0.748 and 0.783.
 * - AMD's Max-Achievable FLOPs (ROCm blog "Measuring Max-Achievable FLOPs, Part 2", 2025,
 *   hipBLASLt on its best shapes, Table 1): MI300X 708 BF16 and 1,273 FP8 TFLOP/s at 1,207 and
 *   1,230 MHz against a 2,100 MHz boost, 0.542 and 0.487 of its 1,307.4 and 2,614.9; MI325X 843
 *   and 1,519 at 1,447 and 1,464 MHz, 0.645 and 0.581.
 * The share is AMD's over NVIDIA's, per rate: MI300X 0.724 (BF16) and 0.622 (FP8), MI325X 0.862
 * and 0.742. Under the same vLLM and dataset (MLPerf Inference v5.1, Mixtral-8x7B Offline, AMD's
 * submission) MI325X gave 1.30 times MI300X's tokens a GPU; with the catalog's equal peaks the
 * model gave 1.01, with these shares 1.19. Devices without such a measurement take 1: their peaks
 * are treated as NVIDIA's are.
 */

/** The share of their listed peaks NVIDIA's best kernels reach, BF16 and FP8. */
export const NVIDIA_PEAK_SHARE = { bf16: 740 / 989.4, fp8: 1550 / 1979 } as const;

/** AMD's Max-Achievable FLOPs over the catalog's peak, BF16 and FP8. */
const AMD_MAX_ACHIEVABLE_SHARE: Readonly<Record<string, { bf16: number; fp8: number }>> = {
  mi300x: { bf16: 708 / 1307.4, fp8: 1273 / 2614.9 },
  mi325x: { bf16: 843 / 1307.4, fp8: 1519 / 2614.9 },
};

/** A rate of the matrix units: BF16 (and what runs at it) or 8-bit. */
export type MatmulRate = 'bf16' | 'fp8';

/**
 * The share of a device's listed peak at a rate that the model counts, against NVIDIA's: 1 but
 * where the vendor measures its sustained rate (AMD MI300X, MI325X), at most 1.
 *
 * @example sustainedShare('mi300x', 'fp8') // 0.622 (0.487 / 0.783)
 */
export function sustainedShare(deviceId: string, rate: MatmulRate): number {
  const amd = AMD_MAX_ACHIEVABLE_SHARE[deviceId];
  return amd ? Math.min(1, amd[rate] / NVIDIA_PEAK_SHARE[rate]) : 1;
}
