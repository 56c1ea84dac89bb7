/**
 * The series of the serving charts, computed from the same resolved deployment as the headline
 * numbers: memory of the busiest device against context for both KV layouts, and decode
 * throughput and cost against batch.
 */
import {
  logSpace,
  memoryVsContext,
  speedVsBatch,
  type MemoryCurve,
  type SpeedPoint,
} from '../serving/curves.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import type { ResolvedServing } from '../serving/resolve.ts';

/** The context axis of the memory chart: 1k to 10M tokens. */
export const CONTEXT_DOMAIN: readonly [number, number] = [1e3, 1e7];
const CONTEXT_POINTS = 36;
/** The batch axis of the speed charts ends here, or at the chosen batch if larger. */
export const MAX_BATCH_SHOWN = 4096;
const BATCH_POINTS = 30;

export interface ServingCharts {
  memory: { curves: MemoryCurve[]; domain: readonly [number, number] };
  speed: {
    points: SpeedPoint[];
    /** The point at the chosen batch. */
    chosen: SpeedPoint;
    /** The point at the largest batch that fits, when one does. */
    best: SpeedPoint | undefined;
    maxBatch: number;
  };
}

/**
 * Both charts' series. The batch axis includes the chosen batch and the largest that fits, so
 * both lie on the line.
 */
export function servingCharts(resolved: ResolvedServing, serving: ServingEstimate): ServingCharts {
  const { deployment, contextTokens, batch } = resolved;
  const contexts = logSpace(CONTEXT_DOMAIN[0], CONTEXT_DOMAIN[1], CONTEXT_POINTS);
  const maxBatch = serving.maxBatch;
  const axis = logSpace(1, Math.max(MAX_BATCH_SHOWN, batch), BATCH_POINTS);
  const batches = [...new Set([...axis, batch, ...(maxBatch > 0 ? [maxBatch] : [])])].sort(
    (a, b) => a - b,
  );
  const points = speedVsBatch(
    deployment,
    contextTokens,
    batches,
    resolved.efficiency,
    resolved.routing,
    resolved.usdPerDeviceHour,
  );
  return {
    memory: { curves: memoryVsContext(deployment, batch, contexts), domain: CONTEXT_DOMAIN },
    speed: {
      points,
      chosen: points.find((p) => p.batch === batch)!,
      best: points.find((p) => maxBatch > 0 && p.batch === maxBatch),
      maxBatch,
    },
  };
}
