/**
 * Sentences the serving view shows beside its charts: how many tokens the engine's KV pool holds
 * and what speculative decoding buys. From the estimate only (serving/estimate.ts).
 */
import type { ServingEstimate } from '../serving/estimate.ts';
import { ENGINE_LABELS } from './engine-settings.ts';
import { formatInteger, formatPercent, formatRate, plural } from './format.ts';

/**
 * The KV pool in tokens, as the engine prints it ("GPU KV cache size", `max_total_num_tokens`).
 *
 * @example formatKvCapacity(serving) // 'KV cache holds 1,234,560 tokens per replica under vLLM's memory policy.'
 */
export function formatKvCapacity(serving: ServingEstimate): string {
  const engine = ENGINE_LABELS[serving.assumptions.memory.engine];
  if (serving.kvCapacityTokens <= 0)
    return `No room for a KV cache under ${engine}'s memory policy: the weights and runtime fill the device.`;
  return `KV cache holds ${formatInteger(serving.kvCapacityTokens)} tokens per replica under ${engine}'s memory policy.`;
}

/**
 * Speculative decoding's tokens per step and speed-up over plain decode; null when it is off.
 *
 * @example formatSpeculative(serving) // 'MTP, 1 draft token at 85% acceptance: 1.85 tokens per step, 1.62× plain decode (100 → 162 tokens/s).'
 */
export function formatSpeculative(serving: ServingEstimate): string | null {
  const s = serving.speculative;
  if (!s) return null;
  const method = s.method === 'mtp' ? 'MTP' : 'Draft model';
  const host = serving.assumptions.efficiency.speculativeHostSeconds;
  return (
    `${method}, ${plural(s.draftTokens, 'draft token')} at ${formatPercent(s.acceptance)} acceptance: ` +
    `${s.tokensPerStep.toFixed(2)} tokens per step, ${s.speedup.toFixed(2)}× plain decode ` +
    `(${formatRate(s.plain.tokensPerSecond)} → ${formatRate(serving.decode.tokensPerSecond)} tokens/s).` +
    (host > 0
      ? ` Each step waits ${Number((host * 1e3).toPrecision(3))} ms for the host: ${ENGINE_LABELS[serving.assumptions.memory.engine]} does not overlap its scheduler with speculative steps.`
      : '')
  );
}

/**
 * How the engine sets what the busiest device may use, in words, for the fit advice
 * (serving/runtime-memory.ts `engineMemory`).
 *
 * @example formatBudgetPolicy(serving, bytes) // 'vLLM gpu_memory_utilization 0.9 × 80 GB'
 */
export function formatBudgetPolicy(serving: ServingEstimate, bytes: (x: number) => string): string {
  const { engine, utilization: u } = serving.assumptions.memory;
  const device = bytes(serving.deviceBytes);
  switch (engine) {
    case 'vllm':
      return `vLLM gpu_memory_utilization ${u} × ${device}`;
    case 'sglang':
      return `SGLang mem_fraction_static ${u} of ${device} less its CUDA context`;
    case 'trtllm':
      return `TensorRT-LLM: weights, activations and ${u} of what they leave of ${device}`;
    case 'llamacpp':
      return `llama.cpp: ${device} less its CUDA context`;
  }
}
