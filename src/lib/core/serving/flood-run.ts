/**
 * A benchmark's run whose prompts all arrive at once, on an engine that mixes prompt chunks into
 * its decode steps (vLLM; TensorRT-LLM where they all fit its running batch): `vllm bench serve
 * --num-prompts 1000` without a concurrency cap or a request rate. vLLM's scheduler gives each
 * step a budget of `max_num_batched_tokens`, spends it first on one token for every running
 * sequence and then on the waiting prompts' chunks, in order (`vllm/v1/core/sched/scheduler.py`
 * `schedule`: the running requests, then the waiting ones, each against `token_budget`). So the
 * run starts with a prefill storm: every step carries a full budget of prompt tokens beside the
 * decodes of the prompts already in, and a prompt's first token comes when its last chunk has
 * run. The steady state (workload.ts) spreads the prompts' prefill over the whole run instead,
 * which gives each request a time per output token far below what the benchmark prints: most
 * requests decode through the storm (vLLM's 1,000 ShareGPT prompts on 2 x H100: mean TPOT 86.5
 * ms, median 51.6; tests/fixtures/issue13-pending-cases.json `b31-gpustack-*`).
 *
 * Simulated step by step: a step of b sequences and p prompt tokens lasts the decode step of b
 * (estimate.ts `decodeAt`) plus p tokens at the prefill rate of the engine's chunk (speed.ts
 * `prefillPass`, every data-parallel replica at once), the two added as in the steady state's
 * mixed prefill (workload.ts). The benchmark's TPOT of a request is (its end - its first token) /
 * (its tokens - 1); its latency, from the start, counts toward the printed concurrency.
 *
 * vLLM's runs go through its scheduler step by step whether or not they are floods, at the
 * client's concurrency: a run of `--max-concurrency 100` refills its slots as they empty, and its
 * prompts' chunks fall on the steps they do (runsStepByStep). So does a run at a request rate
 * (`vllm bench serve --request-rate`), on any engine: its requests come at their arrivals
 * (answer-lengths.ts `arrivalTimes`), and on SGLang their prompts run in passes of their own.
 *
 * vLLM runs the flood against its KV cache and `max_num_seqs` (flood-scheduler.ts): it admits a
 * prompt for the blocks of the tokens computed so far, so a flood of more prompts than its cache
 * holds at their whole length runs more of them at once than that and preempts some as they
 * grow; their waits count in their TPOT (Qwen3-235B-A22B FP8 on 4 x H100, 984 prompts, a cache of
 * 186,224 tokens: mean TPOT 91 ms against 68 ms for 447 slots refilled, GPUStack's 169).
 */
import { answerLengths, arrivalTimes, meanAnswer, type FiniteRunShape } from './answer-lengths.ts';
import { decodeAt } from './estimate.ts';
import { kvCapacityTokens } from './fit-limits.ts';
import { simulateFlood } from './flood-scheduler.ts';
import type { FiniteRun } from './finite-run.ts';
import type { ResolvedServing } from './resolve.ts';
import { dataParallelAttention } from './parallel.ts';
import { prefillPass } from './speed.ts';
import { rankChunkTokens } from './workload.ts';

/**
 * The most output tokens a run simulated step by step may have: each step visits every running
 * sequence, 35 to 50 ns a token on the 2-core test machine (`serve gpt-oss-20b --batch 1024
 * --prompts 30000 --input 1000 --output 1000 --output-min 10`: 1.5 s of its 2.3), so this bound
 * keeps a run to a second or two. A longer run is simulated answer by answer (finite-run.ts),
 * which agrees with it within 0.2% on answers of one length.
 */
export const STEP_RUN_MAX_TOKENS = 30_000_000;

/**
 * Whether every prompt of the run is sent at once: the client's concurrency holds them all, and
 * no request rate spaces them.
 */
export function isFlood(r: ResolvedServing, shape: FiniteRunShape): boolean {
  return shape.requestRate === undefined && shape.prompts <= r.running.offered;
}

/**
 * Whether this module runs the run, step by step:
 * - a run at a request rate, on any engine (its prompts in passes of their own on SGLang), with
 *   speculative decoding too (`decodeSteps`);
 * - else with mixed prefill: on vLLM any run (its scheduler with its KV cache, under the client's
 *   concurrency); on another engine only a flood of prompts all in the running batch, with a
 *   token budget larger than the batch so that prompts always get some of it; without speculative
 *   decoding, which the steady state's model takes for those (workload.ts).
 */
export function runsStepByStep(
  r: ResolvedServing,
  inputTokens: number,
  shape: FiniteRunShape,
): boolean {
  if (shape.prompts * meanAnswer(shape) > STEP_RUN_MAX_TOKENS) return false;
  if (r.speculation !== null && shape.requestRate === undefined) return false;
  if (kvAdmission(r) && !kvHoldsARequest(r, inputTokens, shape)) return false;
  if (shape.requestRate !== undefined) return true;
  if (r.prefillScheduling !== 'mixed') return false;
  return (
    kvAdmission(r) ||
    (isFlood(r, shape) && shape.prompts <= r.batch && budgetTokens(r) > shape.prompts)
  );
}

/**
 * Whether the engine admits a request for the KV of the tokens it has computed, preempting when
 * the cache runs out (vLLM: flood-scheduler.ts), rather than for its whole answer up front
 * (TensorRT-LLM's GUARANTEED_NO_EVICT), so that the flood's KV is simulated.
 */
const kvAdmission = (r: ResolvedServing) => r.deployment.memory.engine === 'vllm';

/**
 * Whether vLLM's cache holds a request whole, its prompt and its longest answer: where it does not
 * (the weights leave it no room, or the context is longer than it), the run goes answer by
 * answer beside an estimate that says it does not fit.
 */
function kvHoldsARequest(r: ResolvedServing, inputTokens: number, shape: FiniteRunShape): boolean {
  const d = r.deployment;
  const block = d.memory.kvBlockTokens;
  const longest = answerLengths(shape).reduce((a, b) => Math.max(a, b), 0);
  return kvCapacityTokens(d) >= Math.ceil((inputTokens + longest) / block) * block;
}

/** vLLM's max_num_seqs on every replica. */
const engineCap = (r: ResolvedServing) => r.deployment.memory.maxSequences * r.deployment.layout.dp;

/** Tokens the deployment runs in one step: the engine's budget on every replica. */
const budgetTokens = (r: ResolvedServing) => rankChunkTokens(r.deployment) * r.deployment.layout.dp;

/**
 * The decode step of `b` sequences, seconds, each batch asked for once. Under speculative
 * decoding it is a verification step over the tokens it emits on average (speculative.ts
 * `speculativeDecode`: tokens per step / step seconds), so an answer advances one token a step of
 * that length: the mean of its bursts of accepted tokens, not the bursts.
 */
function decodeSteps(r: ResolvedServing, inputTokens: number, outputTokens: number) {
  const context = { ...r, contextTokens: inputTokens + outputTokens / 2 };
  const steps = new Map<number, number>();
  return (b: number): number => {
    let s = steps.get(b);
    if (s === undefined) {
      const running = { ...r.running, offered: b, batch: b };
      const { decode } = decodeAt({ ...context, batch: b, running }, b);
      steps.set(b, (s = b / decode.tokensPerSecond));
    }
    return s;
  };
}

/** Seconds of prefill per prompt token at the engine's chunk, every replica at once. */
function prefillSecondsPerToken(r: ResolvedServing, inputTokens: number): number {
  const d = r.deployment;
  const chunk = Math.min(rankChunkTokens(d), inputTokens * r.batch);
  const pass = prefillPass(d, inputTokens, chunk, r.efficiency, r.routing);
  return pass.seconds / (chunk * d.layout.dp);
}

/**
 * A pass of `tokens` prompt tokens alone (SGLang), seconds, each count asked for once. Under DP
 * attention the ranks that hold its prompts prefill them and the others wait at the experts
 * (workload.ts `separatePrefill`); replicas apart are pooled as the budget is, the pass spread
 * over them all.
 */
function prefillPasses(r: ResolvedServing, inputTokens: number) {
  const d = r.deployment;
  const { dp } = d.layout;
  const shared = dataParallelAttention(d.layout);
  const passes = new Map<number, number>();
  return (tokens: number): number => {
    let s = passes.get(tokens);
    if (s === undefined) {
      const ranks = shared ? Math.min(dp, Math.ceil(tokens / inputTokens)) : dp;
      const chunk = Math.ceil(tokens / ranks);
      s = prefillPass(d, inputTokens, chunk, r.efficiency, r.routing, ranks).seconds;
      passes.set(tokens, s);
    }
    return s;
  };
}

/** The run of `shape`'s prompts of `inputTokens` each (runsStepByStep), simulated step by step. */
export function floodRun(
  r: ResolvedServing,
  inputTokens: number,
  shape: FiniteRunShape,
): FiniteRun {
  const lengths = answerLengths(shape);
  const d = r.deployment;
  const rate = shape.requestRate;
  const run = simulateFlood({
    lengths,
    inputTokens,
    budget: budgetTokens(r),
    decodeSeconds: decodeSteps(r, inputTokens, meanAnswer(shape)),
    prefillSecondsPerToken: prefillSecondsPerToken(r, inputTokens),
    ...(r.prefillScheduling === 'separate' && {
      prefillPassSeconds: prefillPasses(r, inputTokens),
    }),
    ...(rate !== undefined && { arrivals: arrivalTimes(shape.prompts, rate) }),
    inFlight: r.running.offered,
    ...(kvAdmission(r)
      ? {
          // Each replica's cache, pooled as the budget is.
          kvBlocks: Math.floor(kvCapacityTokens(d) / d.memory.kvBlockTokens) * d.layout.dp,
          blockTokens: d.memory.kvBlockTokens,
          maxRunning: engineCap(r),
        }
      : // The engine's running batch (running.ts), its KV reserved up front.
        { maxRunning: r.batch }),
  });
  const output = lengths.reduce((sum, n) => sum + n, 0);
  return {
    ...shape,
    outputTokensPerSecond: output / run.durationSeconds,
    meanConcurrency: run.latencySumSeconds / run.durationSeconds,
    timePerOutputTokenSeconds: run.meanTpotSeconds,
    tpot: run.tpot,
    durationSeconds: run.durationSeconds,
    longestAnswer: lengths.reduce((a, b) => Math.max(a, b), 0),
    wave: null,
    flood: isFlood(r, shape),
    simulated: {
      meanTimeToFirstTokenSeconds: run.meanTtftSeconds,
      ttft: run.ttft,
      preemptions: run.preemptions,
    },
    timeline: run.timeline,
  };
}
