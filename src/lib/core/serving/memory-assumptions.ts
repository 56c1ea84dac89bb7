/**
 * The memory assumptions of a deployment: the engine whose policy sizes the KV cache and the
 * settings it reads (engines.ts `engineDefaults` gives each engine's on a device).
 */
import type { EngineId } from './engines.ts';
import type { SglangFusionEra } from './sglang-fusions.ts';

/**
 * Memory assumptions, each shown to the user and adjustable; the defaults are the engine's own
 * on the device (engines.ts `engineDefaults`), these are vLLM's on an 80 GB device.
 * - `engine`: whose memory policy sizes the KV cache (engines.ts).
 * - `utilization`: the engine's memory fraction: vLLM `gpu_memory_utilization` (of the device),
 *   SGLang `mem_fraction_static` (of the memory free before loading), TensorRT-LLM
 *   `free_gpu_memory_fraction` (of the memory free after weights and activations).
 * - `maxBatchedTokens`: tokens in one forward pass (chunked prefill); sizes the activation
 *   workspace. vLLM's `max_num_batched_tokens`.
 * - `maxSequences`: sequences sampled in one step, each with a row of sampler memory (vLLM
 *   `max_num_seqs`); vLLM and TensorRT-LLM run no more at once (running.ts).
 * - `maxRunningRequests`: SGLang's `--max-running-requests` over the deployment; null for its
 *   default (48 under speculative decoding, else its KV pool's; running.ts).
 * - `kvBlockTokens`: the KV cache is paged in blocks of this many tokens (vLLM `block_size`, 16).
 * - `cudaGraphMaxBatch`: the largest decode batch per replica replayed from a CUDA graph; a larger
 *   one runs eagerly (eager.ts): SGLang's `cuda_graph_max_bs` (its `maxSequences`), TensorRT-LLM's
 *   `cuda_graph_config.max_batch_size` (128), vLLM's `max_cudagraph_capture_size`.
 * - `piecewisePrefill`: SGLang replays piecewise CUDA graphs for prefill passes rather than
 *   running them eagerly (eager.ts); its default from 0.5.10 where it allows them. Other engines'
 *   prefill is not eager: true.
 * - `swaFullTokensRatio`: SGLang's `--swa-full-tokens-ratio`, the window rows its DeepSeek-V4
 *   pools keep per full token (sglang-v4-pools.ts), 0.1 for V4 (`apply_deepseek_v4_defaults`).
 * - `hcaStatePerRequest`: whether SGLang keeps DeepSeek-V4's compress-by-128 layers' states per
 *   running request (a block set aside first) rather than per window token: from 0.5.15
 *   (engine-releases.ts).
 * - `prefillDelayPasses`: SGLang's `--enable-prefill-delayer` under DP attention, with its
 *   `--prefill-delayer-max-delay-passes` (30 by default): how long a rank's prompts may wait for
 *   the other ranks' (prefill-delayer.ts); null when off, its default.
 */
export interface MemoryAssumptions {
  engine: EngineId;
  utilization: number;
  maxBatchedTokens: number;
  maxSequences: number;
  maxRunningRequests: number | null;
  kvBlockTokens: number;
  cudaGraphMaxBatch: number;
  piecewisePrefill: boolean;
  swaFullTokensRatio: number;
  hcaStatePerRequest: boolean;
  prefillDelayPasses: number | null;
  /** Which kernel fusions SGLang's release has on by default (sglang-fusions.ts); absent: the newest's. */
  sglangFusions?: SglangFusionEra;
}

export const DEFAULT_MEMORY: MemoryAssumptions = {
  engine: 'vllm',
  utilization: 0.9,
  maxBatchedTokens: 8192,
  maxSequences: 1024,
  maxRunningRequests: null,
  kvBlockTokens: 16,
  cudaGraphMaxBatch: 512,
  piecewisePrefill: true,
  swaFullTokensRatio: 0.1,
  hcaStatePerRequest: true,
  prefillDelayPasses: null,
};
