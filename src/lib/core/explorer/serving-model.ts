import type { estimateResolved } from '../serving/estimate.ts';
import type { findDevice } from '../serving/hardware.ts';
import type { ResolvedServing, resolveServing } from '../serving/resolve.ts';
import type * as labels from './deployment-label.ts';

/**
 * The serving model (serving/resolve.ts, serving/estimate.ts and everything they import) as the
 * explorer's configurations resolve through it (explorer-config.ts), with the device catalog a
 * deployment's GPU type is looked up in (serving/hardware.ts) and the words that name a resolved
 * deployment (deployment-label.ts). It is held here, not imported there, so that the
 * <moe-explorer> element can load it on demand, beside the view it shows (embed/serving-chunk.ts):
 * the catalog was about 1 KB of the element's gzipped first chunk.
 * The page and the iframe embed install it when their serving chunk is in (state/share.ts
 * `loadServing`, which main.ts starts at once and the built page preloads); until then the page
 * shows its counts with stand-ins for the serving numbers. The library, the CLI and the tests
 * install it with every other on-demand module (load-all.ts).
 */
export interface ServingModel {
  resolveServing: typeof resolveServing;
  estimateResolved: typeof estimateResolved;
  findDevice: typeof findDevice;
  deploymentLabel: typeof labels.deploymentLabel;
}

let model: ServingModel | null = null;

/** Makes configurations resolvable: the serving model at hand. */
export function addServingModel(serving: ServingModel): void {
  model = serving;
}

export function servingModelLoaded(): boolean {
  return model !== null;
}

/**
 * The serving model; throws (an Error, not a ConfigError: no setting is at fault) while it is
 * not at hand: whatever resolves a configuration installs or waits for it first.
 */
export function servingModel(): ServingModel {
  if (model) return model;
  throw new Error('the serving model has not loaded');
}

/**
 * The deployment a set of numbers describes, in words (deployment-label.ts), through the
 * serving model: the core's `deploymentLabel`.
 */
export function deploymentLabel(resolved: ResolvedServing): labels.DeploymentLabel {
  return servingModel().deploymentLabel(resolved);
}
