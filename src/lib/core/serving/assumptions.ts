/**
 * The speed model's assumptions, explicit and adjustable, each with the evidence for its
 * default. Memory assumptions live with the placement they size (deployment.ts). The two
 * kernel constants below are used by kernels.ts, but live here: the defaults are part of the
 * page's and the element's first chunk, and the kernel counts need not be.
 */

/**
 * The fixed time of one kernel, 5 us: a kernel launch costs about 4-6 us ("This process takes
 * about 4-6 us", pegainfer's measurement on an RTX 5070 Ti, susun-blog.com/blog/pegainfer-3-cuda-graph;
 * "~5 us of CPU work on an A100", learnaivisually.com CUDA Graphs for LLM Decode). Fitted too: it
 * puts the batch-1 decodes of tests/fixtures (DeepSeek-V3 on 8 x B200 and 2 x 8 H100, Qwen3-30B-A3B
 * on an H20) inside x1.5, where one 50 us per layer left DeepSeek-V3 1.8-1.9x too fast; the 2 x 8
 * H100 run came out at 1.52x once SGLang's fused shared expert was counted (sglang-fusions.ts).
 */
export const KERNEL_SECONDS = 5e-6;

/**
 * The share of the routed experts' bandwidth (Efficiency `expertBandwidth`) that INT4
 * weight-only (W4A16) grouped GEMMs reach, 0.28, where the engines run them through Marlin or
 * Triton kernels that unpack and dequantize each weight to BF16 before the multiply. vLLM issue
 * #32832 (2026-01-22, H200, TP 8, 16 concurrent requests, one decode step in nsys): the two MoE
 * GEMMs of a layer take "about 109us" for DeepSeek-V3.1 (block FP8, 256 experts, top-8) and
 * 234 us for Kimi K2 (W4A16, group 32, 384 experts, top-8), of the same expert shape (7,168 x
 * 2,048). At 16 tokens a layer touches 101.6 and 110.3 distinct experts (routing.ts), so Kimi K2
 * reads 110.3 x 4.5 / (101.6 x 8) = 0.61 of DeepSeek's bytes in 2.15 times the time: 0.28 of its
 * bandwidth. Compute-bound passes are not slowed: at a large batch the kernels dequantize once per
 * tile and multiply at the BF16 rate (weight-formats.ts `int4`).
 */
export const W4A16_MOE_BANDWIDTH_SHARE = 0.28;

/**
 * Efficiency factors. The defaults put every published measurement in tests/fixtures
 * (serving-cases.json, more-serving-cases.json) inside its band; see README, VALIDATION.
 * - `bandwidth`: achieved / peak memory bandwidth, 0.7. The best decode kernels reach 0.8-0.9
 *   (FlashMLA: 3000 of 3350 GB/s on H800; STREAM on MI300X: 4.1 of 5.3 TB/s); whole decode steps,
 *   with small grouped GEMMs and gathers, reach less.
 * - `expertBandwidth`: the same for the routed experts' grouped GEMMs, 0.5. They gather scattered
 *   tokens into many small matmuls: SGLang's fused-MoE grouped GEMM in FP8 reaches 2,180 to 2,480
 *   of H200's 4,800 GB/s at 256 to 4,096 tokens (0.45-0.52), CUTLASS's rowwise FP8 2,230 to 3,040
 *   (sgl-project/sglang benchmark/fbgemm/README.md, Qwen2-57B-A14B TP4 on H200).
 * - `compute`: achieved / peak dense FLOP/s, 0.45. DeepGEMM's FP8 grouped GEMMs reach ~0.7 of
 *   H800 peak at large M; the tens of tokens per expert of a decode step reach far less.
 * - `attentionCompute`: achieved / peak BF16 FLOP/s of the attention kernels, 0.67: FlashMLA
 *   reaches "660 TFLOPS in computation-bound configuration on H800 SXM5" of 989.5
 *   (deepseek-ai/FlashMLA README), FlashAttention-3 740 TFLOP/s, 75% of H100 peak (Shah et al.
 *   2024, section 4.1). Fused attention kernels run far closer to peak than small grouped GEMMs.
 * - `overlap`: share of communication hidden behind compute, 0. SGLang's and DeepSeek's
 *   two-batch overlap hide part of it, but halve the batch each kernel sees.
 * - `kernelSeconds`: the fixed time of each kernel a layer launches, 5 us (KERNEL_SECONDS
 *   above): a layer costs its kernel count times this per step, so MLA and shared-expert
 *   layers (22 kernels in DeepSeek-V3) cost more than GQA ones (13 in gpt-oss). It dominates at
 *   batch 1: Qwen3-30B-A3B on one H20 decodes at 137 tokens/s where bandwidth alone would allow ~500.
 * - `layerOverheadSeconds`: when set, one fixed time per layer instead of the kernel count.
 * - `blockScaledGemmSeconds`: the fixed time each GEMM over block-scaled weights (FP8 with block
 *   scales, MXFP4) adds, a software factor of the device's stack: 0, but 27 us on AMD CDNA3
 *   (kernels.ts CDNA3_BLOCK_SCALED_GEMM_SECONDS), which resolveServing fills in by device.
 * - `int4ExpertBandwidth`: the share of `expertBandwidth` that routed experts stored as INT4
 *   weight-only (W4A16) reach: 0.28, as the engines' Marlin and Triton kernels dequantize them on
 *   the way (W4A16_MOE_BANDWIDTH_SHARE above), but 1 on Blackwell, whose TensorRT-LLM
 *   kernels keep it; resolveServing fills it in by device.
 * - `launchSecondsPerLayer`: host time to launch one layer's work, 0. The devices cannot run
 *   ahead of the host, so a step takes the longer of its device time and its layers' launch time
 *   (stageStep). With full CUDA graphs (vLLM's FULL_AND_PIECEWISE, its default since v0.11;
 *   SGLang's and TensorRT-LLM's decode graphs) a step is one replay: 0. Under piecewise graphs
 *   (vLLM's default before v0.11) each attention layer runs eagerly between captured pieces:
 *   PIECEWISE_LAUNCH_SECONDS.
 * - `eagerKernelSeconds`: host time per kernel of a pass run without CUDA graphs, 0; SGLang's
 *   prefill passes and the decode batches of SGLang and TensorRT-LLM past their CUDA-graph batch
 *   run so (eager.ts), and resolveServing fills in SGLANG_EAGER_KERNEL_SECONDS for both.
 * - `schedulingSecondsPerSequence`: host time per running sequence per decode step that the
 *   devices wait for, 0. Engines that schedule step n + 1 while step n runs hide it: vLLM since
 *   v0.14 (async scheduling on by default, PR #27614), SGLang's overlap scheduler, TensorRT-LLM's.
 *   vLLM's synchronous scheduler, the default before v0.14, does not: SYNC_SCHEDULING_SECONDS.
 * - `computeShare`: the share of the device's listed BF16 and FP8 peaks its matrix units sustain
 *   beside the NVIDIA parts these efficiencies were fitted on: 1, but AMD's own measure on
 *   MI300X (0.72 and 0.62) and MI325X (0.86 and 0.74) (sustained-compute.ts), which
 *   resolveServing fills in by device.
 * - `bandwidthShare`: the share of the device's listed memory bandwidth it sustains beside the
 *   H100 these efficiencies were fitted on: 1, but BabelStream's measure under one method on
 *   H200 (0.975), A100 80GB (0.940) and MI300X (0.870) (sustained-bandwidth.ts), which
 *   resolveServing fills in by device.
 * - `speculativeHostSeconds`: host time per verification step that the devices wait for under
 *   speculative decoding, 0. SGLang turns its overlap scheduler off for EAGLE and MTP unless
 *   SGLANG_ENABLE_SPEC_V2 is set: SGLANG_SPEC_HOST_SECONDS, which resolveServing fills in for SGLang.
 */
export interface Efficiency {
  bandwidth: number;
  expertBandwidth: number;
  compute: number;
  attentionCompute: number;
  overlap: number;
  kernelSeconds: number;
  layerOverheadSeconds?: number;
  blockScaledGemmSeconds: number;
  int4ExpertBandwidth: number;
  launchSecondsPerLayer: number;
  eagerKernelSeconds: number;
  schedulingSecondsPerSequence: number;
  computeShare: { bf16: number; fp8: number };
  bandwidthShare: number;
  speculativeHostSeconds: number;
}

export const DEFAULT_EFFICIENCY: Efficiency = {
  bandwidth: 0.7,
  expertBandwidth: 0.5,
  compute: 0.45,
  attentionCompute: 0.67,
  overlap: 0,
  kernelSeconds: KERNEL_SECONDS,
  blockScaledGemmSeconds: 0,
  int4ExpertBandwidth: W4A16_MOE_BANDWIDTH_SHARE,
  launchSecondsPerLayer: 0,
  eagerKernelSeconds: 0,
  schedulingSecondsPerSequence: 0,
  computeShare: { bf16: 1, fp8: 1 },
  bandwidthShare: 1,
  speculativeHostSeconds: 0,
};

/**
 * vLLM's piecewise CUDA graphs (`-O.cudagraph_mode=PIECEWISE`; the default before v0.11, whose
 * release notes "turn on FULL_AND_PIECEWISE as the CUDA graph mode default"): 384 us of host time
 * per layer, in which the host launches the layer's captured piece and runs its attention eagerly.
 * Measured in vLLM PR #25444 (2025-09-23, one H100): Qwen3-Coder-30B-A3B-Instruct-FP8 (48 layers),
 * 10 requests of 1,024 tokens in and 128 out, 4.07 requests/s piecewise against 5.98 with full
 * graphs. The explorer gives 5.79 with full graphs (0.97x; Qwen3-30B-A3B, the same shapes); 4.07
 * takes 2.457 s, of which prefill takes 0.07 s, so 18.6 ms per decode step: 0.21 ms of scheduling
 * (10 x SYNC_SCHEDULING_SECONDS) and 18.4 ms of launch over 48 layers.
 * - The host bound is a maximum, not an addition: at batch 1 on B200 (vLLM v0.23, issue #47089)
 *   Qwen3-0.6B's piecewise step is 3.64 ms against 1.53 with full graphs (launch-bound, 130 us a
 *   layer on that newer engine), while Qwen3-235B-A22B-FP8's 94 layers take 13.37 against 12.70
 *   (the device's work hides the launches).
 * - One run measures it: a fine-grained MoE's layers, in vLLM of September 2025. A dense model's
 *   layers, or a newer engine, launch faster (at most 130 us a layer in v0.23 on B200, above):
 *   `--launch-us` sets it.
 */
export const PIECEWISE_LAUNCH_SECONDS = 384e-6;

/**
 * vLLM's synchronous scheduler (`--no-async-scheduling`; the default before v0.14): 21 us of host
 * work per running sequence per decode step (scheduling, input preparation, output processing)
 * in which the GPU waits. Measured as the inter-token latency that `--async-scheduling` removes
 * in GPUStack's performance labs (vLLM v0.11.0, ShareGPT, 1,000 prompts), over the mean running
 * batch (output throughput x mean ITL, Little's law):
 * - gpt-oss-20b, 1 x A100: mean ITL 41.95 -> 36.85 ms at 4,620 x 0.04195 = 194 sequences: 26 us;
 * - gpt-oss-120b, 1 x A100: 86.67 -> 82.31 ms at 2,276 x 0.08667 = 197 sequences: 22 us;
 * - gpt-oss-20b, 1 x H100: 44.98 -> 38.92 ms at 7,817 x 0.04498 = 352 sequences: 17 us.
 * vLLM issue #10634 (V1, batch 256): "the gap between the two decodes ... about 5-6ms", 20-23 us.
 * No batch-independent part is measured (vLLM and SGLang differ by 0.3 ms of ITL at concurrency
 * 4 in GPUStack's Qwen3-8B latency lab, within their kernels' differences), so none is modelled.
 */
export const SYNC_SCHEDULING_SECONDS = 21e-6;

/**
 * SGLang's host time per speculative step, 1.1 ms, which the devices wait for: with EAGLE or MTP
 * drafts SGLang disables its overlap scheduler ("Overlap scheduler is disabled because of using
 * eagle speculative decoding", `server_args.py` `_handle_speculative_decoding`) unless the beta
 * SGLANG_ENABLE_SPEC_V2 is set, not yet its default in the 2026 Q2 roadmap (issue #23005). Measured
 * as what turning the overlap on saves, in SGLang PR #11398 ('Beta spec-overlap for EAGLE',
 * 2025-10-09): Llama-3.1-8B with EAGLE, 5 steps, one request, 246.80 tok/s at an accept length of
 * 2.99 (12.12 ms a step) without the overlap, 273.43 at 3.01 (11.01 ms) with it: 1.11 ms a step.
 * One small model at batch 1 measures it; no batch-dependent part is measured. `--spec-host-us`
 * sets it (0 for a run with SGLANG_ENABLE_SPEC_V2=1).
 */
export const SGLANG_SPEC_HOST_SECONDS = 1.1e-3;

/**
 * Routing assumptions: Zipf `skew` of expert popularity (0 = uniform), the capacity factor for
 * the drop estimate, and the element bytes of the all-to-all: FP8 dispatch, BF16 combine
 * (DeepSeek-V3 report, section 3.3).
 */
export interface RoutingAssumptions {
  skew: number;
  capacityFactor: number;
  dispatchBytes: number;
  combineBytes: number;
}

export const DEFAULT_ROUTING: RoutingAssumptions = {
  skew: 0,
  capacityFactor: 1.25,
  dispatchBytes: 1,
  combineBytes: 2,
};
