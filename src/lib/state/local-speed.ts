/**
 * The speed chart's CPU+GPU line, for a deployment with system RAM: decode throughput and cost
 * against batch from the local estimate (core serving/local-estimate.ts), beside the all-GPU
 * line of the serving charts. Each point is a whole local estimate (about 1 ms), so a few are
 * computed: the chosen batch (the headline's own estimate), the largest that fits, and a few
 * batches between, along the same axis.
 */
import {
  resolveDeployment,
  type DeploymentSettings,
  type ExplorerResult,
  type LocalServingEstimate,
  type ServingEstimate,
  type SpeedPoint,
} from '../core/index.ts';

/** The CPU+GPU series: its points (on the all-GPU axis), the chosen one, the largest fitting. */
export interface LocalSpeed {
  points: SpeedPoint[];
  chosen: SpeedPoint;
  best: SpeedPoint | undefined;
  maxBatch: number;
}

/** Batches estimated besides the chosen one and the largest that fits. */
export const LOCAL_SPEED_SAMPLES = 3;

function pointOf(batch: number, s: ServingEstimate): SpeedPoint {
  return {
    batch,
    tokensPerSecond: s.decode.tokensPerSecond,
    tokensPerSecondPerUser: s.decode.tokensPerSecondPerUser,
    costPerMillionOutputTokens: s.costPerMillionOutputTokens,
    fits: s.fits,
    hostBound: s.decode.bound === 'host',
  };
}

/** About `count` of the batches, evenly along the (log-spaced) axis, the first and last kept. */
function sample(batches: readonly number[], count: number): number[] {
  if (batches.length <= count) return [...batches];
  const step = (batches.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => batches[Math.round(i * step)]!);
}

/**
 * The CPU+GPU line on the batch axis of `axis` (the all-GPU points): the batches that fit are
 * estimated (a sample of them), those that do not are kept, unfit, to span the axis; null for a
 * deployment without a host.
 *
 * @example localSpeed(result, deployment, charts.speed.points)?.chosen.tokensPerSecond
 *   // the headline's decode tokens/s
 */
export function localSpeed(
  result: ExplorerResult,
  deployment: DeploymentSettings,
  axis: readonly SpeedPoint[],
): LocalSpeed | null {
  const serving = result.serving;
  if (!deployment.host || !serving || !('hostBytes' in serving)) return null;
  const local = serving as LocalServingEstimate;
  const maxBatch = local.maxBatch;
  const fitting = axis.map((p) => p.batch).filter((b) => b <= maxBatch);
  const estimated = new Set([...sample(fitting, LOCAL_SPEED_SAMPLES + 1), maxBatch]);
  const at = (batch: number): SpeedPoint | null => {
    if (batch === deployment.batch) return pointOf(batch, local);
    const s = resolveDeployment(result, { ...deployment, batch }).serving;
    return s ? pointOf(batch, s) : null;
  };
  const points: SpeedPoint[] = [];
  for (const p of axis) {
    const point =
      p.batch > maxBatch
        ? { ...p, fits: false }
        : estimated.has(p.batch) || p.batch === deployment.batch
          ? at(p.batch)
          : null;
    if (point) points.push(point);
  }
  return {
    points,
    chosen: points.find((p) => p.batch === deployment.batch) ?? pointOf(deployment.batch, local),
    best: points.find((p) => maxBatch > 0 && p.batch === maxBatch),
    maxBatch,
  };
}
