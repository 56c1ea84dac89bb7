/**
 * The series of the serving charts, computed from the same resolved deployment as the headline
 * numbers: memory of the busiest device against context for both KV layouts, and decode
 * throughput and cost against batch. Every figure a chart states at the chosen point is the
 * estimate's own (serving.perDeviceBytes, serving.decode), and the chosen point lies on the
 * curves, so a chart and the headline never give two values for one quantity.
 */
import {
  logSpace,
  memoryVsContext,
  speedVsBatch,
  type MemoryCurve,
  type SpeedPoint,
} from '../serving/curves.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import { localMemoryVsContext, type LocalMemoryCurves } from '../serving/local-curves.ts';
import type { LocalServingEstimate } from '../serving/local-estimate.ts';
import type { KvLayout } from '../serving/kv-cache.ts';
import type { ResolvedServing } from '../serving/resolve.ts';

/** The context axis spans at least 1k to 10M tokens (see `contextDomain`). */
export const CONTEXT_DOMAIN: readonly [number, number] = [1e3, 1e7];
const CONTEXT_POINTS = 36;
/** The batch axis of the speed charts ends here, or at the chosen batch if larger. */
export const MAX_BATCH_SHOWN = 4096;
const BATCH_POINTS = 30;

export interface ServingCharts {
  memory: {
    /** Both KV layouts' curves, or the chosen one's alone where no layer has a window. */
    curves: MemoryCurve[];
    domain: readonly [number, number];
    /**
     * The chosen context and KV layout, and the busiest device's bytes there for each layout:
     * the chosen layout's is the estimate's `perDeviceBytes`, the other one's its curve's point
     * (the same bytes, where it has no curve).
     */
    chosen: { contextTokens: number; layout: KvLayout; bytes: Record<KvLayout, number> };
    /** With system RAM: the GPU's and the host's memory, each against its capacity. */
    local?: LocalMemoryCurves;
  };
  speed: {
    /** Every batch of the axis, fitting in memory or not. */
    points: SpeedPoint[];
    /** The points that fit in memory: the only ones the charts draw. */
    fitting: SpeedPoint[];
    /** The point at the chosen batch. */
    chosen: SpeedPoint;
    /** The point at the largest batch that fits, when one does. */
    best: SpeedPoint | undefined;
    maxBatch: number;
  };
}

/**
 * The context axis: 1k to 10M tokens, widened to the chosen context and to the model's
 * `max_position_embeddings`, so the chosen context always has its place on it.
 * (131072, 131072) -> [1e3, 1e7]; (10485760, 10485760) -> [1e3, 10485760]; (512, null) -> [100, 1e7].
 */
export function contextDomain(
  contextTokens: number,
  maxPositionTokens: number | null,
): [number, number] {
  const lo = Math.min(CONTEXT_DOMAIN[0], 10 ** Math.floor(Math.log10(contextTokens)));
  const hi = Math.max(CONTEXT_DOMAIN[1], contextTokens, maxPositionTokens ?? 0);
  return [lo, hi];
}

/**
 * Both charts' series. The context axis includes the chosen context and both fit limits, the
 * batch axis the chosen batch and the largest that fits, so all of them lie on the lines.
 */
export function servingCharts(resolved: ResolvedServing, serving: ServingEstimate): ServingCharts {
  const { deployment, contextTokens, batch } = resolved;
  const domain = contextDomain(contextTokens, deployment.spec.maxContextTokens);
  const contexts = [...logSpace(domain[0], domain[1], CONTEXT_POINTS), contextTokens];
  const curves = memoryVsContext(deployment, batch, contexts);
  // A layout without a curve of its own keeps what the chosen one does (no windowed layers).
  const at = (layout: KvLayout) =>
    curves
      .find((c) => c.layout === layout && layout !== deployment.kvLayout)
      ?.points.find((p) => p.contextTokens === contextTokens)!.bytes ?? serving.perDeviceBytes;
  const maxBatch = serving.maxBatch;
  const batchEnd = Math.max(MAX_BATCH_SHOWN, batch);
  const axis = logSpace(1, batchEnd, BATCH_POINTS);
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
    resolved.speculation,
  );
  return {
    memory: {
      curves,
      domain,
      chosen: {
        contextTokens,
        layout: deployment.kvLayout,
        bytes: { hybrid: at('hybrid'), full: at('full') },
      },
      ...('hostBytes' in serving
        ? {
            local: localMemoryVsContext(
              deployment.spec,
              serving as LocalServingEstimate,
              deployment.kvDtype,
              batch,
              contexts,
            ),
          }
        : {}),
    },
    speed: {
      points,
      fitting: points.filter((p) => p.fits),
      chosen: points.find((p) => p.batch === batch)!,
      best: points.find((p) => maxBatch > 0 && p.batch === maxBatch),
      maxBatch,
    },
  };
}
