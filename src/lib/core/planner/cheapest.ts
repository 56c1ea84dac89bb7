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
 * A point's price as the plan compares them: the fleet's $ per hour when the workload has a rate
 * or users (the units it needs of the point, planned.ts `fleetOf`), else a fully loaded unit's $
 * per million output tokens.
 */
export function planPrice(
  p: PlanPoint,
  w: ResolvedWorkload,
  usd: number,
): { price: number; gpus: number } {
  const fleet = fleetOf(p, w, usd);
  return fleet
    ? { price: fleet.usdPerHour, gpus: fleet.gpus }
    : { price: unitCost(p, usd), gpus: p.unitGpus };
}

/**
 * The point that meets every target at the lowest price (planPrice). Ties go to fewer devices,
 * then to the faster rate per user.
 */
export function cheapestPoint(
  points: readonly PlanPoint[],
  w: ResolvedWorkload,
  usdOf: (p: PlanPoint) => number,
): PlanPoint | null {
  let best: { p: PlanPoint; price: number; gpus: number } | null = null;
  for (const p of points) {
    if (!meetsTargets(p, w)) continue;
    const { price, gpus } = planPrice(p, w, usdOf(p));
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
 * Per device, the deployments no other of that device beats on both price (planPrice, as the
 * cheapest is chosen) and tokens/s per user, by rate per user; devices ordered by their lowest
 * price.
 */
export function costFrontiers(
  points: readonly PlanPoint[],
  w: ResolvedWorkload,
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
    const priced = list.map((p) => ({ p, price: planPrice(p, w, usdOf(p)).price }));
    const front = paretoFrontier(
      priced,
      (q) => q.p.tokensPerSecondPerUser,
      (q) => -q.price,
    );
    const device = list[0]!.layout.device;
    return {
      device: device.id,
      deviceName: device.name,
      lowest: Math.min(...front.map((q) => q.price)),
      points: front.map((q) => show(q.p)),
    };
  });
  return out
    .sort((a, b) => a.lowest - b.lowest)
    .map(({ device, deviceName, points }) => ({ device, deviceName, points }));
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
