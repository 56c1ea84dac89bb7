/**
 * The page's and the iframe embed's door to share links (link-state.ts): they have the serving
 * model and every link decoder in their first chunk, and `openLink` installs them before it
 * opens the link. The <moe-explorer> element loads them on demand instead, and imports
 * link-state.ts alone.
 */
import { addServingModel, SERVING_MODEL } from '../core/index.ts';
import { addLinkDecoders } from '../share/link-decoders.ts';
import { LINK_DECODERS } from '../share/link-decoders-all.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { openLoadedLink } from './link-state.ts';

export { shareLink, shareQuery } from './link-state.ts';

/** link-state.ts `openLoadedLink`, with the serving model and the link decoders installed. */
export function openLink(query: string): { explorer: ExplorerState; warnings: string[] } {
  addServingModel(SERVING_MODEL);
  addLinkDecoders(LINK_DECODERS);
  return openLoadedLink(query);
}
