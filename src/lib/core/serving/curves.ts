/**
 * Series for the serving charts, computed from the same model as the headline numbers.
 */
import { buildDeployment, deviceBudgetBytes, deviceMemory, type Deployment } from './deployment.ts';
import { maxContextTokens } from './fit-limits.ts';
import { KV_LAYOUTS, type KvLayout } from './kv-cache.ts';
import { hasWindowedAttention } from '../model/layer-list.ts';
import type { Efficiency, RoutingAssumptions } from './assumptions.ts';
import { speculativeDecode, type Speculation } from './speculative.ts';
import { decodeStep } from './speed.ts';

/** Points spread evenly on a log scale from `min` to `max`, as integers, without repeats. */
export function logSpace(min: number, max: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = Math.round(
      Math.exp(Math.log(min) + ((Math.log(max) - Math.log(min)) * i) / (count - 1)),
    );
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

export interface MemoryCurve {
  layout: KvLayout;
  points: { contextTokens: number; bytes: number }[];
  /** The largest context that fits at the batch. */
  fitLimitTokens: number;
}

/**
 * Busiest-device memory against context, for both KV layouts, with each layout's fit limit; for
 * the chosen layout alone where no layer has a window, as both then keep every token.
 * Each curve is evaluated at `contexts` and at both layouts' fit limits that lie within them,
 * so the drawn line passes through its crossing with the budget; the points are sorted.
 * Memory at a point is `deviceMemory` (deployment.ts), the function the estimate uses.
 */
export function memoryVsContext(
  d: Deployment,
  batch: number,
  contexts: readonly number[],
): MemoryCurve[] {
  const kinds: readonly KvLayout[] = hasWindowedAttention(d.spec) ? KV_LAYOUTS : [d.kvLayout];
  const layouts = kinds.map((layout) => {
    const dl = layout === d.kvLayout ? d : buildDeployment({ ...d, kvLayout: layout });
    return { layout, dl, fitLimitTokens: maxContextTokens(dl, batch) };
  });
  // Reduced, not spread into Math.min/max: a long list would overflow the stack.
  const lo = contexts.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = contexts.reduce((a, b) => Math.max(a, b), -Infinity);
  const limits = layouts.map((l) => l.fitLimitTokens).filter((t) => t >= lo && t <= hi);
  const xs = [...new Set([...contexts, ...limits])].sort((a, b) => a - b);
  return layouts.map(({ layout, dl, fitLimitTokens }) => ({
    layout,
    points: xs.map((contextTokens) => ({
      contextTokens,
      bytes: deviceMemory(dl, contextTokens, batch).totalBytes,
    })),
    fitLimitTokens,
  }));
}

export interface SpeedPoint {
  batch: number;
  tokensPerSecond: number;
  tokensPerSecondPerUser: number;
  costPerMillionOutputTokens: number;
  fits: boolean;
  /** The host's launches, not the device, set the step (step.ts: piecewise CUDA graphs). */
  hostBound: boolean;
}

/** Decode throughput and cost against batch at a context. */
export function speedVsBatch(
  d: Deployment,
  contextTokens: number,
  batches: readonly number[],
  efficiency: Efficiency,
  routing: RoutingAssumptions,
  usdPerDeviceHour: number,
  speculation: Speculation | null = null,
): SpeedPoint[] {
  const budget = deviceBudgetBytes(d);
  return batches.map((batch) => {
    const step = speculation
      ? speculativeDecode(d, speculation, contextTokens, batch, efficiency, routing).decode
      : decodeStep(d, contextTokens, batch, efficiency, routing);
    return {
      batch,
      tokensPerSecond: step.tokensPerSecond,
      tokensPerSecondPerUser: step.tokensPerSecondPerUser,
      costPerMillionOutputTokens:
        ((d.layout.devices * usdPerDeviceHour) / 3600 / step.tokensPerSecond) * 1e6,
      fits: deviceMemory(d, contextTokens, batch).totalBytes <= budget,
      hostBound: step.bound === 'host',
    };
  });
}
