/**
 * What a deployment with system RAM needs, in one chunk loaded on demand: the core's local
 * model and the share link's host codec. The page loads it when system RAM is turned on, and
 * whatever opens a link with a host waits for it (family-readers.ts `loadLocalModel`).
 */
import { addLocalEstimator, estimateWithHost } from '../core/index.ts';
import { addHostLink } from '../share/host-keys.ts';
import { encodeHost, readHost } from '../share/host-link.ts';

/** Makes deployments with a host computable, and their links readable. */
export function install(): void {
  addLocalEstimator(estimateWithHost);
  addHostLink({ encodeHost, readHost });
}
