/**
 * Choosing among the scored deployments: the cheapest that meets the targets, what binds it, and
 * each device's price frontier.
 */
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { EngineId } from '../serving/engines.ts';
import { splitsStatePool } from '../serving/state-pool.ts';
import { costPerMillionTokens, decodeAt, estimateResolved } from '../serving/estimate.ts';
import { maxBatch } from '../serving/fit-limits.ts';
import { paretoFrontier } from './pareto.ts';
import {
  fleetOf,
  meetsTargets,
  type Binding,
  type PlanPoint,
  type PlannedDeployment,
} from './planned.ts';
import { resolveCandidate } from './score.ts';
import type { ResolvedWorkload } from './workload.ts';

/** $ per million output tokens of a point's unit, fully loaded. */
export function unitCost(p: PlanPoint, usd: number): number {
  return costPerMillionTokens(p.unitGpus, usd, p.outputTokensPerSecond);
}

/**
 * The point that meets every target at the lowest price: the fleet's $ per hour when the workload
 * has a rate or users, else a fully loaded unit's $ per million output tokens. Ties go to fewer
 * devices, then to the faster rate per user.
 */
export function cheapestPoint(
  points: readonly PlanPoint[],
  w: ResolvedWorkload,
  usdOf: (p: PlanPoint) => number,
): PlanPoint | null {
  let best: { p: PlanPoint; price: number; gpus: number } | null = null;
  for (const p of points) {
    if (!meetsTargets(p, w)) continue;
    const usd = usdOf(p);
    const fleet = fleetOf(p, w, usd);
    const price = fleet ? fleet.usdPerHour : unitCost(p, usd);
    const gpus = fleet ? fleet.gpus : p.unitGpus;
    const better =
      best === null ||
      price < best.price ||
      (price === best.price &&
        (gpus < best.gpus ||
          (gpus === best.gpus && p.tokensPerSecondPerUser > best.p.tokensPerSecondPerUser)));
    if (better) best = { p, price, gpus };
  }
  return best?.p ?? null;
}

/**
 * What limits a deployment: memory when its batch is the most its memory holds (a larger one
 * would be cheaper per token), else the largest part of its decode step at the mean context:
 * reading weights and KV (bandwidth), matmuls (compute), the collectives left after overlap
 * (communication) or kernel launches and floors (overhead). Parts from speed.ts `decodeStep`.
 */
export function binding(
  spec: ModelSpec,
  count: ParamCount,
  p: PlanPoint,
  w: ResolvedWorkload,
  engine: EngineId,
  usd: number,
): Binding {
  const r = resolveCandidate(spec, count, p.layout, w.fitContextTokens, engine, usd)!;
  const d = r.deployment;
  // what memory holds: the KV cache, and SGLang's state pool for a hybrid model (state-pool.ts)
  const kvHeld = maxBatch(d, w.fitContextTokens);
  const held = splitsStatePool(d) ? Math.min(kvHeld, r.running.cap ?? kvHeld) : kvHeld;
  if (p.batch === held && held < d.memory.maxSequences * d.layout.dp) return 'memory';
  const context = w.inputTokens + w.outputTokens / 2;
  const { decode } = decodeAt({ ...r, contextTokens: context }, p.batch);
  // The step's own bound (serving/bound.ts); the host's launches are fixed cost per step too.
  const bound = decode.bound;
  return bound === 'memory' ? 'bandwidth' : bound === 'host' ? 'overhead' : bound;
}

/**
 * Per device, the deployments no other of that device beats on both price and tokens/s per user,
 * by rate per user; devices ordered by their lowest price.
 */
export function costFrontiers(
  points: readonly PlanPoint[],
  usdOf: (p: PlanPoint) => number,
  show: (p: PlanPoint) => PlannedDeployment,
): { device: string; deviceName: string; points: PlannedDeployment[] }[] {
  const byDevice = new Map<string, PlanPoint[]>();
  for (const p of points) {
    const list = byDevice.get(p.layout.device.id) ?? [];
    list.push(p);
    byDevice.set(p.layout.device.id, list);
  }
  const out = [...byDevice.values()].map((list) => {
    const front = paretoFrontier(
      list,
      (p) => p.tokensPerSecondPerUser,
      (p) => -unitCost(p, usdOf(p)),
    ).map(show);
    const device = list[0]!.layout.device;
    return { device: device.id, deviceName: device.name, points: front };
  });
  const lowest = (f: { points: PlannedDeployment[] }) =>
    Math.min(...f.points.map((p) => p.costPerMillionOutputTokens));
  return out.sort((a, b) => lowest(a) - lowest(b));
}

/**
 * What the explorer shows once a deployment is applied to it: the serving estimate of its decode
 * replica at the workload's longest context and the deployment's batch (estimate.ts), decode alone,
 * without the run's prefill. The plan's own rates are the whole run's (workload.ts).
 */
export function explorerFigures(
  spec: ModelSpec,
  count: ParamCount,
  p: PlanPoint,
  w: ResolvedWorkload,
  engine: EngineId,
  usd: number,
): NonNullable<PlannedDeployment['explorer']> {
  const r = resolveCandidate(spec, count, p.layout, w.fitContextTokens, engine, usd)!;
  const e = estimateResolved({ ...r, batch: p.batch });
  return {
    contextTokens: w.fitContextTokens,
    decodeTokensPerSecond: e.decode.tokensPerSecond,
    decodeTokensPerSecondPerUser: e.decode.tokensPerSecondPerUser,
    costPerMillionOutputTokens: e.costPerMillionOutputTokens,
    fits: e.fits,
  };
}
