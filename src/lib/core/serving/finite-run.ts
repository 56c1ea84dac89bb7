/**
 * A benchmark's run of a finite set of prompts at a concurrency cap, with answers of varied
 * length: SGLang's `bench_serving` and vLLM's `vllm bench serve` send `num_prompts` requests,
 * at most `max_concurrency` in flight, and report output throughput as the run's output tokens
 * over its duration, and its "Concurrency" as the requests' summed latencies over the duration
 * (sglang `python/sglang/bench_serving.py` `calculate_metrics`: `concurrency =
 * sum(e2e_latencies) / dur_s`). The steady state (workload.ts) keeps every slot busy. A finite
 * run does not: once the last prompt is admitted, the slots empty one by one as their answers
 * end, and the run lasts until the longest of them does. With answers of one length the slots
 * end together and the two agree; with lengths drawn at random they do not: SGLang's cookbook
 * runs of 80 prompts at 16 print a concurrency of 13.6 to 13.9, of 500 at 100 one of 90.5 to
 * 93.0 (tests/fixtures/issue13-pending-cases.json `ckbk-*`).
 *
 * The run is simulated, answer by answer: each step every sequence in flight emits a token and
 * lasts what a step of that many sequences lasts in the steady state (prompts' prefill
 * included; past EXACT_STEP_BATCHES in flight, interpolated on a grid); a finished sequence's
 * slot takes the next prompt.
 */
import { ConfigError } from '../model/errors.ts';
import { LIMITS } from '../model/limits.ts';
import { floodRun, runsStepByStep, STEP_RUN_MAX_TOKENS } from './flood-run.ts';
import { inLockstep, lockstepRun } from './lockstep-run.ts';
import type { ResolvedServing } from './resolve.ts';
import {
  answerLengths,
  inFlightAnswerTokens,
  meanAnswer,
  OUTPUT_SPREADS,
  type FiniteRunShape,
} from './answer-lengths.ts';
import { EndHeap } from './end-heap.ts';
import { LatencySample, type Percentiles } from './percentiles.ts';
import { TimelineRecorder, type RunTimeline } from './run-timeline.ts';
import { workloadThroughput } from './workload.ts';

/** The most prompts a run simulates: every one is an event of the simulation. */
export const MAX_RUN_PROMPTS = Math.min(LIMITS.batch, 1 << 20);

/** The highest request rate a run takes, requests a second: far past any deployment's. */
export const MAX_REQUEST_RATE = 1_000_000;

export interface FiniteRun extends FiniteRunShape {
  /** Output tokens over the run's duration (what the benchmark prints as output throughput). */
  outputTokensPerSecond: number;
  /** The requests' summed time in flight over the duration (the benchmark's "Concurrency"). */
  meanConcurrency: number;
  /** The mean over requests of their time per output token. */
  timePerOutputTokenSeconds: number;
  /** Their time per output token at the median and the 99th percentile (percentiles.ts). */
  tpot: Percentiles;
  durationSeconds: number;
  /** The longest answer, tokens: the end of the run's tail. */
  longestAnswer: number;
  /**
   * The prompts of a wave where the run keeps its slots in lockstep (lockstep-run.ts), each
   * wave prefilled whole before it decodes; null where they empty one by one.
   */
  wave: number | null;
  /**
   * Every prompt sent at once on an engine that mixes prompt chunks into its steps: the run
   * opens with their prefill (flood-run.ts).
   */
  flood: boolean;
  /**
   * What the run simulated step by step gives beside (flood-run.ts: vLLM's runs, and floods on
   * an engine that mixes prompts into its steps): the benchmark's mean time to first token, and
   * how often vLLM preempted a request for KV; null for a run simulated answer by answer.
   */
  simulated: StepFacts | null;
  /** Requests in flight over the run, slice by slice (run-timeline.ts). */
  timeline: RunTimeline;
}

/** What a run simulated step by step adds: the TTFT, and the preemptions the KV cache forced. */
export interface StepFacts {
  meanTimeToFirstTokenSeconds: number;
  ttft: Percentiles;
  preemptions: number;
}

/** What the steady state gives at a batch: one step's seconds and the time per output token. */
export interface StepAt {
  stepSeconds: number;
  timePerOutputTokenSeconds: number;
}

/**
 * Runs `shape` through `concurrency` slots, a step of b sequences taking `stepAt(b)`.
 *
 * @example finiteRun({ prompts: 2, outputMin: 1, outputMax: 3 }, 2, () => ({ stepSeconds: 1, timePerOutputTokenSeconds: 1 }))
 * // answers of 2 and 3 tokens: two steps of both, then one of the longer: 5 tokens in 3 s, a
 * // concurrency of (2 + 2 + 1) / 3
 */
export function finiteRun(
  shape: FiniteRunShape,
  concurrency: number,
  stepAt: (batch: number) => StepAt,
): FiniteRun {
  checkShape(shape);
  const lengths = answerLengths(shape);
  const slots = Math.min(concurrency, lengths.length);
  const at = stepsAt(stepAt);
  // In flight: each sequence's end (the run's token count when it ends) and the summed time per
  // output token of the steps before it started (`tpot` below), ordered by end.
  const flight = new EndHeap();
  const spans = new TimelineRecorder();
  let next = 0;
  let tokens = 0; // steps run so far: every sequence in flight emits a token a step
  let time = 0;
  let tpot = 0; // summed time per output token of the steps run so far
  let inFlight = 0; // summed seconds in flight, of every sequence
  let tpotSum = 0; // of the finished sequences: each one's mean time per output token
  const tpots = new LatencySample();
  while (true) {
    while (flight.size < slots && next < lengths.length) {
      const length = lengths[next++]!;
      flight.push(tokens + length, tpot, length, time);
    }
    if (flight.size === 0) break;
    const batch = flight.size;
    const step = at(batch);
    const count = flight.minEnd() - tokens;
    time += count * step.stepSeconds;
    tpot += count * step.timePerOutputTokenSeconds;
    inFlight += count * step.stepSeconds * batch;
    tokens += count;
    while (flight.size > 0 && flight.minEnd() === tokens) {
      const done = flight.pop();
      tpotSum += (tpot - done.tpot) / done.length;
      tpots.add((tpot - done.tpot) / done.length);
      spans.add(done.start, time);
    }
  }
  const output = lengths.reduce((sum, n) => sum + n, 0);
  return {
    ...shape,
    outputTokensPerSecond: output / time,
    meanConcurrency: inFlight / time,
    timePerOutputTokenSeconds: tpotSum / lengths.length,
    tpot: tpots.percentiles(),
    durationSeconds: time,
    longestAnswer: lengths.reduce((a, b) => Math.max(a, b), 0),
    wave: null,
    flood: false,
    simulated: null,
    timeline: spans.timeline(time),
  };
}

const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * A run of at least one prompt, every answer at least a token, the range not upside down, an
 * exponential spread's mean within its range.
 */
function checkShape(shape: FiniteRunShape): void {
  const { prompts, outputMin, outputMax } = shape;
  const integer = (n: number, min: number, max: number) =>
    Number.isSafeInteger(n) && n >= min && n <= max;
  if (!integer(prompts, 1, MAX_RUN_PROMPTS))
    throw new ConfigError('prompts', prompts, `an integer from 1 to ${grouped(MAX_RUN_PROMPTS)}`);
  if (!integer(outputMin, 1, LIMITS.contextTokens))
    throw new ConfigError(
      'output min',
      outputMin,
      `an integer from 1 to ${grouped(LIMITS.contextTokens)}`,
    );
  if (!integer(outputMax, outputMin, LIMITS.contextTokens))
    throw new ConfigError(
      'output max',
      outputMax,
      `an integer from output min (${grouped(outputMin)}) to ${grouped(LIMITS.contextTokens)}`,
    );
  if (shape.spread !== undefined && !OUTPUT_SPREADS.includes(shape.spread))
    throw new ConfigError('output spread', shape.spread, OUTPUT_SPREADS.join(' or '));
  const rate = shape.requestRate;
  if (rate !== undefined && !(rate > 0 && rate <= MAX_REQUEST_RATE))
    throw new ConfigError(
      'request rate',
      rate,
      `requests a second above 0, at most ${grouped(MAX_REQUEST_RATE)}`,
    );
  const mean = shape.outputMean;
  if (shape.spread === 'exponential' && !(mean! >= outputMin && mean! <= outputMax))
    throw new ConfigError(
      'output mean',
      mean ?? 'none',
      `a number from output min (${grouped(outputMin)}) to output max (${grouped(outputMax)}), the exponential answers' mean`,
    );
}

/** Batches up to this are asked for exactly; above it, on a grid 2% apart (`stepsAt`). */
export const EXACT_STEP_BATCHES = 512;
const GRID_RATIO = 1.02;

/**
 * `stepAt`, each batch asked for once. A run's end passes through every batch below its
 * concurrency, so above EXACT_STEP_BATCHES the steps are asked for at batches 2% apart and
 * interpolated between them, linearly in the batch: a run of 60,000 in flight asks for about 250
 * steps, not 60,000. A step's time grows smoothly with the batch there, so the interpolation is
 * off by far less than the model's own error.
 */
function stepsAt(stepAt: (batch: number) => StepAt): (batch: number) => StepAt {
  const steps = new Map<number, StepAt>();
  const exact = (b: number) => steps.get(b) ?? steps.set(b, stepAt(b)).get(b)!;
  return (b) => {
    if (b <= EXACT_STEP_BATCHES) return exact(b);
    const k = Math.floor(Math.log(b / EXACT_STEP_BATCHES) / Math.log(GRID_RATIO));
    const lo = Math.round(EXACT_STEP_BATCHES * GRID_RATIO ** k);
    const hi = Math.max(lo + 1, Math.round(EXACT_STEP_BATCHES * GRID_RATIO ** (k + 1)));
    if (b === lo || b === hi) return exact(b);
    const [a, c] = [exact(lo), exact(hi)];
    const t = (b - lo) / (hi - lo);
    return {
      stepSeconds: a.stepSeconds + t * (c.stepSeconds - a.stepSeconds),
      timePerOutputTokenSeconds:
        a.timePerOutputTokenSeconds +
        t * (c.timePerOutputTokenSeconds - a.timePerOutputTokenSeconds),
    };
  };
}

/**
 * The finite run of `shape` on a resolved deployment, `inputTokens` in per request: a step of b
 * sequences is the steady state's at batch b (workloadThroughput), prompts' prefill included.
 * The engine's running batch (`r.batch`, running.ts) is the run's concurrency: requests the
 * client keeps open beyond it wait in the engine's queue, which empties first. Answers of one
 * length on an engine that prefills in passes of its own run in lockstep waves (lockstep-run.ts).
 */
export function finiteWorkload(
  r: ResolvedServing,
  inputTokens: number,
  shape: FiniteRunShape,
): FiniteRun {
  checkShape(shape);
  if (inLockstep(r, shape)) return lockstepRun(r, inputTokens, shape);
  if (runsStepByStep(r, inputTokens, shape)) return floodRun(r, inputTokens, shape);
  if (shape.requestRate !== undefined)
    throw new ConfigError(
      'request rate',
      shape.requestRate,
      `a run simulated step by step: of at most ${grouped(STEP_RUN_MAX_TOKENS)} output tokens, each request within the KV cache`,
    );
  const outputTokens = meanAnswer(shape);
  // The running sequences' mean context: longer answers stay longer (inFlightAnswerTokens).
  const inFlight = inFlightAnswerTokens(shape);
  return finiteRun(shape, r.batch, (batch) => {
    const running = { ...r.running, offered: batch, batch };
    const held = { ...r, batch, running };
    const run = workloadThroughput(held, inputTokens, outputTokens, undefined, undefined, inFlight);
    return {
      stepSeconds: batch / run.outputTokensPerSecond,
      timePerOutputTokenSeconds: run.timePerOutputTokenSeconds,
    };
  });
}
