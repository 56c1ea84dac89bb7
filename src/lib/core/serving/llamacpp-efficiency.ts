/**
 * How llama.cpp spends a step, as the local model counts it (local-estimate.ts), and the
 * data-centre model too under `--engine llamacpp`: one engine on one GPU gets one answer, whether
 * or not the host's RAM is given.
 * - Routed experts stream at the dense bandwidth efficiency, not the grouped GEMMs' 0.5
 *   (assumptions.ts `expertBandwidth`). At up to 8 tokens a step llama.cpp multiplies each
 *   selected expert's rows with its mat-vec kernels (ggml/src/ggml-cuda/ggml-cuda.cu
 *   `ggml_cuda_mul_mat_id`: `ne2 <= MMVQ_MAX_BATCH_SIZE` goes to `ggml_cuda_mul_mat_vec_q` with
 *   the ids), which read a quantized expert as they read a dense layer, unpacking 4-bit weights
 *   in registers: no W4A16 share either (`int4ExpertBandwidth` 1).
 * - One fixed time per layer (`layerOverheadSeconds`, DEFAULT_LOCAL_EFFICIENCY's 80 us, fitted
 *   to the published local runs) in place of 5 us per kernel, which was fitted to the CUDA-graph
 *   engines.
 * - Nothing overlaps: llama.cpp runs its graph's splits in order (local-inference.ts), and
 *   attention runs at the matmuls' compute efficiency.
 * - No fixed time per block-scaled GEMM: that is vLLM's and SGLang's FP8 and MXFP4 GEMM path
 *   on CDNA3 (kernels.ts), not llama.cpp's own quantized kernels.
 */
import { DEFAULT_EFFICIENCY, type Efficiency } from './assumptions.ts';
import { DEFAULT_LOCAL_EFFICIENCY } from './local-defaults.ts';

/** The efficiencies llama.cpp's step is counted with, from the bandwidth, compute and per-layer time. */
export type LlamaCppEfficiency = Pick<
  Efficiency,
  | 'expertBandwidth'
  | 'attentionCompute'
  | 'overlap'
  | 'kernelSeconds'
  | 'layerOverheadSeconds'
  | 'blockScaledGemmSeconds'
  | 'int4ExpertBandwidth'
>;

/**
 * llama.cpp's step terms for a device streamed at `bandwidth`, multiplying at `compute`, with
 * `layerOverheadSeconds` a layer.
 *
 * @example llamaCppEfficiency({ bandwidth: 0.7, compute: 0.45, layerOverheadSeconds: 80e-6 }).expertBandwidth // 0.7
 */
export function llamaCppEfficiency(e: {
  bandwidth: number;
  compute: number;
  layerOverheadSeconds: number;
}): LlamaCppEfficiency {
  return {
    expertBandwidth: e.bandwidth,
    attentionCompute: e.compute,
    overlap: 0,
    kernelSeconds: 0,
    layerOverheadSeconds: e.layerOverheadSeconds,
    blockScaledGemmSeconds: 0,
    int4ExpertBandwidth: 1,
  };
}

/**
 * llama.cpp's terms where the data-centre model serves with it (resolve.ts): from the bandwidth,
 * compute and per-layer time the user gave, else their defaults (DEFAULT_EFFICIENCY,
 * DEFAULT_LOCAL_EFFICIENCY); what the user gave for a term itself still wins over these.
 *
 * @example llamaCppDefaults({ bandwidth: 0.8 }).expertBandwidth // 0.8
 */
export function llamaCppDefaults(given: Partial<Efficiency> = {}): LlamaCppEfficiency {
  return llamaCppEfficiency({
    bandwidth: given.bandwidth ?? DEFAULT_EFFICIENCY.bandwidth,
    compute: given.compute ?? DEFAULT_EFFICIENCY.compute,
    layerOverheadSeconds:
      given.layerOverheadSeconds ?? DEFAULT_LOCAL_EFFICIENCY.layerOverheadSeconds,
  });
}
