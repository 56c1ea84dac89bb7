/**
 * A benchmark's run whose prompts all arrive at once and all fit the running batch, on an engine
 * that mixes prompt chunks into its decode steps (vLLM, TensorRT-LLM): `vllm bench serve
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
 */
import { answerLengths, meanAnswer, type FiniteRunShape } from './answer-lengths.ts';
import { decodeAt } from './estimate.ts';
import type { FiniteRun } from './finite-run.ts';
import type { ResolvedServing } from './resolve.ts';
import { prefillPass } from './speed.ts';
import { rankChunkTokens } from './workload.ts';

/**
 * Whether a run is a flood this module runs: mixed prefill, no speculation, every prompt in the
 * running batch at once, and a token budget larger than the batch (vLLM requires
 * `max_num_batched_tokens` >= `max_num_seqs`), so that prompts always get some of it.
 */
export function isFlood(r: ResolvedServing, shape: FiniteRunShape): boolean {
  return (
    r.prefillScheduling === 'mixed' &&
    r.speculation === null &&
    shape.prompts <= r.batch &&
    budgetTokens(r) > shape.prompts
  );
}

/** Tokens the deployment runs in one step: the engine's budget on every replica. */
const budgetTokens = (r: ResolvedServing) => rankChunkTokens(r.deployment) * r.deployment.layout.dp;

/** The decode step of `b` sequences, seconds, each batch asked for once. */
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

/** What a flood is made of: the answers, each prompt's tokens and the step's costs. */
export interface FloodInput {
  lengths: readonly number[];
  inputTokens: number;
  /** Tokens a step runs: one for each sequence decoding, the rest for prompts. */
  budget: number;
  /** The decode step of b sequences, seconds. */
  decodeSeconds: (b: number) => number;
  prefillSecondsPerToken: number;
}

/** The run's duration, summed latencies and the benchmark's TPOT, simulated step by step. */
export function simulateFlood(f: FloodInput): {
  durationSeconds: number;
  latencySumSeconds: number;
  meanTpotSeconds: number;
} {
  const { lengths, inputTokens } = f;
  // Sequences decoding: tokens still to emit, when their first token came, and their length.
  let running: { left: number; first: number; length: number }[] = [];
  let next = 0; // the next prompt to prefill
  let prefilled = 0; // of its tokens
  let time = 0;
  let latencySum = 0;
  let tpotSum = 0;
  let tpotCount = 0;
  while (next < lengths.length || running.length > 0) {
    const b = running.length;
    let room = Math.max(0, f.budget - b);
    const joining: number[] = [];
    let prompt = 0;
    while (room > 0 && next < lengths.length) {
      const take = Math.min(room, inputTokens - prefilled);
      room -= take;
      prompt += take;
      prefilled += take;
      if (prefilled === inputTokens) {
        joining.push(lengths[next++]!);
        prefilled = 0;
      }
    }
    time += (b > 0 ? f.decodeSeconds(b) : 0) + prompt * f.prefillSecondsPerToken;
    // Every running sequence emits a token; a prompt whose last chunk ran emits its first.
    running = running.filter((s) => {
      if (--s.left > 0) return true;
      latencySum += time;
      tpotSum += (time - s.first) / (s.length - 1);
      tpotCount++;
      return false;
    });
    for (const length of joining) {
      if (length > 1) running.push({ left: length - 1, first: time, length });
      else latencySum += time;
    }
  }
  return {
    durationSeconds: time,
    latencySumSeconds: latencySum,
    meanTpotSeconds: tpotCount === 0 ? 0 : tpotSum / tpotCount,
  };
}

/** The flood of `shape`'s prompts of `inputTokens` each (isFlood), simulated step by step. */
export function floodRun(
  r: ResolvedServing,
  inputTokens: number,
  shape: FiniteRunShape,
): FiniteRun {
  const lengths = answerLengths(shape);
  const run = simulateFlood({
    lengths,
    inputTokens,
    budget: budgetTokens(r),
    decodeSeconds: decodeSteps(r, inputTokens, meanAnswer(shape)),
    prefillSecondsPerToken: prefillSecondsPerToken(r, inputTokens),
  });
  const output = lengths.reduce((sum, n) => sum + n, 0);
  return {
    ...shape,
    outputTokensPerSecond: output / run.durationSeconds,
    meanConcurrency: run.latencySumSeconds / run.durationSeconds,
    timePerOutputTokenSeconds: run.meanTpotSeconds,
    durationSeconds: run.durationSeconds,
    longestAnswer: lengths.reduce((a, b) => Math.max(a, b), 0),
    wave: null,
    flood: true,
  };
}
