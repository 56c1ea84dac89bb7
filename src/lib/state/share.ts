/**
 * An explorer opened from a share link, and the link back: one place for "decode the query,
 * build the state, make the link", used by the page, the embed and the <moe-explorer> element.
 */
import { decode, encode } from '../share/url-codec.ts';
import { ExplorerState } from './explorer.svelte.ts';

/** The state a link describes, and one line per setting of the link that was not applied. */
export function openLink(query: string): { explorer: ExplorerState; warnings: string[] } {
  const decoded = decode(query);
  const explorer = new ExplorerState(decoded.config);
  explorer.unit = decoded.view.unit;
  explorer.theme = decoded.view.theme;
  explorer.loadComparison(decoded.compare);
  return { explorer, warnings: decoded.warnings };
}

/** The query string (without "?") of what the explorer shows. */
export function shareQuery(explorer: ExplorerState): string {
  return encode({
    config: explorer.config,
    view: { unit: explorer.unit, theme: explorer.theme },
    compare: explorer.comparison,
  });
}

/** The full link of what the explorer shows, on the explorer page at `appUrl`. */
export function shareLink(explorer: ExplorerState, appUrl: string): string {
  return `${appUrl}?${shareQuery(explorer)}`;
}
