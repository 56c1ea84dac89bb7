/**
 * The advice for a deployment that does not fit: loaded with the advice panel, only when a
 * deployment does not fit.
 */
import {
  fitSuggestions,
  overflowParts,
  type DeploymentSettings,
  type ExplorerResult,
  type FitSuggestion,
  type ServingEstimate,
} from '../core/index.ts';

export type { FitSuggestion };

/** How far over budget the busiest device is, and whether the weights alone are. */
export const overflow = (serving: ServingEstimate) => overflowParts(serving);

/** The smallest change along each axis that makes the deployment fit. */
export function suggestionsFor(
  result: ExplorerResult,
  deployment: DeploymentSettings,
  serving: ServingEstimate,
): FitSuggestion[] {
  return fitSuggestions(result, deployment, serving);
}
