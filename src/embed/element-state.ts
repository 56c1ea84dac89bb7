/**
 * The state a <moe-explorer> element shows, whatever its `state` attribute holds: the host page
 * gets no error from the element. openLink already falls back to a model that builds; should
 * anything still throw, the element shows the default model, with a line saying why.
 */
import type { ExplorerState } from '../lib/state/explorer.svelte.ts';
import { openLink } from '../lib/state/share.ts';

/**
 * The explorer a state attribute describes, with the link's warnings; if opening it throws,
 * the default model, and a warning with the reason.
 * openState(q).warnings = ['state: this model could not be shown (Invalid array length);
 *   showing Llama 4 Scout instead'] for a q whose opening throws that RangeError
 */
export function openState(query: string): { explorer: ExplorerState; warnings: string[] } {
  try {
    return openLink(query);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    const { explorer } = openLink('');
    return {
      explorer,
      warnings: [
        `state: this model could not be shown (${reason}); showing ${explorer.modelLabel} instead`,
      ],
    };
  }
}
