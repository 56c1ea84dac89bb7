/**
 * A scored point as the plan reports it: the deployment (device, count, layout, formats, batch,
 * pools), its rates per device and per user, its time to first token and price, whether it meets
 * the targets, the fleet the workload needs of it, and the `serve` flags that reproduce it.
 */
import type { ModelSpec } from '../model/types.ts';
import type { EngineId } from '../serving/engines.ts';
import { costPerMillionTokens } from '../serving/estimate.ts';
import type { KvDtype, WeightFormatId } from '../serving/weight-formats.ts';
import { defaultWeightPlan } from '../serving/weights.ts';
import type { DisaggregatedPoint } from './disaggregate.ts';
import type { ScoredPoint } from './score.ts';
import type { LayoutCandidate } from './space.ts';
import { concurrency, type ResolvedWorkload } from './workload.ts';

/** What limits a deployment: the largest part of its decode step, or memory when it is full. */
export type Binding = 'memory' | 'bandwidth' | 'compute' | 'communication' | 'overhead';

export interface PlannedDeployment {
  device: string;
  deviceName: string;
  engine: EngineId;
  /** 'colocated': one pool prefills and decodes; 'disaggregated': separate pools. */
  mode: 'colocated' | 'disaggregated';
  /** Devices of one decode replica, and its layout. */
  gpus: number;
  tp: number;
  ep: number;
  pp: number;
  weights: WeightFormatId;
  expertWeights: WeightFormatId;
  kvDtype: KvDtype;
  /** Concurrent sequences of one decode replica. */
  batch: number;
  /** Disaggregated only: the prefill pool's layout and its replicas per decode replicas. */
  prefill: {
    gpus: number;
    tp: number;
    ep: number;
    pp: number;
    replicas: number;
    decodeReplicas: number;
  } | null;
  /** Devices of one unit: a replica, or a disaggregated unit's decode and prefill replicas. */
  unitGpus: number;
  tokensPerSecondPerGpu: number;
  tokensPerSecondPerUser: number;
  ttftSeconds: number;
  /** $ per million output tokens of a unit fully loaded, prefill included. */
  costPerMillionOutputTokens: number;
  usdPerDeviceHour: number;
  meetsTargets: boolean;
  /** The units the workload needs (null without a rate or users). */
  fleet: {
    units: number;
    gpus: number;
    usdPerHour: number;
    costPerMillionOutputTokens: number;
  } | null;
  /** What limits it, filled in for the cheapest deployment. */
  binds?: Binding;
  /**
   * For the cheapest deployment: what the explorer shows once it is applied (decode alone at the
   * longest context, as the headline's Decode and $ cards compute it).
   */
  explorer?: {
    contextTokens: number;
    decodeTokensPerSecond: number;
    decodeTokensPerSecondPerUser: number;
    costPerMillionOutputTokens: number;
    fits: boolean;
  };
  /** `serve` flags that give the same tokens/s per user (the decode replica's, when disaggregated). */
  serveArgs: string[];
}

/** A point of the search with the unit it stands for. */
export type PlanPoint = ScoredPoint & {
  unitGpus: number;
  prefill: DisaggregatedPoint['prefill'] | null;
};

/** Whether a point meets the workload's targets. */
export function meetsTargets(p: PlanPoint, w: ResolvedWorkload): boolean {
  return (
    p.tokensPerSecondPerUser >= w.minTokensPerSecondPerUser && p.ttftSeconds <= w.maxTtftSeconds
  );
}

/**
 * The units the workload needs of a point: with users, one per `batch x decode replicas` of them;
 * with a rate, as many as the requests in flight need, by Little's law (workload.ts).
 */
export function fleetOf(
  p: PlanPoint,
  w: ResolvedWorkload,
  usdPerDeviceHour: number,
): PlannedDeployment['fleet'] {
  const inFlight =
    w.users ??
    (w.rate === null
      ? null
      : concurrency(w.rate, p.ttftSeconds, w.outputTokens, p.tokensPerSecondPerUser));
  if (inFlight === null) return null;
  const perUnit = p.batch * (p.prefill?.decodeReplicas ?? 1);
  const units = Math.max(1, Math.ceil(inFlight / perUnit - 1e-9));
  const gpus = units * p.unitGpus;
  const usdPerHour = gpus * usdPerDeviceHour;
  const requestSeconds = p.ttftSeconds + w.outputTokens / p.tokensPerSecondPerUser;
  const outputPerSecond = (inFlight / requestSeconds) * w.outputTokens;
  return {
    units,
    gpus,
    usdPerHour,
    costPerMillionOutputTokens: (usdPerHour / 3600 / outputPerSecond) * 1e6,
  };
}

function formatsOf(
  spec: ModelSpec,
  l: LayoutCandidate,
): { weights: WeightFormatId; expertWeights: WeightFormatId } {
  const base = defaultWeightPlan(spec);
  return {
    weights: l.weights ?? base.linear,
    expertWeights: l.expertWeights ?? l.weights ?? base.experts,
  };
}

/** `serve` flags for the point's decode replica with the workload's lengths. */
export function serveArgs(
  p: PlanPoint,
  w: ResolvedWorkload,
  engine: EngineId,
  usd: number,
): string[] {
  const l = p.layout;
  const args = ['--engine', engine, '--gpu', l.device.id, '--gpus', String(l.gpus)];
  args.push('--tp', String(l.tp), '--ep', String(l.ep), '--pp', String(l.pp));
  if (l.weights) args.push('--weights', l.weights);
  if (l.expertWeights) args.push('--expert-weights', l.expertWeights);
  // Disaggregated, the decode replica never prefills: its rate is plain decode at the mean context.
  const context = p.prefill ? Math.round(w.inputTokens + w.outputTokens / 2) : w.fitContextTokens;
  args.push('--kv-dtype', l.kvDtype, '--context', String(context));
  args.push('--batch', String(p.batch), '--gpu-hour-usd', String(usd));
  if (!p.prefill) args.push('--input', String(w.inputTokens), '--output', String(w.outputTokens));
  return args;
}

/** The point as the plan reports it. */
export function planned(
  spec: ModelSpec,
  p: PlanPoint,
  w: ResolvedWorkload,
  engine: EngineId,
  usdPerDeviceHour: number,
): PlannedDeployment {
  const l = p.layout;
  const pre = p.prefill;
  return {
    device: l.device.id,
    deviceName: l.device.name,
    engine,
    mode: pre ? 'disaggregated' : 'colocated',
    gpus: l.gpus,
    tp: l.tp,
    ep: l.ep,
    pp: l.pp,
    ...formatsOf(spec, l),
    kvDtype: l.kvDtype,
    batch: p.batch,
    prefill: pre
      ? {
          gpus: pre.layout.gpus,
          tp: pre.layout.tp,
          ep: pre.layout.ep,
          pp: pre.layout.pp,
          replicas: pre.replicas,
          decodeReplicas: pre.decodeReplicas,
        }
      : null,
    unitGpus: p.unitGpus,
    tokensPerSecondPerGpu: p.outputTokensPerSecond / p.unitGpus,
    tokensPerSecondPerUser: p.tokensPerSecondPerUser,
    ttftSeconds: p.ttftSeconds,
    costPerMillionOutputTokens: costPerMillionTokens(
      p.unitGpus,
      usdPerDeviceHour,
      p.outputTokensPerSecond,
    ),
    usdPerDeviceHour,
    meetsTargets: meetsTargets(p, w),
    fleet: fleetOf(p, w, usdPerDeviceHour),
    serveArgs: serveArgs(p, w, engine, usdPerDeviceHour),
  };
}
