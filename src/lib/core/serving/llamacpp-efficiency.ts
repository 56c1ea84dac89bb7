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
 * - One fixed time per layer (`layerOverheadSeconds`, DEFAULT_LOCAL_EFFICIENCY's 40 us, fitted
 *   to the published local runs) in place of 5 us per kernel, which was fitted to the CUDA-graph
 *   engines; 160 us on AMD GPUs under llama.cpp's ROCm (HIP) backend
 *   (LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS).
 * - Nothing overlaps: llama.cpp runs its graph's splits in order (local-inference.ts), and
 *   attention runs at the matmuls' compute efficiency.
 * - No fixed time per block-scaled GEMM: that is vLLM's and SGLang's FP8 and MXFP4 GEMM path
 *   on CDNA3 (kernels.ts), not llama.cpp's own quantized kernels.
 */
import { DEFAULT_EFFICIENCY, type Efficiency } from './assumptions.ts';
import { DEFAULT_LOCAL_EFFICIENCY } from './local-defaults.ts';

/**
 * llama.cpp's time per layer and step on an AMD GPU through its ROCm (HIP) backend, 160 us, four
 * times the 40 us its CUDA and Metal runs take (local-defaults.ts). Two published single-GPU
 * runs of gpt-oss-20b give it alike, each as (1 / tokens/s - the step's reads and FLOPs at the
 * default efficiencies) / 24 layers:
 * - llama.cpp PR #22254 ("HIP: flip GGML_HIP_GRAPHS to on", 2026-04-22), gfx908 (Instinct MI100,
 *   1,229 GB/s), "gpt-oss 20B MXFP4 MoE | tg64 | 146.28" on master: (6.84 - 2.99 ms) / 24 = 160 us;
 * - an RX 7900 XT (800 GB/s), build 6194 on ROCm 6.4.1, the converted file (BF16 beside the MXFP4
 *   experts) wholly on the GPU at "~94 tok/s" (tests/fixtures/local-cases.json
 *   `llamacpp-7900xt-gpt-oss-20b-cmoe`): (10.64 - 6.80 ms) / 24 = 160 us.
 * The HIP runtime's cost per kernel is what differs: llama.cpp built HIP graphs off by default
 * until that PR (ggml/CMakeLists.txt: `GGML_HIP_GRAPHS "ggml: use HIP graph, experimental,
 * slow" OFF`), and with them on the PR measures 1.01x for gpt-oss-20b: replaying a graph did not
 * cut the per-kernel time ("launching the kernels this way gains no decrease in overhead", PR
 * #11362). Vulkan runs on AMD (the Ryzen AI Max runs of local-cases.json, RADV) fit 40 us.
 */
export const LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS = 160e-6;

/**
 * Whether llama.cpp serves a device through its ROCm (HIP) backend: AMD's discrete GPUs, Instinct
 * and Radeon (ids `mi…`, `rx-…`, `radeon-…`). The Ryzen AI Max counts as Vulkan, as its published
 * runs; a custom device as CUDA.
 */
export function llamaCppRunsHip(device: { id: string }): boolean {
  return /^(mi\d|rx-|radeon-)/.test(device.id);
}

/**
 * llama.cpp's time per layer and step on a device: 160 us through ROCm, else 40.
 *
 * @example llamaCppLayerOverheadSeconds({ id: 'rx-7900-xtx' }) // 160e-6
 */
export function llamaCppLayerOverheadSeconds(device: { id: string }): number {
  return llamaCppRunsHip(device)
    ? LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS
    : DEFAULT_LOCAL_EFFICIENCY.layerOverheadSeconds;
}

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
 * compute and per-layer time the user gave, else their defaults (DEFAULT_EFFICIENCY, the
 * device's `llamaCppLayerOverheadSeconds`); what the user gave for a term itself still wins.
 *
 * @example llamaCppDefaults({ bandwidth: 0.8 }).expertBandwidth // 0.8
 */
export function llamaCppDefaults(
  given: Partial<Efficiency> = {},
  device: { id: string } = { id: 'custom' },
): LlamaCppEfficiency {
  return llamaCppEfficiency({
    bandwidth: given.bandwidth ?? DEFAULT_EFFICIENCY.bandwidth,
    compute: given.compute ?? DEFAULT_EFFICIENCY.compute,
    layerOverheadSeconds: given.layerOverheadSeconds ?? llamaCppLayerOverheadSeconds(device),
  });
}
