import type { ExplorerResult } from '../core/index.ts';

// The parts of the headline that load on demand, each imported once for the page: a new import()
// at every "does not fit" would run Vite's preload helper (a DOM query per dependency) again on
// that slider move.
let fitAdvice: Promise<typeof import('./FitAdvice.svelte')> | undefined;
/** The advice for a deployment that does not fit. */
export const loadFitAdvice = () => (fitAdvice ??= import('./FitAdvice.svelte'));
let hostFit: Promise<typeof import('./HostFit.svelte')> | undefined;
/** GPU and RAM as bars: only for a deployment with a host, which loads the local model anyway. */
export const loadHostFit = () => (hostFit ??= import('./HostFit.svelte'));

/**
 * The parts the headline loads for this serving estimate (the advice of a deployment that does
 * not fit, a host's bars), settled when they are there; null when it needs none. The page
 * mounts what goes below the headline after them, so nothing moves when they come.
 */
export function headlinePartsLoading(serving: ExplorerResult['serving']): Promise<unknown> | null {
  if (!serving) return null;
  const loads: Promise<unknown>[] = [];
  if (!serving.fits) loads.push(loadFitAdvice());
  if ('hostBytes' in serving) loads.push(loadHostFit());
  return loads.length > 0 ? Promise.allSettled(loads) : null;
}
