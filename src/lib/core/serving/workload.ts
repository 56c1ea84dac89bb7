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
import { fitsAt, maxBatch } from './fit-limits.ts';
import { kvBound, type RunningBatch } from './running.ts';
import { dataParallelAttention } from './parallel.ts';
import { delayedPasses } from './prefill-delayer.ts';

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
  /**
   * One prompt of `inputTokens` prefilled alone on its replica: a lone request's time to first
   * token (a benchmark's at concurrency 1), the request's path to and from the engine aside.
   */
  timeToFirstTokenSeconds: number;
  /** One decode step of the batch at the mean context, seconds (all pipeline stages). */
  decodeStepSeconds: number;
  /** Under 'separate' scheduling: prefill passes per decode step; 0 under 'mixed'. */
  prefillPassesPerStep: number;
  /**
   * Where more requests are in flight than the engine runs (running.ts), each waits this long
   * for a slot before its prompt runs; 0 otherwise. A closed loop of N requests through M slots,
   * each held for S seconds (its answer at the per-user rate), by Little's law: the run
   * completes M / S requests a second, a request takes N / (M / S), of which S (N / M - 1) is
   * the wait. SGLang's GLM-5 MTP cookbook run at 100 (48 running, 500 tokens at 38.73 ms)
   * gives 19.4 x (100 / 48 - 1) = 21.0 s against its printed mean TTFT of 20.6 s.
   */
  slotWaitSeconds: number;
  /** The requests the run runs at once, and what caps them (`benchmarkRun`). */
  running: RunningBatch;
}

/**
 * The deployment as a benchmark's run holds it: where the requests in flight do not fit the KV
 * cache at the context, the engine runs those that do and queues the rest (running.ts `kvBound`),
 * as vLLM, SGLang and TensorRT-LLM admit no request their cache cannot hold. The estimate itself
 * keeps the batch asked for, and says whether it fits.
 */
export function benchmarkRun(r: ResolvedServing): ResolvedServing {
  const d = r.deployment;
  if (fitsAt(d, r.contextTokens, r.batch)) return r;
  const running = kvBound(
    r.running,
    d.memory.engine,
    maxBatch(d, r.contextTokens),
    r.contextTokens,
  );
  return running === r.running ? r : { ...r, batch: running.batch, running };
}

/**
 * Whole-run output throughput for requests of `inputTokens` in and `outputTokens` out, `batch`
 * of them in flight. Per decode step each sequence emits a token, so n = sequences / O requests
 * finish and as many prompts arrive (a closed loop: the benchmark's fixed concurrency, or an
 * engine full to its limit with a queue behind it). Per output token, T tokens/s owe
 *   mixed:    I / O prompt tokens at the prefill rate of the batch's chunk (compute beside the
 *             step), T = 1 / (1 / decode tok/s + (I / O) / prefill tok/s);
 *   separate: their share of the passes that prefill them (separatePrefill).
 *
 * @example DeepSeek-R1 FP4 on 8 x B200, 3,072 in flight, 1k in and 2k out: prefill takes about
 * a fifth of the time, so the run's output is about 0.8 x the decode rate.
 *
 * `pre`, when given, is `workloadPrefill(r, inputTokens)` at this batch, and `passOf(chunk)` is
 * `prefillPass(d, inputTokens, chunk, ...)`, computed once by a caller that scores many batches
 * (the planner): the result is the same. `inFlightAnswer` is the answer tokens a running sequence
 * holds on average: half an answer when all are alike, more when they spread
 * (answer-lengths.ts `inFlightAnswerTokens`).
 */
export function workloadThroughput(
  r: ResolvedServing,
  inputTokens: number,
  outputTokens: number,
  pre: PrefillEstimate = workloadPrefill(r, inputTokens),
  passOf: (chunk: number, ranks?: number) => StepBreakdown = (chunk, ranks) =>
    prefillPass(r.deployment, inputTokens, chunk, r.efficiency, r.routing, ranks),
  inFlightAnswer = outputTokens / 2,
): WorkloadThroughput {
  const meanDecodeContextTokens = inputTokens + inFlightAnswer;
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
    const stepTokens = decode.tokensPerSecond * decode.stepSeconds;
    const steps = outputTokens / (stepTokens / batch);
    const cost = (othersOnly: boolean) => {
      const c = separatePrefill(
        d,
        batch,
        inputTokens,
        steps,
        decode.stepSeconds,
        passOf,
        othersOnly,
      );
      // Per output token: the step with its pauses, over the tokens it still emits, less the step.
      const seconds =
        (decode.stepSeconds + c.seconds) / (stepTokens * (1 - c.pausedShare)) - decodeSeconds;
      return { seconds, passes: c.passes };
    };
    const all = cost(false);
    prefillSeconds = all.seconds;
    othersSeconds = cost(true).seconds;
    prefillPassesPerStep = all.passes;
  }
  const outputTokensPerSecond = 1 / (decodeSeconds + prefillSeconds);
  const holdSeconds = (outputTokens * batch) / outputTokensPerSecond;
  return {
    inputTokens,
    outputTokens,
    meanDecodeContextTokens,
    outputTokensPerSecond,
    outputTokensPerSecondPerUser: outputTokensPerSecond / batch,
    timePerOutputTokenSeconds: batch * (decodeSeconds + othersSeconds),
    prefillShare: prefillSeconds / (decodeSeconds + prefillSeconds),
    timeToFirstTokenSeconds: pre.timeToFirstTokenSeconds,
    decodeStepSeconds: decode.stepSeconds,
    prefillPassesPerStep,
    slotWaitSeconds: holdSeconds * (r.running.offered / batch - 1),
    running: r.running,
  };
}

/**
 * The prompt tokens one rank prefills in a pass. SGLang divides `chunked_prefill_size` over its
 * data-parallel attention ranks (`server_args.py` `_handle_data_parallelism`:
 * `chunked_prefill_size // dp_size`, "adjusted ... to avoid MoE kernel issues"), so the setting
 * is the deployment's tokens per pass; every other layout prefills the whole chunk on a rank.
 */
export function rankChunkTokens(d: Deployment): number {
  const { layout, memory } = d;
  if (memory.engine !== 'sglang' || !dataParallelAttention(layout)) return memory.maxBatchedTokens;
  return Math.max(1, Math.floor(memory.maxBatchedTokens / layout.dp));
}

/**
 * What prompts in passes of their own (SGLang) cost each decode step, for answers of
 * `outputSteps` steps (fewer than their tokens under speculative decoding). A replica's n
 * arrivals per step come as requests finish, at independent times (answers of varied length), so
 * the prompts waiting at a step boundary are Poisson with mean n: a pass runs before 1 - e^-n of
 * the steps, with n / (1 - e^-n) prompts, cut at the engine's chunk size, and reads the weights
 * and launches the kernels as any forward pass does.
 * - Replicas apart (tensor parallelism, or data parallelism with whole experts each): the pass
 *   pauses every sequence of its replica for its whole length (`seconds`).
 * - Data-parallel attention over shared experts (SGLang `--enable-dp-attention`): every rank runs
 *   its own batch in the same iteration, extend or decode, an idle one only when it has none
 *   (`prepare_mlp_sync_batch_raw`), and meets the others at the experts' all-to-all, so a
 *   rank's pass holds the iteration to its length (`seconds`: what it adds to the step when
 *   longer), while the other ranks decode; only the prefilling ranks' sequences miss a token
 *   (`pausedShare`: a rank needing x passes for each step it decodes spends x / (1 + x) of the
 *   iterations on them). The arrivals of the whole deployment count, spread over the ranks. Not
 *   counted: such an iteration runs without CUDA graphs on every rank (`is_extend_in_batch`).
 *   SGLang's prefill delayer (`prefillDelayPasses`) holds a rank's prompts until every rank has
 *   some, or for that many passes: fewer, larger passes with most ranks in each
 *   (prefill-delayer.ts).
 */
export function separatePrefill(
  d: Deployment,
  batch: number,
  inputTokens: number,
  outputSteps: number,
  stepSeconds: number,
  passOf: (chunk: number, ranks?: number) => StepBreakdown,
  /** Leave one sequence's own prompts out: the pauses that sequence sees. */
  othersOnly = false,
): { seconds: number; pausedShare: number; passes: number } {
  const { layout } = d;
  const shared = dataParallelAttention(layout);
  const sequences = (shared ? batch : sequencesPerReplica(d, batch)) - (othersOnly ? 1 : 0);
  if (sequences <= 0) return { seconds: 0, pausedShare: 0, passes: 0 };
  const arrivals = sequences / outputSteps;
  const ranks = shared ? layout.dp : 1;
  const delay = shared ? d.memory.prefillDelayPasses : null;
  if (delay !== null) {
    const p = delayedPasses(arrivals, ranks, delay, inputTokens, rankChunkTokens(d));
    const cut = passOf(p.chunk, p.ranks).seconds;
    return {
      seconds: p.passes * Math.max(0, cut - stepSeconds),
      pausedShare: p.pausedShare,
      passes: p.passes,
    };
  }
  // Per rank: the share of steps it prefills in, and the prompts of its pass.
  const rankPasses = -Math.expm1(-arrivals / ranks);
  const prompts = Math.max(inputTokens, (arrivals / ranks) * (inputTokens / rankPasses));
  const cuts = Math.ceil(prompts / rankChunkTokens(d));
  const chunk = Math.ceil(prompts / cuts);
  if (!shared) {
    const passes = rankPasses * cuts;
    return { seconds: passes * passOf(chunk).seconds, pausedShare: 0, passes };
  }
  // Each iteration a rank prefills (x passes for every step it decodes) or decodes; the
  // iteration lasts the longest rank's work, whose experts take the tokens of the ranks that
  // prefill in it: dp p / (1 - (1 - p)^dp) of them where any does (a binomial given one).
  const x = rankPasses * cuts;
  const prefilling = x / (1 + x);
  const any = 1 - (1 - prefilling) ** ranks;
  const cut = passOf(chunk, (ranks * prefilling) / any).seconds;
  return {
    seconds: any * Math.max(0, cut - stepSeconds),
    pausedShare: prefilling,
    passes: any,
  };
}

/** The prefill of `inputTokens`-token prompts at the deployment's batch, in its engine's chunks. */
export function workloadPrefill(r: ResolvedServing, inputTokens: number): PrefillEstimate {
  const { deployment: d, batch, efficiency, routing } = r;
  return prefill(d, inputTokens, batch, d.memory.maxBatchedTokens, efficiency, routing);
}
