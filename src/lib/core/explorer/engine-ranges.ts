/**
 * The ranges of the engine, node, speculative-decoding and whole-run fields as the page offers
 * them (the fields and the share link check against them), and the benchmark run's answer
 * lengths. A module apart from engine-settings.ts: only the controls, the Serving panel and the
 * link's deployment decoder read them, all loaded on demand, so neither the page's first chunk nor
 * the element's carries them.
 */
import type { HostRange } from '../serving/host-ranges.ts';

/**
 * - `draftTokens`: tokens drafted per step, 1 to 16 (speculative.ts MAX_DRAFT_TOKENS);
 * - `acceptance`: the chance each drafted token is accepted, 0 to 1;
 * - `gpusPerNode`: devices per node, 1 to 72 (an NVL72 rack is the largest NVLink domain).
 * - `maxSequences`: sequences in one step (vLLM max_num_seqs, TensorRT-LLM max_batch_size), 1 to
 *   65,536; vLLM profiles its sampler over them (serving/engines.ts `samplerBytes`).
 * - `graphBatch`: the largest decode batch a CUDA graph covers (SGLang's cuda_graph_max_bs,
 *   TensorRT-LLM's cuda_graph_config.max_batch_size), 1 to 65,536 (serving/eager.ts).
 * - `memoryFraction`: the engine's share of device memory (vLLM gpu_memory_utilization, SGLang
 *   mem_fraction_static), 0.05 to 1, as the CLI's --gpu-memory-utilization.
 * - `batchedTokens`: tokens per forward pass (vLLM max_num_batched_tokens, SGLang
 *   chunked_prefill_size), 1 to 1,048,576, as the CLI's --max-batched-tokens.
 */
export const ENGINE_RANGES = {
  draftTokens: { label: 'Draft tokens', min: 1, max: 16, integer: true },
  acceptance: { label: 'Acceptance rate', min: 0, max: 1, integer: false },
  gpusPerNode: { label: 'GPUs per node', min: 1, max: 72, integer: true },
  maxSequences: { label: 'Sequences per step', min: 1, max: 65_536, integer: true },
  graphBatch: { label: 'CUDA graphs up to', min: 1, max: 65_536, integer: true },
  memoryFraction: { label: 'Memory fraction', min: 0.05, max: 1, integer: false },
  batchedTokens: { label: 'Tokens per pass', min: 1, max: 1_048_576, integer: true },
} as const satisfies Record<string, HostRange>;

/**
 * A serving benchmark's requests for the Serving panel's whole run (serving/workload.ts): prompt
 * and answer tokens of each, 1 to 1,048,576 (the Plan view's range); and, for a run of a set of
 * prompts (explorer/benchmark-run.ts), how many, 1 to 10,000 (a run is simulated in the browser:
 * 10,000 prompts of 1,000 answer tokens take about half a second), and the requests a second the
 * client sends them at, up to serving/finite-run.ts MAX_REQUEST_RATE; the shortest and longest
 * of its answers where they spread (explorer/benchmark-run.ts `runShape`).
 */
export const WORKLOAD_RANGES = {
  promptTokens: { label: 'Prompt tokens per request', min: 1, max: 1_048_576, integer: true },
  answerTokens: { label: 'Answer tokens per request', min: 1, max: 1_048_576, integer: true },
  runPrompts: { label: 'Prompts in the run', min: 1, max: 10_000, integer: true },
  requestRate: { label: 'Requests a second', min: 0.001, max: 1_000_000, integer: false },
  shortestAnswer: { label: 'Shortest answer', min: 1, max: 1_048_576, integer: true },
  longestAnswer: { label: 'Longest answer', min: 1, max: 1_048_576, integer: true },
} as const satisfies Record<string, HostRange>;

/**
 * How a benchmark run's answers spread about the answer tokens (explorer/benchmark-run.ts):
 * all of that length; evenly about it, from the shortest answer to as far above it; or
 * long-tailed, as a chat dataset's, from the shortest to the longest.
 */
export const ANSWER_SPREADS = ['same', 'uniform', 'exponential'] as const;
export type AnswerSpread = (typeof ANSWER_SPREADS)[number];

export const ANSWER_SPREAD_LABELS: Readonly<Record<AnswerSpread, string>> = {
  same: 'All of that length',
  uniform: 'Spread evenly about it',
  exponential: 'Long-tailed, as a chat dataset’s',
};
