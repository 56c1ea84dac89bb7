/**
 * The page's title and description, from what it shows, so that a tab, a bookmark and a link
 * preview say which model it is. Only the full page sets them (an embed leaves its host's alone).
 */
import { formatParams } from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

/** "Llama 4 Scout · MoE Explorer" and a one-line summary of the model. */
export function pageMeta(explorer: ExplorerState): { title: string; description: string } {
  const { total, active } = explorer.result.count;
  return {
    title: `${explorer.modelLabel} · MoE Explorer`,
    description:
      `${explorer.modelLabel}: ${formatParams(total)} parameters, ${formatParams(active)} ` +
      'active per token; memory, speed and cost of serving it.',
  };
}
