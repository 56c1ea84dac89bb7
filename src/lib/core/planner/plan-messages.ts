/**
 * What the plan says when no deployment meets the targets: the nearest miss, by how far it falls
 * short of each target; or, when nothing fits at all, the layout that came closest to fitting.
 */
import type { ModelSpec } from '../model/types.ts';
import type { Device } from '../serving/hardware.ts';
import type { PlanPoint } from './planned.ts';
import type { LayoutCandidate } from './space.ts';
import type { ResolvedWorkload } from './workload.ts';

/** A figure to three significant digits, without a trailing ".0". */
function figure(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** "8 x H200 (TP 8, EP 1, PP 1; weights fp8, KV bf16) at batch 4". */
export function layoutLabel(l: LayoutCandidate, batch?: number): string {
  const formats = [
    l.weights ? `weights ${l.weights}` : "the checkpoint's weights",
    l.expertWeights ? `experts ${l.expertWeights}` : null,
    `KV ${l.kvDtype}`,
  ].filter(Boolean);
  const at = batch === undefined ? '' : ` at batch ${batch}`;
  return `${l.gpus} x ${l.device.name} (TP ${l.tp}, EP ${l.ep}, PP ${l.pp}; ${formats.join(', ')})${at}`;
}

/** How far a point falls short of the targets: 1 when it meets them, above 1 when it misses. */
export function shortfall(p: PlanPoint, w: ResolvedWorkload): number {
  return Math.max(
    1,
    w.minTokensPerSecondPerUser / p.tokensPerSecondPerUser,
    p.ttftSeconds / w.maxTtftSeconds,
  );
}

/** The message for targets no fitting deployment meets, naming the nearest miss. */
export function missMessage(
  points: readonly PlanPoint[],
  w: ResolvedWorkload,
  usdOf: (p: PlanPoint) => number,
): string {
  let nearest = points[0]!;
  for (const p of points) {
    const s = shortfall(p, w);
    const n = shortfall(nearest, w);
    if (s < n || (s === n && usdOf(p) * p.unitGpus < usdOf(nearest) * nearest.unitGpus))
      nearest = p;
  }
  const parts: string[] = [];
  if (w.minTokensPerSecondPerUser > 0)
    parts.push(
      `${figure(nearest.tokensPerSecondPerUser)} tokens/s per user against the ${figure(w.minTokensPerSecondPerUser)} asked`,
    );
  if (Number.isFinite(w.maxTtftSeconds))
    parts.push(
      `a first token in ${figure(nearest.ttftSeconds)} s against ${figure(w.maxTtftSeconds)} s`,
    );
  const mode = nearest.prefill ? ', prefill on its own pool' : '';
  return `No deployment searched meets the targets. The nearest: ${layoutLabel(nearest.layout, nearest.batch)}${mode}, with ${parts.join(' and ')}.`;
}

/** The message when the model fits on none of the layouts searched. */
export function noFitMessage(
  spec: ModelSpec,
  w: ResolvedWorkload,
  devices: readonly Device[],
  maxGpus: number,
  nearest: { layout: LayoutCandidate; ratio: number } | null,
): string {
  const names = devices.map((d) => d.name).join(', ');
  const head = `${spec.name} with ${w.fitContextTokens} tokens of context fits on no layout of up to ${maxGpus} of ${names}.`;
  if (!nearest) return head;
  const need =
    nearest.ratio > 1
      ? `its weights alone need ${figure(nearest.ratio * 100)}% of each device's memory`
      : 'its weights fit, but not with the engine runtime and one sequence of KV cache';
  return `${head} The nearest, ${layoutLabel(nearest.layout)}: ${need}. Allow more devices (max GPUs), a smaller weight format or a shorter context.`;
}
