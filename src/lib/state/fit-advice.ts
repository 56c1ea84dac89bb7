/**
 * The advice for a deployment that does not fit: loaded with the advice panel, only when a
 * deployment does not fit. With a host (one GPU and system RAM), llama.cpp's host-side changes
 * (core explorer/local-fit-suggestions.ts); else the data centre's (more or larger GPUs).
 */
import {
  fitSuggestions,
  localFitSuggestions,
  overflowParts,
  type DeploymentSettings,
  type ExplorerResult,
  type FitSuggestion,
  type LocalFitSuggestion,
  type LocalServingEstimate,
  type ServingEstimate,
} from '../core/index.ts';

export type { FitSuggestion, LocalFitSuggestion };

/** How far over budget the busiest device is, and whether the weights alone are. */
export const overflow = (serving: ServingEstimate) => overflowParts(serving);

/** The local estimate of a deployment with a host; null for a data-centre one. */
export function localOf(
  deployment: DeploymentSettings,
  serving: ServingEstimate,
): LocalServingEstimate | null {
  return deployment.host && 'hostBytes' in serving ? (serving as LocalServingEstimate) : null;
}

/** The smallest change along each axis that makes a data-centre deployment fit. */
export function suggestionsFor(
  result: ExplorerResult,
  deployment: DeploymentSettings,
  serving: ServingEstimate,
): FitSuggestion[] {
  return fitSuggestions(result, deployment, serving);
}

/** The same for a deployment with a host: llama.cpp's changes, on the host's side first. */
export function localSuggestionsFor(
  result: ExplorerResult,
  deployment: DeploymentSettings,
  serving: LocalServingEstimate,
): LocalFitSuggestion[] {
  return localFitSuggestions(result, deployment, serving);
}
