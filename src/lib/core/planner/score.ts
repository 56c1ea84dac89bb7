/**
 * Scores one layout of the search at each of its batches: the whole-run output rate with the
 * prompts' prefill sharing the devices (serving/workload.ts, the same function `serve --input
 * --output` prints), the rate each user sees, and the time to first token.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { EngineId } from '../serving/engines.ts';
import { maxBatch } from '../serving/fit-limits.ts';
import { resolveServing, type ResolvedServing } from '../serving/resolve.ts';
import { prefill, prefillPass, type PrefillEstimate } from '../serving/speed.ts';
import { workloadThroughput } from '../serving/workload.ts';
import type { LayoutCandidate } from './space.ts';
import { queueWaitSeconds, type ResolvedWorkload } from './workload.ts';

/** A layout at one batch, fully loaded: every batch slot serving a request. */
export interface ScoredPoint {
  layout: LayoutCandidate;
  batch: number;
  /** Output tokens/s of the layout over the whole run. */
  outputTokensPerSecond: number;
  /** 1 / the time per output token after the first (workload.ts), as benchmarks print it. */
  tokensPerSecondPerUser: number;
  ttftSeconds: number;
  /** One decode step of the batch at the mean context, seconds. */
  decodeStepSeconds: number;
}

/** What a layout offers as the prefill pool of a disaggregated deployment. */
export interface PrefillPool {
  layout: LayoutCandidate;
  /** Prompt tokens/s with every replica busy, in the engine's largest chunks. */
  tokensPerSecond: number;
  /** One prompt alone, seconds. */
  aloneSeconds: number;
}

export interface ScoredLayout {
  resolved: ResolvedServing;
  /** One point per batch; a colocated unit is one replica (`unitGpus` its devices, no pool). */
  points: (ScoredPoint & { unitGpus: number; prefill: null })[];
  pool: PrefillPool | null;
  /** The largest batch the layout holds at the workload's longest context (0: it does not fit). */
  maxBatch: number;
}

/**
 * The batches tried on a layout that holds `cap` sequences: powers of two below it, the cap,
 * and, for a number of users, the batches that split them evenly over 1 to 8 replicas.
 */
export function batchesUpTo(cap: number, users: number | null): number[] {
  const limit = users === null ? cap : Math.min(cap, Math.ceil(users));
  const batches = new Set<number>();
  for (let b = 1; b < limit; b *= 2) batches.add(b);
  if (limit >= 1) batches.add(limit);
  if (users !== null)
    for (let k = 1; k <= 8; k++) {
      const b = Math.ceil(users / k);
      if (b <= limit) batches.add(b);
    }
  return [...batches].sort((a, b) => a - b);
}

/** Places the layout; null when the engines cannot lay the model out so (heads, experts). */
export function resolveCandidate(
  spec: ModelSpec,
  count: ParamCount,
  c: LayoutCandidate,
  contextTokens: number,
  engine: EngineId,
  usdPerDeviceHour: number,
): ResolvedServing | null {
  try {
    return resolveServing(
      spec,
      {
        device: c.device,
        devices: c.gpus,
        tp: c.tp,
        ep: c.ep,
        pp: c.pp,
        ...(c.weights ? { weights: c.weights } : {}),
        ...(c.expertWeights ? { expertWeights: c.expertWeights } : {}),
        kvDtype: c.kvDtype,
        contextTokens,
        batch: 1,
        usdPerDeviceHour,
        memory: { engine },
      },
      count,
    );
  } catch (e) {
    if (e instanceof ConfigError) return null;
    throw e;
  }
}

/**
 * Scores a layout at each batch it holds. Time to first token, with every slot busy: the prompt
 * alone (prefill.ts), half a decode step waiting for the running step to end, and the wait in the
 * prefill queue, an M/D/1 queue at the run's prefill share of the device time (workload.ts
 * `queueWaitSeconds`).
 */
export function scoreLayout(
  r: ResolvedServing,
  c: LayoutCandidate,
  w: ResolvedWorkload,
): ScoredLayout {
  const d = r.deployment;
  const held = maxBatch(d, w.fitContextTokens);
  // the engine's cap too: SGLang runs a third of a hybrid model's state slots (running.ts)
  const cap = Math.min(held, d.memory.maxSequences * d.layout.dp, r.running.cap ?? held);
  if (cap === 0) return { resolved: r, points: [], pool: null, maxBatch: 0 };
  const { inputTokens: I, outputTokens: O } = w;
  // One prompt's pass alone is the same at every batch; the batch's pass depends on its chunk.
  const mbt = d.memory.maxBatchedTokens;
  const alone = prefillPass(d, I, Math.min(I, mbt), r.efficiency, r.routing);
  const prefills = new Map<number, PrefillEstimate>();
  const prefillAt = (batch: number): PrefillEstimate => {
    const key = Math.min(mbt, Math.ceil(batch / d.layout.dp) * I);
    let pre = prefills.get(key);
    if (!pre) {
      pre = prefill(d, I, batch, mbt, r.efficiency, r.routing, alone);
      prefills.set(key, pre);
    }
    return pre;
  };
  const points: (ScoredPoint & { unitGpus: number; prefill: null })[] = [];
  for (const batch of batchesUpTo(cap, w.users)) {
    const pre = prefillAt(batch);
    const run = workloadThroughput({ ...r, batch }, I, O, pre);
    const service = (I * d.layout.dp) / pre.tokensPerSecond;
    points.push({
      layout: c,
      batch,
      outputTokensPerSecond: run.outputTokensPerSecond,
      tokensPerSecondPerUser: 1 / run.timePerOutputTokenSeconds,
      ttftSeconds:
        pre.timeToFirstTokenSeconds +
        run.decodeStepSeconds / 2 +
        queueWaitSeconds(run.prefillShare, service),
      decodeStepSeconds: run.decodeStepSeconds,
      unitGpus: c.gpus,
      prefill: null,
    });
  }
  const full = prefillAt(cap * 64);
  const pool = {
    layout: c,
    tokensPerSecond: full.tokensPerSecond,
    aloneSeconds: full.timeToFirstTokenSeconds,
  };
  return { resolved: r, points, pool, maxBatch: held };
}
