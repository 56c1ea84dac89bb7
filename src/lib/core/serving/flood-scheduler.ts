/**
 * The step-by-step run of a flood (flood-run.ts) as vLLM's V1 scheduler runs it
 * (`vllm/v1/core/sched/scheduler.py` `schedule`), with its KV cache in blocks:
 * - each step has a budget of `max_num_batched_tokens`; the running requests come first, in the
 *   order they were admitted, a decode token each or their prompt's next chunk;
 * - a running request's new tokens need blocks (`kv_cache_manager.allocate_slots`); when the
 *   cache has too few, the request admitted last is preempted (`self.running.pop()`): its blocks
 *   are freed and it goes back to the front of the queue, to be computed again whole, its prompt
 *   and the tokens it had emitted (the docs' "Preemption": "Preempted requests are recomputed when
 *   sufficient KV cache space becomes available again");
 * - only in a step without preemption are waiting requests admitted, the preempted first, each
 *   as long as the budget, `max_num_seqs` and the free blocks for its chunk allow. A request
 *   holds blocks for the tokens it has computed, not for the answer it will write: a flood of
 *   more prompts than the cache holds at full length runs more of them at once than that, and
 *   pays in preemptions.
 *
 * Prefix caching may keep a preempted request's blocks until they are reused; here they are
 * computed again.
 *
 * A run at a request rate sends each request at its arrival (`arrivals`), and on SGLang runs its
 * prompts in passes of their own (`prefillPassSeconds`), the running batch waiting.
 */
import { ConfigError } from '../model/errors.ts';
import { LatencySample, type Percentiles } from './percentiles.ts';
import { TimelineRecorder, type RunTimeline } from './run-timeline.ts';

/** What a flood is made of: the answers, each prompt's tokens, the engine's limits and the costs. */
export interface FloodInput {
  lengths: readonly number[];
  inputTokens: number;
  /** Tokens a step runs: one for each sequence decoding, the rest for prompts. */
  budget: number;
  /** The decode step of b sequences, seconds. */
  decodeSeconds: (b: number) => number;
  prefillSecondsPerToken: number;
  /** KV cache blocks of the deployment; unbounded when absent. */
  kvBlocks?: number;
  /** Tokens a block holds (vLLM `block_size`); 16 when absent. */
  blockTokens?: number;
  /** Sequences the engine runs at once (vLLM `max_num_seqs`); unbounded when absent. */
  maxRunning?: number;
  /** Requests the client keeps in flight (its max concurrency); all at once when absent. */
  inFlight?: number;
  /** When the client sends each request (answer-lengths.ts `arrivalTimes`); at 0 when absent. */
  arrivals?: readonly number[];
  /**
   * Prompts in passes of their own (SGLang, `get_next_batch_to_run`: a prefill batch whenever
   * prompts wait and can be admitted, the running batch only when none can): a step with prompt
   * tokens runs only them, the running sequences waiting, and lasts this for those tokens.
   * Absent: prompts ride in the decode steps (vLLM).
   */
  prefillPassSeconds?: (tokens: number) => number;
}

/** What the simulation gives: the run's duration, summed latencies, the benchmark's means. */
export interface FloodOutcome {
  durationSeconds: number;
  latencySumSeconds: number;
  meanTpotSeconds: number;
  meanTtftSeconds: number;
  /** The requests' TPOT (those of two tokens or more) and TTFT at their median and 99th percentile. */
  tpot: Percentiles;
  ttft: Percentiles;
  /** Requests preempted, counted once each time. */
  preemptions: number;
  /** Requests in flight over the run, each from when it was sent to its last token. */
  timeline: RunTimeline;
}

/** A request: its answer, the tokens it has emitted and computed, and what it has left to compute. */
interface Request {
  length: number;
  /** When the client sent it. */
  sent: number;
  emitted: number;
  /** Time of its first token; -1 before. */
  first: number;
  /** Tokens whose KV it holds. */
  held: number;
  /** Tokens to compute before its next token: its prompt, or all it had after a preemption. */
  toCompute: number;
}

/** The simulation's state between steps. */
class Scheduler {
  running: Request[] = [];
  /** Preempted requests; the last pushed is the front of the queue. */
  preempted: Request[] = [];
  next = 0;
  free: number;
  preemptions = 0;
  /** When each request finished, in order: the client sends one more at each. */
  ends: number[] = [];
  /** The time the next step starts. */
  now = 0;
  readonly block: number;

  constructor(readonly f: FloodInput) {
    this.free = f.kvBlocks ?? Infinity;
    this.block = f.blockTokens ?? 16;
  }

  blocks(tokens: number): number {
    return Math.ceil(tokens / this.block);
  }

  waiting(): boolean {
    return this.preempted.length > 0 || this.sendTime(this.next) <= this.now;
  }

  /**
   * When the client sends request `i`: at its arrival, once an earlier request has freed a slot
   * of its concurrency; Infinity past the last request or before that slot frees.
   */
  sendTime(i: number): number {
    if (i >= this.f.lengths.length) return Infinity;
    const slot = i - (this.f.inFlight ?? Infinity);
    const free = slot < 0 ? 0 : (this.ends[slot] ?? Infinity);
    return Math.max(this.f.arrivals?.[i] ?? 0, free);
  }

  /** Frees the last running request's blocks and queues it again at the front. */
  preemptLast(): Request {
    const victim = this.running.pop()!;
    this.free += this.blocks(victim.held);
    victim.held = 0;
    victim.toCompute = this.f.inputTokens + victim.emitted;
    this.preempted.push(victim);
    this.preemptions++;
    return victim;
  }

  /** Allocates `n` more tokens to `r`, preempting from the back until they fit; false if `r` went. */
  grow(r: Request, n: number): boolean {
    const need = this.blocks(r.held + n) - this.blocks(r.held);
    while (need > this.free) if (this.preemptLast() === r) return false;
    this.free -= need;
    r.held += n;
    return true;
  }

  /** One step's work: each request scheduled with its tokens (a decode's 1, a prompt's chunk). */
  schedule(): [Request, number][] {
    if (!this.f.prefillPassSeconds) return this.budgetStep(true);
    const pass = this.budgetStep(false);
    return pass.length > 0 ? pass : this.decodeStep();
  }

  /**
   * The running requests first, in the order they were admitted, within the budget: their
   * prompts' next chunks, and with `decodes` a token for each one decoding (vLLM's mixed step;
   * without, SGLang's pass of prompts alone); then, if none was preempted, the waiting prompts.
   */
  budgetStep(decodes: boolean): [Request, number][] {
    let room = this.f.budget;
    const scheduled: [Request, number][] = [];
    const before = this.preemptions;
    for (let i = 0; i < this.running.length && room > 0; i++) {
      const r = this.running[i]!;
      if (r.toCompute === 0 && !decodes) continue;
      const n = r.toCompute > 0 ? Math.min(r.toCompute, room) : 1;
      if (!this.grow(r, n)) break;
      scheduled.push([r, n]);
      room -= n;
    }
    if (this.preemptions === before) this.admit(scheduled, room);
    return scheduled;
  }

  /** A decode step of every running sequence, a token each. */
  decodeStep(): [Request, number][] {
    const scheduled: [Request, number][] = [];
    for (let i = 0; i < this.running.length; i++) {
      const r = this.running[i]!;
      if (!this.grow(r, 1)) break;
      scheduled.push([r, 1]);
    }
    return scheduled;
  }

  /** Admits waiting requests, the preempted first, while the budget, the cap and the cache allow. */
  admit(scheduled: [Request, number][], room: number): void {
    const cap = this.f.maxRunning ?? Infinity;
    while (room > 0 && this.running.length < cap && this.waiting()) {
      const r = this.preempted.at(-1) ?? this.fresh();
      const n = Math.min(r.toCompute, room);
      const need = this.blocks(n);
      if (need > this.free) break;
      if (r === this.preempted.at(-1)) this.preempted.pop();
      else this.next++;
      this.free -= need;
      r.held = n;
      this.running.push(r);
      scheduled.push([r, n]);
      room -= n;
    }
  }

  fresh(): Request {
    const length = this.f.lengths[this.next]!;
    const sent = this.sendTime(this.next);
    return { length, sent, emitted: 0, first: -1, held: 0, toCompute: this.f.inputTokens };
  }
}

/**
 * What a step lasts: a pass of prompt chunks alone (`prefillPassSeconds`), or the decode step of
 * its decoding sequences plus its prompt tokens at the prefill rate. Takes the step's prompt
 * tokens off the requests' prompts.
 */
function stepSeconds(f: FloodInput, scheduled: [Request, number][]): number {
  let decoding = 0;
  let prompt = 0;
  for (const [r, n] of scheduled) {
    if (r.toCompute > 0) {
      r.toCompute -= n;
      prompt += n;
    } else decoding++;
  }
  if (f.prefillPassSeconds && prompt > 0) return f.prefillPassSeconds(prompt);
  return (decoding > 0 ? f.decodeSeconds(decoding) : 0) + prompt * f.prefillSecondsPerToken;
}

/**
 * The run's duration, summed latencies, the benchmark's mean TPOT and TTFT, simulated step by
 * step (stepSeconds). A request's TPOT is (its end - its first token) / (its tokens - 1), a
 * preemption's wait included; its TTFT and latency run from when the client sent it: at its
 * arrival (at the start without a request rate), or, past the client's concurrency (`inFlight`),
 * when an earlier request ended. With nothing in flight the devices wait for the next request.
 */
export function simulateFlood(f: FloodInput): FloodOutcome {
  const s = new Scheduler(f);
  let time = 0;
  let latencySum = 0;
  let tpotSum = 0;
  let tpotCount = 0;
  let ttftSum = 0;
  const [tpots, ttfts] = [new LatencySample(), new LatencySample()];
  const spans = new TimelineRecorder();
  while (s.next < f.lengths.length || s.running.length > 0 || s.preempted.length > 0) {
    s.now = time;
    const scheduled = s.schedule();
    if (scheduled.length === 0) {
      // Nothing in flight and the next request not sent yet: the devices idle until it is.
      const next = s.sendTime(s.next);
      if (s.running.length === 0 && s.preempted.length === 0 && next > time && next < Infinity) {
        time = next;
        continue;
      }
      throw new ConfigError(
        'KV cache blocks',
        f.kvBlocks,
        `room for a request's prompt and answer`,
      );
    }
    time += stepSeconds(f, scheduled);
    for (const [r] of scheduled) {
      if (r.toCompute > 0) continue; // a chunk of a prompt that has more to come
      if (r.emitted++ === 0) {
        r.first = time;
        ttftSum += time - r.sent;
        ttfts.add(time - r.sent);
      }
      if (r.emitted < r.length) continue;
      s.free += s.blocks(r.held);
      s.ends.push(time);
      latencySum += time - r.sent;
      spans.add(r.sent, time);
      if (r.length > 1) {
        tpotSum += (time - r.first) / (r.length - 1);
        tpots.add((time - r.first) / (r.length - 1));
        tpotCount++;
      }
    }
    s.running = s.running.filter((r) => r.emitted < r.length);
  }
  const count = f.lengths.length;
  return {
    durationSeconds: time,
    latencySumSeconds: latencySum,
    meanTpotSeconds: tpotCount === 0 ? 0 : tpotSum / tpotCount,
    meanTtftSeconds: count === 0 ? 0 : ttftSum / count,
    tpot: tpots.percentiles(),
    ttft: ttfts.percentiles(),
    preemptions: s.preemptions,
    timeline: spans.timeline(time),
  };
}
