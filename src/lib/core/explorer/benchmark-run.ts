/**
 * The Serving panel's benchmark run: a set of prompts sent as `vllm bench serve` and SGLang's
 * `bench_serving` send them (`--num-prompts`, `--request-rate`, `--max-concurrency`), each of the
 * whole run's prompt tokens, their answers spread about its answer tokens, at most the batch in
 * flight, simulated to its end (serving/finite-run.ts, the CLI's `serve --prompts`): what the
 * benchmark prints over it, and the sentence that tells it. It takes from a few milliseconds to
 * about half a second, so the page runs it off the main thread (workers/run.worker.ts).
 */
import { ConfigError } from '../model/errors.ts';
import type { FiniteRunShape } from '../serving/answer-lengths.ts';
import { finiteWorkload, type FiniteRun } from '../serving/finite-run.ts';
import type { ResolvedServing } from '../serving/resolve.ts';
import { benchmarkRun } from '../serving/workload.ts';
import type { AnswerSpread } from './engine-ranges.ts';
import { ENGINE_LABELS } from './engine-settings.ts';
import type { ModelSpec } from '../model/types.ts';
import { servingOptions, type DeploymentSettings } from './explorer-config.ts';
import { servingModel } from './serving-model.ts';
import {
  formatCount,
  formatInteger,
  formatMilliseconds,
  formatNumber,
  formatPercent,
  formatRate,
  plural,
} from './format.ts';
import type { Percentiles } from '../serving/percentiles.ts';
import type { RunTimeline } from '../serving/run-timeline.ts';

export type BenchmarkRun =
  { kind: 'run'; run: FiniteRun; text: string } | { kind: 'note'; text: string };

type RunFields = Pick<
  DeploymentSettings,
  | 'promptTokens'
  | 'answerTokens'
  | 'host'
  | 'runPrompts'
  | 'requestRate'
  | 'answerSpread'
  | 'shortestAnswer'
  | 'longestAnswer'
>;

/** A spread run's shortest and longest answer as set; null or absent: from 1, to the context. */
export interface AnswerBounds {
  shortest?: number | null;
  longest?: number | null;
}

/**
 * The run's shape: `prompts` answers about `answer` tokens, none longer than the context leaves
 * after the prompt (`room`), so that every request fits it:
 * - `same`: all of `answer` tokens;
 * - `uniform`: evenly from the shortest (1 unless set) to 2 x answer less it, their mean
 *   `answer`: SGLang's `bench_serving` random dataset draws from `--random-range-ratio` x its
 *   length to its length, the CLI's `--output-min`; held within `room`, the range narrows about
 *   the same mean;
 * - `exponential`: long-tailed with mean `answer`, from the shortest (1 unless set) to the
 *   longest (`room` unless set, and never past it): a chat dataset's (answer-lengths.ts;
 *   ShareGPT's in `vllm bench serve`: 4 to 2,048 less the prompt, the CLI's `--output-min 4
 *   --output-max 2044`).
 * Throws a ConfigError naming the bound that does not hold the mean between them.
 *
 * @example runShape(100, 1000, 'uniform', 1500) // { prompts: 100, outputMin: 501, outputMax: 1499 }
 * @example runShape(100, 922, 'uniform', 5000, { shortest: 819 }) // outputMin 819, outputMax 1025
 */
export function runShape(
  prompts: number,
  answer: number,
  spread: AnswerSpread,
  room: number,
  bounds: AnswerBounds = {},
): FiniteRunShape {
  if (spread === 'same') return { prompts, outputMin: answer, outputMax: answer };
  const shortest = bounds.shortest ?? 1;
  if (shortest > answer)
    throw new ConfigError(
      'shortest answer',
      shortest,
      `at most the answer tokens per request (${answer}), the answers' mean`,
    );
  if (spread === 'exponential') {
    // The answer is within `room` (benchmarkRunOf): only a longest set below it fails.
    const longest = Math.min(bounds.longest ?? room, room);
    if (longest < answer)
      throw new ConfigError(
        'longest answer',
        longest,
        `at least the answer tokens per request (${answer}), the answers' mean`,
      );
    return { prompts, outputMin: shortest, outputMax: longest, spread, outputMean: answer };
  }
  const outputMax = Math.min(2 * answer - shortest, room);
  return { prompts, outputMin: Math.max(shortest, 2 * answer - outputMax), outputMax };
}

/**
 * The run of `d`'s prompts on the resolved deployment; a note where it cannot be simulated (the
 * core's message, naming the field); null without a prompt count, where the whole run itself is
 * not told (explorer/whole-run.ts: no token counts, system RAM, requests beyond the context).
 */
export function benchmarkRunOf(resolved: ResolvedServing, d: RunFields): BenchmarkRun | null {
  const { promptTokens: prompt, answerTokens: answer, runPrompts: prompts } = d;
  if (prompts == null || prompt == null || answer == null || d.host) return null;
  const room = resolved.contextTokens - prompt;
  if (answer > room) return null;
  // Requests the KV cache cannot hold at the context wait for those it does (workload.ts).
  const held = benchmarkRun(resolved);
  try {
    const shape: FiniteRunShape = {
      ...runShape(prompts, answer, d.answerSpread ?? 'same', room, {
        shortest: d.shortestAnswer,
        longest: d.longestAnswer,
      }),
      ...(d.requestRate != null ? { requestRate: d.requestRate } : {}),
    };
    const run = finiteWorkload(held, prompt, shape);
    return { kind: 'run', run, text: formatBenchmarkRun(run, resolved) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { kind: 'note', text: `This run cannot be simulated. ${error.message}.` };
  }
}

/**
 * The run in words: how it was sent, at most the deployment's batch in flight (the client's
 * `--max-concurrency`; the engine itself may run fewer where the KV cache holds fewer at the full
 * context), then what the benchmark prints over it.
 *
 * @example formatBenchmarkRun(run, resolved) // DeepSeek-V3 FP8, 8 x H200, vLLM: 'A run of 1,000 prompts sent at 10 a second (Poisson arrivals), at most 64 in flight, answers of 1,024 tokens: 1.43k output tokens/s over 11 min 57 s, 62.5 requests in flight on average, 43.70 ms per output token (TPOT; median 44.04 ms, P99 44.04 ms), mean time to first token 75.25 ms (median 64.01 ms, P99 127.82 ms).'
 */
export function formatBenchmarkRun(run: FiniteRun, resolved: ResolvedServing): string {
  const sent =
    run.requestRate !== undefined
      ? `sent at ${formatNumber(run.requestRate)} a second (Poisson arrivals)`
      : 'sent at once';
  const facts = [
    `${formatRate(run.outputTokensPerSecond)} output tokens/s over ${formatDuration(run.durationSeconds)}`,
    `${formatInFlight(run.meanConcurrency)} in flight on average`,
    `${formatMilliseconds(run.timePerOutputTokenSeconds)} per output token (TPOT; ${spread(run.tpot)})`,
  ];
  const sim = run.simulated;
  if (sim)
    facts.push(
      `mean time to first token ${formatMilliseconds(sim.meanTimeToFirstTokenSeconds)} (${spread(sim.ttft)})`,
    );
  const engine = ENGINE_LABELS[resolved.deployment.memory.engine];
  const preempted =
    sim && sim.preemptions > 0
      ? ` ${engine} preempts ${plural(sim.preemptions, 'request')} for KV cache on the way.`
      : '';
  const waves =
    run.wave !== null
      ? ` The answers end together, so the slots refill in waves of ${formatInteger(run.wave)}, each prefilled before it decodes (${engine}).`
      : '';
  return (
    `A run of ${plural(run.prompts, 'prompt')} ${sent}, at most ${formatInteger(resolved.batch)} in flight, ${answersOf(run)}: ` +
    `${facts.join(', ')}.${waves}${preempted}`
  );
}

/** A latency's median and 99th percentile, as the benchmark prints them beside its mean. */
const spread = (p: Percentiles) =>
  `median ${formatMilliseconds(p.median)}, P99 ${formatMilliseconds(p.p99)}`;

function answersOf(run: FiniteRun): string {
  if (run.spread === 'exponential')
    return `long-tailed answers of ${formatInteger(run.outputMean!)} tokens on average, the longest ${formatInteger(run.longestAnswer)}`;
  if (run.outputMin === run.outputMax) return `answers of ${formatInteger(run.outputMin)} tokens`;
  return `answers of ${formatInteger(run.outputMin)} to ${formatInteger(run.outputMax)} tokens`;
}

/**
 * A run's length: seconds to one decimal under a minute, then minutes and seconds, then hours
 * and minutes.
 *
 * @example formatDuration(48.24) // '48.2 s'
 * @example formatDuration(731.4) // '12 min 11 s'
 * @example formatDuration(7385) // '2 h 3 min'
 */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toPrecision(3))} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The run of a deployment's settings for a model, resolved afresh (the page's worker has the
 * model's spec and the settings, not the page's resolved deployment). Throws ConfigError where
 * the settings do not make a deployment.
 */
export function benchmarkRunFor(spec: ModelSpec, d: DeploymentSettings): BenchmarkRun | null {
  return benchmarkRunOf(servingModel().resolveServing(spec, servingOptions(d)), d);
}

/** A run's timeline in numbers: its most in flight, how soon it got there, how long its tail. */
export interface TimelineFacts {
  /** The most requests in flight in one slice, on average over it. */
  peak: number;
  /** Seconds from the start to the end of the first slice within 90% of the peak. */
  rampSeconds: number;
  /** Seconds from the end of the last slice within 90% of the peak to the run's end. */
  tailSeconds: number;
}

/**
 * The ramp and the tail of a run's timeline (serving/run-timeline.ts), at 90% of its peak.
 *
 * @example timelineFacts({ sliceSeconds: 1, inFlight: [5, 10, 10, 4, ...] }) // peak 10, ramp 2 s
 */
export function timelineFacts(timeline: RunTimeline): TimelineFacts {
  const { sliceSeconds, inFlight } = timeline;
  const peak = inFlight.reduce((a, b) => Math.max(a, b), 0);
  const near = (n: number) => n >= 0.9 * peak;
  const first = inFlight.findIndex(near);
  let last = inFlight.length - 1;
  while (last > 0 && !near(inFlight[last]!)) last--;
  return {
    peak,
    rampSeconds: (first + 1) * sliceSeconds,
    tailSeconds: (inFlight.length - 1 - last) * sliceSeconds,
  };
}

/**
 * The timeline in words, for the chart's text alternative.
 *
 * @example formatTimeline(run, 64) // 'Requests in flight over the run’s 12 min 11 s: up to 64.0 (at most 64) within 3.05 s; the last 6.09 s, as the answers end and no prompt replaces them, are the tail (0.8% of the run).'
 */
export function formatTimeline(run: FiniteRun, cap: number): string {
  const f = timelineFacts(run.timeline);
  const rise = `Requests in flight over the run’s ${formatDuration(run.durationSeconds)}: up to ${formatCount(f.peak)} (at most ${formatInteger(cap)}) within ${formatDuration(f.rampSeconds)}`;
  if (f.tailSeconds === 0) return `${rise}, and as many to the end: a prompt replaces each answer.`;
  const share = f.tailSeconds / run.durationSeconds;
  return `${rise}; the last ${formatDuration(f.tailSeconds)}, as the answers end and no prompt replaces them, are the tail (${formatPercent(share)} of the run).`;
}

/** Requests, on average: "1 request", "62.5 requests". */
export function formatInFlight(n: number): string {
  const count = formatCount(n);
  return `${count} request${count === '1' ? '' : 's'}`;
}
