// The parts of the headline that load on demand, each imported once for the page: a new import()
// at every "does not fit" would run Vite's preload helper (a DOM query per dependency) again on
// that slider move.
let fitAdvice: Promise<typeof import('./FitAdvice.svelte')> | undefined;
/** The advice for a deployment that does not fit. */
export const loadFitAdvice = () => (fitAdvice ??= import('./FitAdvice.svelte'));
let hostFit: Promise<typeof import('./HostFit.svelte')> | undefined;
/** GPU and RAM as bars: only for a deployment with a host, which loads the local model anyway. */
export const loadHostFit = () => (hostFit ??= import('./HostFit.svelte'));
