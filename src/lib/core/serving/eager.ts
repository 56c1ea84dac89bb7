/**
 * Passes an engine runs without CUDA graphs, op by op from Python ("eager"), and the host time
 * that sets their length when the devices have little to do. The host issues such a pass's ops
 * one at a time while the devices run behind it, so the pass takes the longer of the two
 * (step.ts). Under SGLang:
 * - A decode batch replays a captured graph only up to `cuda_graph_max_bs` sequences
 *   (`model_executor/cuda_graph_runner.py` `can_run`: `cuda_graph_bs <= self.max_bs`, the
 *   largest data-parallel rank's batch under DP attention); a larger one runs eagerly.
 * - A prefill ("extend") pass runs eagerly unless piecewise CUDA graphs cover it. They are opt-in
 *   (`--enable-piecewise-cuda-graph`) up to 0.5.9 and on by default from 0.5.10
 *   (`--disable-piecewise-cuda-graph`; PR #16331 "Piecewise Cuda Graph set default"), but
 *   `server_args.py` `_handle_piecewise_cuda_graph` turns them off under DP attention, pipeline
 *   parallelism and on hardware other than CUDA, and a pass of more than
 *   `piecewise_cuda_graph_max_tokens` runs eagerly: the chunked prefill size, 2,048 for MLA.
 *
 * Under TensorRT-LLM's PyTorch backend a decode batch replays a graph up to
 * `cuda_graph_config.max_batch_size` (128 unless set; memory `cudaGraphMaxBatch`); "For the
 * non-captured batch sizes, PyTorch eager mode code will be executed" (its tech blog 3,
 * "Optimizing DeepSeek R1 Throughput on NVIDIA Blackwell GPUs", Runtime Optimizations). Its
 * iterations that carry prompt chunks run without graphs too; that has no term here.
 *
 * vLLM compiles the model and replays piecewise graphs for mixed and prefill batches
 * (assumptions.ts `launchSecondsPerLayer`); a decode batch past `max_cudagraph_capture_size` runs
 * the compiled code without graphs, whose host time no source gives: no term here. llama.cpp
 * issues its ops from C++.
 */
import type { Efficiency } from './assumptions.ts';
import type { Deployment, Stage } from './deployment.ts';
import type { EngineId } from './engines.ts';
import { stageKernels } from './kernels.ts';
import { dataParallelAttention } from './parallel.ts';

/**
 * SGLang's host time per kernel of an eager pass, 80 us, counted in the kernels a layer
 * launches under a CUDA graph (kernels.ts `deploymentKernelsPerLayer`, SGLang's fusions of the
 * release taken out): an eager layer issues several PyTorch ops for each of them. Measured as a
 * forward pass with almost no work:
 * - SGLang PR #12160 (2025-10-26): DeepSeek-V3 prefilling 1 new token, "forward cost 82.64 ms"
 *   eagerly against 23.10 with a prefill graph. Its 61 layers launch 1,147 kernels with the
 *   shared expert fused (58 x 19 + 3 x 15), 1,025 with the all-reduce fused too on SM100
 *   (58 x 17 + 3 x 13; the PR names no GPU): 72 or 81 us each.
 * - SGLang's cookbook on 8 x B200 (SGLang 0.5.6), mean time to first token at one request,
 *   less 10 ms for the rest of the request's path: DeepSeek-R1 FP8, 610 tokens, 153.0 ms over
 *   1,025 kernels: 139 us; Qwen3-235B-A22B, 99.03 ms over 1,316 (its all-reduce fused from
 *   0.5.7): 68 us; gpt-oss-120b, 332 tokens, 33.71 ms over 396: 60 us; Qwen3-Next-80B-A3B, 338
 *   tokens, 127.88 ms over 852: 138 us. The device's own work in these passes is under 20 ms.
 * 80 us lies between: a layer's eager ops depend on its kernels (MLA's prefill path and Gated
 * DeltaNet run more of them per kernel than GQA), so any one model may be up to 1.8x either side.
 * TensorRT-LLM's PyTorch backend issues its ops from Python alike, and takes the same: its tech
 * blog 3 credits CUDA graphs with "a significant 22% E2E performance impact" on DeepSeek-R1's
 * max-throughput run on 8 x B200, whose steps take 84 ms as measured (384 sequences a rank at
 * 4,548 output tokens/s a GPU, tests/fixtures/more-serving-cases.json
 * `trtllm-r1-8xb200-maxtput-bf16kv`): 1.22 x 84 ms is 103 ms of host time over DeepSeek-V3's 1,321
 * kernels, 78 us each. `--eager-us` sets it.
 */
export const SGLANG_EAGER_KERNEL_SECONDS = 80e-6;

/** SGLang's first release with piecewise prefill graphs on by default. */
export const SGLANG_PIECEWISE_PREFILL_RELEASE = { major: 0, minor: 5, patch: 10 };

/** Prefill tokens SGLang's piecewise graphs cover for an MLA model (`piecewise_cuda_graph_max_tokens`). */
export const SGLANG_MLA_PIECEWISE_TOKENS = 2048;

/**
 * Whether SGLang may cover prefill with piecewise graphs on a device and layout (in a release
 * that turns them on): not under DP attention (data-parallel ranks with the experts across
 * them), pipeline parallelism, or on AMD's and Google's devices.
 */
export function sglangPiecewisePrefill(
  device: { id: string },
  layout: { tp: number; pp: number; dp: number; ep: number },
): boolean {
  return !dataParallelAttention(layout) && layout.pp === 1 && !/^(mi\d|tpu)/.test(device.id);
}

/**
 * Whether a prefill pass of `chunk` tokens on each replica runs eagerly: under SGLang, where
 * piecewise graphs are off (`memory.piecewisePrefill`) or the pass is longer than they cover.
 */
export function prefillRunsEager(d: Deployment, chunk: number): boolean {
  const { memory } = d;
  if (memory.engine !== 'sglang') return false;
  const covered =
    d.spec.attention.kind === 'mla' ? SGLANG_MLA_PIECEWISE_TOKENS : memory.maxBatchedTokens;
  return !memory.piecewisePrefill || chunk > covered;
}

/** An engine's host time per kernel of an eager pass: SGLang's, TensorRT-LLM's alike, else 0. */
export function engineEagerKernelSeconds(engine: EngineId): number {
  return engine === 'sglang' || engine === 'trtllm' ? SGLANG_EAGER_KERNEL_SECONDS : 0;
}

/**
 * Whether a decode step of `sequences` per replica (per data-parallel rank, per pipeline
 * micro-batch) runs without CUDA graphs: past the engine's graph batch (the memory assumptions'
 * `cudaGraphMaxBatch`). What that costs is the engine's `eagerKernelSeconds`.
 */
export function decodeRunsEager(d: Deployment, sequences: number): boolean {
  return sequences > d.memory.cudaGraphMaxBatch;
}

/**
 * The host's time to issue an eager pass of `tokens` per replica over a stage's layers: its
 * kernels (kernels.ts `stageKernels`) at `eagerKernelSeconds`.
 */
export function stageEagerSeconds(
  d: Deployment,
  stage: Stage,
  eff: Efficiency,
  tokens: number,
): number {
  return stageKernels(d, stage, tokens) * eff.eagerKernelSeconds;
}

/**
 * The host's time to launch a stage's pass: one launch time per layer (assumptions.ts
 * `launchSecondsPerLayer`, piecewise graphs), or, for an eager pass, its kernels one by one.
 */
export function stageLaunchSeconds(
  d: Deployment,
  stage: Stage,
  eff: Efficiency,
  eager: boolean,
  tokens: number,
): number {
  let layers = 0;
  for (const group of stage.groups) layers += group.count;
  const launch = layers * eff.launchSecondsPerLayer;
  return eager ? Math.max(launch, stageEagerSeconds(d, stage, eff, tokens)) : launch;
}
