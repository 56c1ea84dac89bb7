import { ConfigError } from '../model/errors.ts';
import type { estimateWithHost } from '../serving/local-host-settings.ts';

/**
 * The local model (serving/local-estimate.ts and what it imports) loads on demand, like the
 * readers of families without a preset: the page and the element download it only for a
 * deployment with a host. The CLI, the library and the tests load it up front.
 */
let localEstimator: typeof estimateWithHost | null = null;
let loadingLocal: Promise<void> | null = null;

/** Makes deployments with a host computable (the local model at hand). */
export function addLocalEstimator(estimator: typeof estimateWithHost): void {
  localEstimator = estimator;
}

export function localEstimatorLoaded(): boolean {
  return localEstimator !== null;
}

/** Loads the local model (one chunk); a failed load may be tried again. */
export function loadLocalEstimator(): Promise<void> {
  loadingLocal ??= import('../serving/local-host-settings.ts').then(
    (module) => addLocalEstimator(module.estimateWithHost),
    (error: unknown) => {
      loadingLocal = null;
      throw error;
    },
  );
  return loadingLocal;
}

/** The local model; ConfigError while it has not loaded. */
export function localEstimate(): typeof estimateWithHost {
  if (localEstimator) return localEstimator;
  throw new ConfigError('host', 'system RAM', 'the local model, which loads on demand: try again');
}
