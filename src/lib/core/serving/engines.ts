/**
 * Serving engines and how each sizes its KV cache: the share of device memory it takes, what it
 * keeps back for activations, the sampler, communicators and CUDA graphs, and its defaults. The
 * engines' own code, as read for docs/research/serving-13.md ("Engine memory policies"):
 *
 * - vLLM (V1, `vllm/v1/worker/gpu_worker.py` `determine_available_memory`): the instance may use
 *   `gpu_memory_utilization` x total memory; a profile run of `max_num_batched_tokens` tokens and
 *   a sampler run over `max_num_seqs` dummy requests set the activation peak; KV gets the rest:
 *   util x total - weights - activation peak - memory outside torch (communicators).
 * - SGLang (`model_runner.py` `profile_max_num_token`): a static pool of `mem_fraction_static` x
 *   the memory free before loading holds weights and KV; activations and CUDA graphs live in the
 *   rest, unprofiled. The default fraction follows `server_args.py` (`_handle_gpu_memory_settings`).
 * - TensorRT-LLM (PyTorch backend, `_torch/pyexecutor/_util.py`): KV gets
 *   `free_gpu_memory_fraction` (0.9) of what is free after the weights and a profiled
 *   `max_num_tokens` batch.
 * - llama.cpp: the KV cache of the whole context and a compute buffer for `n_ubatch` (512)
 *   tokens, allocated at start; nothing is held back beyond the driver's own.
 */
import type { ModelSpec } from '../model/types.ts';
import type { Device } from './hardware.ts';
import { sglangPiecewisePrefill } from './eager.ts';
import type { KvLayout } from './kv-cache.ts';
import { dataParallelAttention, type ParallelLayout } from './parallel.ts';

export type EngineId = 'vllm' | 'sglang' | 'trtllm' | 'llamacpp';
export const ENGINE_IDS: readonly EngineId[] = ['vllm', 'sglang', 'trtllm', 'llamacpp'];

export const ENGINE_NAMES: Record<EngineId, string> = {
  vllm: 'vLLM',
  sglang: 'SGLang',
  trtllm: 'TensorRT-LLM',
  llamacpp: 'llama.cpp',
};

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/** What an engine takes by default on a device: its memory fraction, prefill chunk and sequences. */
export interface EngineDefaults {
  /** vLLM gpu_memory_utilization, SGLang mem_fraction_static, TensorRT-LLM free_gpu_memory_fraction; 1 for llama.cpp. */
  utilization: number;
  /** vLLM max_num_batched_tokens, SGLang chunked_prefill_size, TensorRT-LLM max_num_tokens, llama.cpp n_ubatch. */
  maxBatchedTokens: number;
  /** vLLM max_num_seqs; SGLang cuda_graph_max_bs; TensorRT-LLM max_batch_size. */
  maxSequences: number;
  /** The largest decode batch a CUDA graph covers (engineGraphBatch). */
  cudaGraphMaxBatch: number;
  /** SGLang's piecewise prefill graphs (eager.ts); true for the other engines. */
  piecewisePrefill: boolean;
}

/**
 * The largest decode batch per replica an engine replays from a CUDA graph, given its
 * `maxSequences`:
 * - vLLM: `max_cudagraph_capture_size`, min(2 x max_num_seqs, 512) (`vllm/config/compilation.py`);
 *   past it the compiled model runs without graphs (`cudagraph_dispatcher.py`: CUDAGraphMode.NONE);
 * - SGLang: `cuda_graph_max_bs`, which `maxSequences` is for it;
 * - TensorRT-LLM: `cuda_graph_config.max_batch_size`, 128 when unset (`llmapi/llm_args.py`
 *   CudaGraphConfig: "a default max_batch_size of 128 is used");
 * - llama.cpp: its sequences (it issues its graph from C++; eager.ts counts no host time for it).
 */
export function engineGraphBatch(engine: EngineId, maxSequences: number): number {
  switch (engine) {
    case 'vllm':
      return Math.min(2 * maxSequences, 512);
    case 'trtllm':
      return 128;
    case 'sglang':
    case 'llamacpp':
      return maxSequences;
  }
}

/**
 * vLLM's defaults (`EngineArgs.get_batch_defaults`, OpenAI server): on a device of 70 GiB or more
 * that is not an A100, 8,192 batched tokens and 1,024 sequences; else 2,048 and 256. Utilization 0.9.
 */
function vllmDefaults(device: Device): EngineDefaults {
  const large = device.memoryBytes >= 70 * GiB && !device.id.startsWith('a100');
  return {
    utilization: 0.9,
    maxBatchedTokens: large ? 8192 : 2048,
    maxSequences: large ? 1024 : 256,
    cudaGraphMaxBatch: engineGraphBatch('vllm', large ? 1024 : 256),
    piecewisePrefill: true,
  };
}

/**
 * SGLang's `tp_size` for a layout: the devices of a data-parallel attention group, tp x dp (its
 * `--tp 8 --dp 8 --enable-dp-attention` is attention tp 1 here; `server_args.py`
 * `_handle_data_parallelism` asserts `tp_size % dp_size == 0`), else tp.
 */
function sglangTpSize(layout: Pick<ParallelLayout, 'tp' | 'dp' | 'ep'>): number {
  return dataParallelAttention(layout) ? layout.tp * layout.dp : layout.tp;
}

/**
 * SGLang's `chunked_prefill_size` and `cuda_graph_max_bs` by device memory and its `tp_size`
 * (`server_args.py`): < 20 GiB 2048 / 8; < 35 GiB 2048 / 24 (tp < 4) or 80; < 60 GiB 4096 / 32
 * or 160; < 160 GiB 8192 / 256 or 512; larger 16384 / 512.
 */
function sglangSizes(
  device: Device,
  layout: Pick<ParallelLayout, 'tp' | 'dp' | 'ep'>,
): { chunk: number; graphBatch: number } {
  const tp = sglangTpSize(layout);
  const gib = device.memoryBytes / GiB;
  if (gib < 20) return { chunk: 2048, graphBatch: 8 };
  if (gib < 35) return { chunk: 2048, graphBatch: tp < 4 ? 24 : 80 };
  if (gib < 60) return { chunk: 4096, graphBatch: tp < 4 ? 32 : 160 };
  if (gib < 160) return { chunk: 8192, graphBatch: tp < 4 ? 256 : 512 };
  return { chunk: 16384, graphBatch: 512 };
}

/**
 * SGLang's default `mem_fraction_static` (`server_args.py`, PR #10975), in MiB: 512 + 1.5 x
 * max(chunked prefill, 2048) + 2 x cuda_graph_max_bs + 1024 x tp_size x pp / 8, plus 3 x graph batch
 * x dp with DP attention (another 1.5 x above a graph batch of 300), at least 10 GiB on a device
 * over 60 GiB, plus 2 GiB with speculative decoding; fraction = (memory - reserved) / memory.
 *
 * @example sglangMemFraction(h100, { tp: 8, pp: 1, dp: 1 }, false) // 0.818
 */
export function sglangMemFraction(
  device: Device,
  layout: Pick<ParallelLayout, 'tp' | 'pp' | 'dp' | 'ep'>,
  speculative: boolean,
): number {
  const { chunk, graphBatch } = sglangSizes(device, layout);
  const memMiB = device.memoryBytes / MiB;
  let reserved =
    512 +
    Math.max(chunk, 2048) * 1.5 +
    graphBatch * 2 +
    (sglangTpSize(layout) * layout.pp * 1024) / 8;
  if (dataParallelAttention(layout)) {
    reserved += graphBatch * layout.dp * 3;
    if (graphBatch > 300) reserved += graphBatch * layout.dp * 1.5;
  }
  if (memMiB > 60 * 1024) reserved = Math.max(reserved, 10 * 1024);
  if (speculative) reserved += 2 * 1024;
  return Math.max(0.05, Math.round(((memMiB - reserved) / memMiB) * 1000) / 1000);
}

/** Each engine's defaults on a device and layout. */
export function engineDefaults(
  engine: EngineId,
  device: Device,
  layout: Pick<ParallelLayout, 'tp' | 'pp' | 'dp' | 'ep'>,
  speculative = false,
): EngineDefaults {
  switch (engine) {
    case 'vllm':
      return vllmDefaults(device);
    case 'sglang': {
      const { chunk, graphBatch } = sglangSizes(device, layout);
      return {
        utilization: sglangMemFraction(device, layout, speculative),
        maxBatchedTokens: chunk,
        maxSequences: graphBatch,
        cudaGraphMaxBatch: graphBatch,
        piecewisePrefill: sglangPiecewisePrefill(device, layout),
      };
    }
    case 'trtllm':
      // KvCacheConfig.free_gpu_memory_fraction 0.9; max_num_tokens 8192; max_batch_size 2048
      return {
        utilization: 0.9,
        maxBatchedTokens: 8192,
        maxSequences: 2048,
        cudaGraphMaxBatch: engineGraphBatch('trtllm', 2048),
        piecewisePrefill: true,
      };
    case 'llamacpp':
      // llama.cpp's n_ubatch default, 512; one sequence unless -np is given
      return {
        utilization: 1,
        maxBatchedTokens: 512,
        maxSequences: 1,
        cudaGraphMaxBatch: 1,
        piecewisePrefill: true,
      };
  }
}

/**
 * A scale-up link at least this fast per direction is a GPU fabric (NVLink, xGMI, ICI: 200 GB/s
 * and up in the catalog), over which NCCL opens many channels with buffers of their own; slower
 * is PCIe (32-64 GB/s), with a few.
 */
export const FABRIC_LINK_BYTES_PER_SECOND = 100e9;

/** AMD Instinct devices of the catalog, whose ROCm stack holds more before the weights load. */
const ROCM_INSTINCT: ReadonlySet<string> = new Set(['mi300x', 'mi325x', 'mi355x']);

/**
 * Memory outside the engine's tensors on each device: the CUDA context, cuBLAS workspaces and
 * the communicators (NCCL, custom all-reduce buffers).
 * - Over a GPU fabric, 2.5 GiB: vLLM printed "non_torch_memory takes 2.53GiB" for DeepSeek-R1 over
 *   two nodes of 8 H20 (vLLM #13074); SGLang's Qwen3-235B pool on 4 x H100 implies 2.4 GiB free
 *   less than the device's total (vLLM #21348; both in serving-13.md).
 * - Over PCIe, or one device alone, 0.5 GiB: vLLM printed "non_torch_memory takes 0.25GiB" for
 *   two RTX 4090 at tp 2 (vLLM #13061, V0); DeepSeek-V2-Lite on 4 x L4 at tp 2 pp 2 left 0.74 GiB
 *   beside its weights and KV, the forward pass's peak included (vLLM PR #20665); one device keeps
 *   about 0.5 GiB for its context. vLLM turns its custom all-reduce off on more than two PCIe-only
 *   GPUs, and NCCL opens few channels over PCIe.
 * - On AMD Instinct over xGMI, 4.5 GiB: SGLang on 8 x MI355X (TP 8, ROCm 7.2, 2026-02-26)
 *   printed "Load weight begin. avail mem=283.50 GB" of the 287.98 GiB rocm-smi reports, after
 *   "Init torch distributed ends ... mem usage=3.81 GB" (RCCL, QuickAllReduce); one MI355X alone
 *   keeps 0.7 GiB, as an H100 does (287.26 free). With DP attention SGLang's ROCm builds have held
 *   more, 9.4 GiB on 4 x MI300X and 11.1 on 8 x MI355X (docs/research/serving-13.md), which is
 *   not modelled.
 */
export function outsideBytes(
  devices: number,
  device?: Pick<Device, 'scaleUpBytesPerSecond'> & { id?: string },
): number {
  const fabric =
    device === undefined || device.scaleUpBytesPerSecond >= FABRIC_LINK_BYTES_PER_SECOND;
  if (devices <= 1 || !fabric) return 0.5 * GiB;
  return device !== undefined && ROCM_INSTINCT.has(device.id ?? '') ? 4.5 * GiB : 2.5 * GiB;
}

/**
 * vLLM's sampler profile (`_dummy_sampler_run`): FP32 logits over the vocabulary for each of up
 * to max_num_seqs requests, and the sampler's temporaries over them (probabilities and log
 * probabilities, top-k/top-p sorted values and their int64 indices, the penalties' int64 bin
 * counts and masks): 39 bytes per logit. Fitted to the two vLLM logs on one H100 where the sampler
 * dominates, both gpt-oss-120b (1,024 sequences x 201,088 tokens) with its Marlin-padded 65.97 GiB
 * of weights (expert-padding.ts): "Available KV cache memory: -2.14 GiB" at utilization 0.9 and
 * 8,192 batched tokens (vllm#23278, v0.10.1) gives 38.5 B; "1.71 GiB" at 0.95 and 1,024 tokens
 * (vllm#27508, v0.11) gives 39.4 B. The forward pass's peak is apart: only the larger one counts
 * (runtime-memory.ts).
 */
export const SAMPLER_BYTES_PER_LOGIT = 39;

/** The sampler's bytes: rows x vocabulary x bytes per logit (the logits are whole on each TP rank). */
export function samplerBytes(spec: ModelSpec, rows: number): number {
  return rows * spec.vocabSize * SAMPLER_BYTES_PER_LOGIT;
}

/**
 * How an engine fits new prompts in beside the sequences it is decoding.
 * - 'mixed': prompt chunks ride in the decode step, up to its token budget: vLLM's V1 scheduler
 *   (chunked prefill, running requests first, `v1/core/sched/scheduler.py`), TensorRT-LLM's
 *   in-flight batching ("sequences in the context phase can be processed together with
 *   sequences in the generation phase", docs, "Paged Attention, IFB, and Request Scheduling"),
 *   llama.cpp's server (one `llama_batch` of sampled and prompt tokens, `tools/server/server.cpp`
 *   `update_slots`).
 * - 'separate': a prompt runs in a forward pass of its own, before the next decode step, and
 *   every running sequence waits for it: SGLang (`scheduler.py` `get_next_batch_to_run`: "Run
 *   prefill first if possible"; `--enable-mixed-chunk` mixes them, off by default,
 *   `server_args.py`).
 */
export type PrefillScheduling = 'mixed' | 'separate';
export const PREFILL_SCHEDULINGS: readonly PrefillScheduling[] = ['mixed', 'separate'];

export function enginePrefillScheduling(engine: EngineId): PrefillScheduling {
  return engine === 'sglang' ? 'separate' : 'mixed';
}

/**
 * What an engine stores of a windowed layer's context by default. vLLM, SGLang and llama.cpp
 * keep windowed layers in a pool of their own ('hybrid'). TensorRT-LLM keeps every token of
 * every layer ('full') unless `kv_cache_config.max_attention_window` lists the windows: it is
 * None by default (llmapi KvCacheConfig), the PyTorch executor takes windows from that list only
 * (`_torch/pyexecutor/_util.py`, `is_vswa`, PR #5933), and reading them from the HF config (PR
 * #5722) was closed unmerged. Attention still reads only the window (speed.ts).
 */
export function engineKvLayout(engine: EngineId): KvLayout {
  return engine === 'trtllm' ? 'full' : 'hybrid';
}
