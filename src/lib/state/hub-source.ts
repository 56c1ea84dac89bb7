/**
 * Which model sources came from the Hugging Face Hub, and from where: kept beside the source
 * object itself (as imported-link.ts keeps a config's link form), so that it lasts while the
 * model is edited (architecture and deployment changes keep the source object) and is gone once
 * another model is chosen or imported (a new source object). The share link names the Hub model
 * (`hf=`) as long as the page shows it.
 */
import type { ExplorerConfig } from '../core/index.ts';
import type { HubLink } from '../share/hub-link.ts';

type Source = ExplorerConfig['source'];

const links = new WeakMap<Source, HubLink>();

/**
 * Records that `source` is the model `link` names, read (or to be read again) from its Hub;
 * undefined forgets it (a link's Hub model that is no model id).
 */
export function rememberHubLink(source: Source, link: HubLink | undefined): void {
  if (link) links.set(source, link);
  else links.delete(source);
}

/** The Hub model a source came from; undefined for a preset or a pasted config. */
export function hubLinkOf(source: Source): HubLink | undefined {
  return links.get(source);
}
