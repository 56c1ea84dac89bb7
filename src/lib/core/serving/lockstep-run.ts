/**
 * A benchmark's run of answers of one length on an engine that prefills in passes of its own
 * (SGLang without `--enable-mixed-chunk`): the slots run in lockstep, in waves. SGLang runs a
 * prefill batch whenever prompts wait and slots are free, before any decode step
 * (`scheduler.py` `get_next_batch_to_run`: `get_new_batch_prefill` first, the running batch
 * only when it returns none), so every prompt of a wave is prefilled before the wave decodes;
 * its sequences then emit a token each step, end on the same step and free their slots
 * together, and the next wave's prompts arrive together. A run of answers of random length loses
 * the lockstep within a wave or two (finite-run.ts); one of a single length, with a queue or a
 * client that refills every slot at once, keeps it to the end.
 *
 * A wave of k prompts costs its prefill, the prompts cut into the engine's chunks on each
 * replica (SGLang divides its chunk over DP-attention ranks: workload.ts `rankChunkTokens`), all
 * replicas in parallel, then O - 1 decode steps of k sequences (the first token comes with the
 * prefill). A prompt prefilled early waits for the rest of its wave's before its second token,
 * and bench_serving's TPOT, (latency - TTFT) / (O - 1), counts that wait: on average (m - 1) / 2m
 * of the prefill for m prompts a replica. Checked against SGLang's GLM-5.2 cookbook on 8 x B200
 * (DP attention, 256 running, 8,192 in, 1,024 out, range ratio 1): median TPOT 48.28 ms
 * (tests/fixtures/issue13-pending-cases.json `b23-sglcookbook52-*`).
 */
import { sequencesPerReplica } from './deployment.ts';
import { decodeAt } from './estimate.ts';
import type { FiniteRunShape } from './answer-lengths.ts';
import type { FiniteRun } from './finite-run.ts';
import type { ResolvedServing } from './resolve.ts';
import { LatencySample } from './percentiles.ts';
import { TimelineRecorder } from './run-timeline.ts';
import { prefillPass } from './speed.ts';
import { rankChunkTokens } from './workload.ts';

/**
 * Whether a run keeps its slots in lockstep: answers of one length, an engine that prefills in
 * passes of its own, and one token per sequence a step. Speculative decoding breaks it: each
 * step accepts a varying number of drafted tokens per sequence, so answers of one length end on
 * different steps and their slots refill one by one. So does a request rate: prompts arrive one
 * by one, not as slots free.
 */
export function inLockstep(r: ResolvedServing, shape: FiniteRunShape): boolean {
  return (
    shape.requestRate === undefined &&
    shape.outputMin === shape.outputMax &&
    r.prefillScheduling === 'separate' &&
    r.speculation === null
  );
}

/** One wave of `k` prompts: its prefill, and the time per output token of its decode. */
interface Wave {
  prefillSeconds: number;
  decodeSecondsPerToken: number;
  /** The mean wait, after its first token, of a prompt prefilled before the last of its wave. */
  meanWaitSeconds: number;
}

/** A wave of `k` prompts of `inputTokens` on the deployment, at answers of `outputTokens`. */
export function wave(
  r: ResolvedServing,
  inputTokens: number,
  outputTokens: number,
  k: number,
): Wave {
  const d = r.deployment;
  const perReplica = sequencesPerReplica(d, k);
  const tokens = perReplica * inputTokens;
  const chunk = Math.min(rankChunkTokens(d), tokens);
  const pass = prefillPass(d, inputTokens, chunk, r.efficiency, r.routing);
  // The replica's prompts in passes of `chunk`; pipeline stages fill behind the first pass.
  const prefillSeconds = (Math.ceil(tokens / chunk) + d.layout.pp - 1) * pass.seconds;
  const context = { ...r, contextTokens: inputTokens + outputTokens / 2 };
  const running = { ...r.running, offered: k, batch: k };
  const { decode } = decodeAt({ ...context, batch: k, running }, k);
  return {
    prefillSeconds,
    decodeSecondsPerToken: k / decode.tokensPerSecond,
    meanWaitSeconds: (prefillSeconds * (perReplica - 1)) / (2 * perReplica),
  };
}

/**
 * The lockstep run of `shape` (answers of one length, `outputMin`) through the engine's running
 * batch: waves of `r.batch` prompts, the last of what remains.
 */
export function lockstepRun(
  r: ResolvedServing,
  inputTokens: number,
  shape: FiniteRunShape,
): FiniteRun {
  const output = shape.outputMin;
  const slots = Math.min(r.batch, shape.prompts);
  const full = Math.floor(shape.prompts / slots);
  const rest = shape.prompts - full * slots;
  let time = 0;
  let inFlight = 0;
  let tpotSum = 0;
  const tpots = new LatencySample();
  const spans = new TimelineRecorder();
  for (const [k, count] of [
    [slots, full],
    [rest, 1],
  ] as const) {
    if (k === 0) continue;
    const w = wave(r, inputTokens, output, k);
    const seconds = w.prefillSeconds + (output - 1) * w.decodeSecondsPerToken;
    for (let i = 0; i < count; i++) spans.add(time + i * seconds, time + (i + 1) * seconds, k);
    time += count * seconds;
    inFlight += count * k * seconds;
    const gaps = output - 1;
    const tpot = gaps === 0 ? 0 : w.decodeSecondsPerToken + w.meanWaitSeconds / gaps;
    tpotSum += count * k * tpot;
    tpots.add(tpot, count * k);
  }
  return {
    ...shape,
    outputTokensPerSecond: (shape.prompts * output) / time,
    meanConcurrency: inFlight / time,
    timePerOutputTokenSeconds: tpotSum / shape.prompts,
    tpot: tpots.percentiles(),
    durationSeconds: time,
    longestAnswer: output,
    wave: slots,
    flood: false,
    simulated: null,
    timeline: spans.timeline(time),
  };
}
