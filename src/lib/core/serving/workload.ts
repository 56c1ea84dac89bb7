/**
 * Output throughput over a whole serving run, prefill included: what benchmarks report as
 * "output throughput" (vLLM `benchmark_serving.py`, `trtllm-bench throughput`, InferenceMAX) when
 * every request brings a prompt of I tokens and takes O tokens back. The same devices prefill the
 * prompts and decode the answers, in turns or mixed into one step by chunked prefill; either way
 * each second is shared between the two (Agrawal et al., "Taming Throughput-Latency Tradeoff in
 * LLM Inference with Sarathi-Serve", OSDI 2024, section 2).
 */
import type { ResolvedServing } from './resolve.ts';
import { decodeAt } from './estimate.ts';
import { prefill, type PrefillEstimate } from './speed.ts';

export interface WorkloadThroughput {
  inputTokens: number;
  outputTokens: number;
  /** Mean context of a decode step: the prompt and half the answer. */
  meanDecodeContextTokens: number;
  /** Output tokens/s of the whole deployment over the run. */
  outputTokensPerSecond: number;
  /** Output tokens/s each of the batch's sequences sees, prefill pauses included. */
  outputTokensPerSecondPerUser: number;
  /** The share of device time spent on prefill. */
  prefillShare: number;
  /** One decode step of the batch at the mean context, seconds (all pipeline stages). */
  decodeStepSeconds: number;
}

/**
 * Whole-run output throughput for requests of `inputTokens` in and `outputTokens` out, `batch`
 * of them in flight. Per second, decode emits T tokens and prefill must take T x I / O prompt
 * tokens, so
 *   T = 1 / (1 / decode tok/s + (I / O) / prefill tok/s)
 * with decode at the mean context I + O / 2 and prefill of I-token prompts.
 *
 * @example DeepSeek-R1 FP4 on 8 x B200, 3,072 in flight, 1k in and 2k out: prefill takes about
 * a fifth of the time, so the run's output is about 0.8 x the decode rate.
 *
 * `pre`, when given, is `workloadPrefill(r, inputTokens)` at this batch, computed once by a caller
 * that scores many batches (the planner): the result is the same.
 */
export function workloadThroughput(
  r: ResolvedServing,
  inputTokens: number,
  outputTokens: number,
  pre: PrefillEstimate = workloadPrefill(r, inputTokens),
): WorkloadThroughput {
  const meanDecodeContextTokens = inputTokens + outputTokens / 2;
  const { decode } = decodeAt({ ...r, contextTokens: meanDecodeContextTokens }, r.batch);
  const batch = r.batch;
  const decodeSeconds = 1 / decode.tokensPerSecond;
  const prefillSeconds = inputTokens / outputTokens / pre.tokensPerSecond;
  const outputTokensPerSecond = 1 / (decodeSeconds + prefillSeconds);
  return {
    inputTokens,
    outputTokens,
    meanDecodeContextTokens,
    outputTokensPerSecond,
    outputTokensPerSecondPerUser: outputTokensPerSecond / batch,
    prefillShare: prefillSeconds / (decodeSeconds + prefillSeconds),
    decodeStepSeconds: decode.stepSeconds,
  };
}

/** The prefill of `inputTokens`-token prompts at the deployment's batch, in its engine's chunks. */
export function workloadPrefill(r: ResolvedServing, inputTokens: number): PrefillEstimate {
  const { deployment: d, batch, efficiency, routing } = r;
  return prefill(d, inputTokens, batch, d.memory.maxBatchedTokens, efficiency, routing);
}
