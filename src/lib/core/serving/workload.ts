/**
 * Output throughput over a whole serving run, prefill included: what benchmarks report as
 * "output throughput" (vLLM `benchmark_serving.py`, SGLang `bench_serving`, `trtllm-bench
 * throughput`, InferenceMAX) when every request brings a prompt of I tokens and takes O tokens
 * back, `batch` of them in flight, each finished request replaced by a new one. The same devices
 * prefill the prompts and decode the answers, and each second is shared between the two
 * (Agrawal et al., "Taming Throughput-Latency Tradeoff in LLM Inference with Sarathi-Serve",
 * OSDI 2024, section 2). How it is shared is the engine's scheduler's (`prefillScheduling`).
 */
import type { ResolvedServing } from './resolve.ts';
import type { StepBreakdown } from './step.ts';
import { decodeAt } from './estimate.ts';
import { sequencesPerReplica, type Deployment } from './deployment.ts';
import { prefill, prefillPass, type PrefillEstimate } from './speed.ts';

export interface WorkloadThroughput {
  inputTokens: number;
  outputTokens: number;
  /** Mean context of a decode step: the prompt and half the answer. */
  meanDecodeContextTokens: number;
  /** Output tokens/s of the whole deployment over the run. */
  outputTokensPerSecond: number;
  /** Output tokens/s each of the batch's sequences sees over the run, its own prefill included. */
  outputTokensPerSecondPerUser: number;
  /**
   * The mean time between a sequence's tokens after its first: the decode step and the pauses
   * the other sequences' prompts make (bench_serving's TPOT, "excl. 1st token"). At batch 1, one
   * decode step per token.
   */
  timePerOutputTokenSeconds: number;
  /** The share of device time spent on prefill. */
  prefillShare: number;
  /** One decode step of the batch at the mean context, seconds (all pipeline stages). */
  decodeStepSeconds: number;
  /** Under 'separate' scheduling: prefill passes per decode step; 0 under 'mixed'. */
  prefillPassesPerStep: number;
}

/**
 * Whole-run output throughput for requests of `inputTokens` in and `outputTokens` out, `batch`
 * of them in flight. Per decode step each sequence emits a token, so n = sequences / O requests
 * finish and as many prompts arrive (a closed loop: the benchmark's fixed concurrency, or an
 * engine full to its limit with a queue behind it). Per output token, T tokens/s owe
 *   mixed:    I / O prompt tokens at the prefill rate of the batch's chunk (compute beside the
 *             step), T = 1 / (1 / decode tok/s + (I / O) / prefill tok/s);
 *   separate: their share of the passes that prefill them (separatePrefillSeconds).
 *
 * @example DeepSeek-R1 FP4 on 8 x B200, 3,072 in flight, 1k in and 2k out: prefill takes about
 * a fifth of the time, so the run's output is about 0.8 x the decode rate.
 *
 * `pre`, when given, is `workloadPrefill(r, inputTokens)` at this batch, and `passOf(chunk)` is
 * `prefillPass(d, inputTokens, chunk, ...)`, computed once by a caller that scores many batches
 * (the planner): the result is the same.
 */
export function workloadThroughput(
  r: ResolvedServing,
  inputTokens: number,
  outputTokens: number,
  pre: PrefillEstimate = workloadPrefill(r, inputTokens),
  passOf: (chunk: number) => StepBreakdown = (chunk) =>
    prefillPass(r.deployment, inputTokens, chunk, r.efficiency, r.routing),
): WorkloadThroughput {
  const meanDecodeContextTokens = inputTokens + outputTokens / 2;
  const { decode } = decodeAt({ ...r, contextTokens: meanDecodeContextTokens }, r.batch);
  const { batch, deployment: d } = r;
  // Per output token of the deployment: the decode step's share.
  const decodeSeconds = 1 / decode.tokensPerSecond;
  // Per output token: the prefill owed to every arriving prompt, and to the other sequences'
  // prompts alone (what pauses a sequence between its own tokens).
  let prefillSeconds = inputTokens / outputTokens / pre.tokensPerSecond;
  let othersSeconds = (prefillSeconds * (batch - 1)) / batch;
  let prefillPassesPerStep = 0;
  if (r.prefillScheduling === 'separate') {
    const tokensPerSequence = (decode.tokensPerSecond * decode.stepSeconds) / batch;
    const steps = outputTokens / tokensPerSequence;
    const all = separatePrefillSeconds(d, batch, inputTokens, steps, passOf);
    const others = separatePrefillSeconds(d, batch, inputTokens, steps, passOf, true);
    prefillSeconds = all.seconds / (batch * tokensPerSequence);
    othersSeconds = others.seconds / (batch * tokensPerSequence);
    prefillPassesPerStep = all.passes;
  }
  const outputTokensPerSecond = 1 / (decodeSeconds + prefillSeconds);
  return {
    inputTokens,
    outputTokens,
    meanDecodeContextTokens,
    outputTokensPerSecond,
    outputTokensPerSecondPerUser: outputTokensPerSecond / batch,
    timePerOutputTokenSeconds: batch * (decodeSeconds + othersSeconds),
    prefillShare: prefillSeconds / (decodeSeconds + prefillSeconds),
    decodeStepSeconds: decode.stepSeconds,
    prefillPassesPerStep,
  };
}

/**
 * Prefill time per decode step when prompts run in passes of their own (SGLang), for answers of
 * `outputSteps` decode steps (fewer than their tokens under speculative decoding). A replica's n
 * arrivals per step come as requests finish, at independent times (answers of varied length), so
 * the prompts waiting at a step boundary are Poisson with mean n: a pass runs before 1 - e^-n of
 * the steps, with n / (1 - e^-n) prompts, cut at the engine's chunk size. Each pass pauses every
 * sequence for its whole length, weights read and kernels launched as for any forward pass.
 * When the experts are split across replicas (expert parallelism over data-parallel attention),
 * every replica meets at the experts, so one replica's pass holds them all: the arrivals of the
 * whole deployment count.
 */
export function separatePrefillSeconds(
  d: Deployment,
  batch: number,
  inputTokens: number,
  outputSteps: number,
  passOf: (chunk: number) => StepBreakdown,
  /** Leave one sequence's own prompts out: the pauses that sequence sees. */
  othersOnly = false,
): { seconds: number; passes: number } {
  const { layout } = d;
  const shared = layout.dp > 1 && layout.expertShards > layout.tp;
  const sequences = (shared ? batch : sequencesPerReplica(d, batch)) - (othersOnly ? 1 : 0);
  if (sequences <= 0) return { seconds: 0, passes: 0 };
  const arrivals = sequences / outputSteps;
  const stepsWithPass = -Math.expm1(-arrivals);
  // Prompts of one pass, spread over the replicas when the replicas share it.
  const perReplica = Math.max(
    inputTokens,
    (arrivals * inputTokens) / stepsWithPass / (shared ? layout.dp : 1),
  );
  const cuts = Math.ceil(perReplica / d.memory.maxBatchedTokens);
  const pass = passOf(Math.ceil(perReplica / cuts));
  const passes = stepsWithPass * cuts;
  return { seconds: passes * pass.seconds, passes };
}

/** The prefill of `inputTokens`-token prompts at the deployment's batch, in its engine's chunks. */
export function workloadPrefill(r: ResolvedServing, inputTokens: number): PrefillEstimate {
  const { deployment: d, batch, efficiency, routing } = r;
  return prefill(d, inputTokens, batch, d.memory.maxBatchedTokens, efficiency, routing);
}
