/**
 * What a device keeps beside weights and KV under each engine's policy: the activation peak of a
 * forward pass, vLLM's sampler, the CUDA context and communicators (engines.ts has the sources).
 */
import { qkvWidth } from '../model/attention-spec.ts';
import type { ModelSpec } from '../model/types.ts';
import type { DeploymentInput, MemoryAssumptions } from './deployment.ts';
import { outsideBytes, samplerBytes, type EngineId } from './engines.ts';
import type { ParallelLayout } from './parallel.ts';
import { sglangV4ReservedBytes } from './sglang-v4-pools.ts';

/** What one device keeps beside weights and KV, by part (all 0 for the parts an engine keeps outside its pool). */
export interface RuntimeBytes {
  /** The activation peak of a forward pass of `maxBatchedTokens` tokens. */
  activations: number;
  /** vLLM's sampler profile over `maxSequences` rows. */
  sampler: number;
  /** CUDA context and communicators. */
  outside: number;
  /**
   * The forward pass and the sampler are profiled one after the other (vLLM), so only the larger
   * of the two counts toward the peak; false when they add up (or either is 0).
   */
  sequential: boolean;
  /** What the device keeps: outside + the larger of the two (sequential), else their sum. */
  total: number;
}

/**
 * Activation workspace per device for one forward pass of `maxBatchedTokens` tokens, in BF16:
 * the residual stream and its norm (2 x hidden), q/k/v (heads + 2 x kvHeads) x headDim / tp,
 * the FFN's gate and up (2 x widest FFN / shards), and for a MoE the fused-MoE output of every
 * token's top-k experts before they are summed (top-k x hidden: vLLM `fused_moe`
 * intermediate_cache3). Inference keeps no activations across layers; the sampler is apart
 * (engines.ts `samplerBytes`).
 */
export function activationWorkspaceBytes(
  spec: ModelSpec,
  layout: ParallelLayout,
  memory: MemoryAssumptions,
): number {
  const { maxBatchedTokens } = memory;
  const qkv = qkvWidth(spec.attention);
  const moe = spec.moe;
  const ffn = Math.max(
    spec.denseMlp?.intermediateSize ?? 0,
    moe
      ? moe.topK * moe.expert.intermediateSize +
          (moe.shared ? moe.shared.count * moe.shared.mlp.intermediateSize : 0)
      : 0,
  );
  const combine = moe ? moe.topK * spec.hiddenSize : 0;
  const perToken =
    2 * spec.hiddenSize + qkv / layout.tp + (2 * ffn) / layout.expertShards + combine;
  return Math.ceil(maxBatchedTokens * perToken * 2);
}

/**
 * The engine's runtime and budget on one device (engines.ts has each policy's source):
 * - vLLM: util x memory, of which the profile's peak (the forward pass or the sampler, whichever
 *   is larger) and communicators are kept back.
 * - SGLang: a static pool of util x (memory - context and communicators) for weights and KV;
 *   activations live outside it.
 * - TensorRT-LLM: weights, activations and communicators, then util of what is left for KV.
 * - llama.cpp: the memory less the context, of which the compute buffer of one micro-batch.
 */
export function engineMemory(
  d: DeploymentInput,
  weightsBytes: number,
): { runtime: RuntimeBytes; budgetBytes: number } {
  const { memory, device, layout, spec } = d;
  const total = device.memoryBytes;
  const outside = outsideBytes(layout.devices, device);
  const activations = activationWorkspaceBytes(spec, layout, memory);
  const parts = (a: number, s: number, o: number, sequential = false): RuntimeBytes => ({
    activations: a,
    sampler: s,
    outside: o,
    sequential,
    total: (sequential ? Math.max(a, s) : a + s) + o,
  });
  switch (memory.engine) {
    case 'sglang':
      // DeepSeek-V4's request-scoped HCA state comes off before its pools (sglang-v4-pools.ts)
      return {
        runtime: parts(0, 0, 0),
        budgetBytes: Math.floor(memory.utilization * (total - outside)) - sglangV4ReservedBytes(d),
      };
    case 'trtllm': {
      const runtime = parts(activations, 0, outside);
      const free = Math.max(0, total - weightsBytes - runtime.total);
      return {
        runtime,
        budgetBytes: Math.floor(weightsBytes + runtime.total + memory.utilization * free),
      };
    }
    case 'llamacpp':
      return {
        runtime: parts(activations, 0, 0),
        budgetBytes: Math.floor(memory.utilization * total - outside),
      };
    case 'vllm': {
      // `profile_run` (v1/worker/gpu_model_runner.py) runs the forward pass, frees its
      // intermediates and keeps only the hidden states (tokens x hidden, BF16), then runs the
      // sampler over them: the measured peak is the larger phase, not their sum.
      const rows = Math.min(memory.maxBatchedTokens, memory.maxSequences);
      const hidden = memory.maxBatchedTokens * spec.hiddenSize * 2;
      return {
        runtime: parts(activations, hidden + samplerBytes(spec, rows), outside, true),
        budgetBytes: Math.floor(total * memory.utilization),
      };
    }
  }
}

/**
 * What a device of one pipeline stage keeps: vLLM runs its sampler profile on the last stage only
 * (`GPUModelRunner.profile_run`, v1/worker/gpu_model_runner.py: `_dummy_sampler_run` under
 * `if get_pp_group().is_last_rank`), so an earlier stage keeps its forward pass's peak and the
 * memory outside torch. Every other engine keeps the same on each stage.
 */
export function stageRuntime(runtime: RuntimeBytes, engine: EngineId, last: boolean): RuntimeBytes {
  if (last || engine !== 'vllm' || !runtime.sequential) return runtime;
  return {
    activations: runtime.activations,
    sampler: 0,
    outside: runtime.outside,
    sequential: false,
    total: runtime.activations + runtime.outside,
  };
}
