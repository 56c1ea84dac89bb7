/**
 * What a decode or prefill step waits on most, for the page's Decode card, the CLI's summary and
 * the planner's "what binds it" (planner/cheapest.ts).
 */

/**
 * What a step waits on most: reading bytes ('memory'), FLOPs ('compute'), the collectives left
 * after overlap ('communication'), the fixed time its kernels take whatever their size
 * ('overhead': KERNEL_SECONDS, assumptions.ts, and the CDNA3 term, kernels.ts), or the host
 * launching it ('host').
 */
export type StepBound = 'memory' | 'compute' | 'communication' | 'overhead' | 'host';

/**
 * The largest part of a step. The devices' time is the kernels' rooflines (each the longer of its
 * bytes and its FLOPs), the fixed time per kernel and the exposed collectives; the host bounds
 * the step when its launches take longer than all of that (vLLM issue #47089).
 */
export function stepBound(
  parts: { memory: number; compute: number; communication: number; overhead: number },
  deviceSeconds: number,
  launchSeconds: number,
): StepBound {
  if (launchSeconds > deviceSeconds) return 'host';
  let bound: StepBound = 'memory';
  let most = parts.memory;
  for (const key of ['compute', 'communication', 'overhead'] as const) {
    if (parts[key] > most) [bound, most] = [key, parts[key]];
  }
  return bound;
}
