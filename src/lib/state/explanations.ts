/**
 * "How is this computed" for the headline numbers: loaded the first time a reader opens one,
 * so the formulas' text is not in the page's first download.
 */
import { explain, type Explanation, type HeadlineId } from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

/** Every headline number's formula, with the explorer's values substituted. */
export function explainHeadline(explorer: ExplorerState): Record<HeadlineId, Explanation> {
  const { spec, count, serving } = explorer.result;
  // the KV element type the estimate used: the one asked for, or the engine's
  const kvDtype =
    explorer.result.resolved?.deployment.kvDtype ?? explorer.config.deployment.kvDtype ?? 'bf16';
  return explain(spec, count, serving, kvDtype, explorer.unit);
}
