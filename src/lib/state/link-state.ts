/**
 * An explorer opened from a share link, and the link back: one place for "decode the query,
 * build the state, make the link", used by the page, the embed and the <moe-explorer> element.
 * Opening a link needs the serving model and the link decoders at hand, or their stand-ins: the
 * page and the iframe embed open theirs with share.ts `openLink` once `loadServing` has loaded
 * them, or, for a link that only names a model, with `openPreview` on the stand-ins
 * (serving-stand-ins.ts) before; the element loads them on demand first (embed/element-state.ts).
 */
import { DEFAULT_PRESET_ID, defaultConfig } from '../core/index.ts';
import { describeError, summarizeWarnings } from '../share/notices.ts';
import { decode, encode } from '../share/url-codec.ts';
import { ExplorerState } from './explorer.svelte.ts';
import { hubLinkOf, rememberHubLink } from './hub-source.ts';

/**
 * The state a link describes, and one line per setting of the link that was not applied.
 * Never throws: decode gives a state the model builds, and should building it still fail, the
 * explorer opens on its default model with a line saying why. A link never blanks the page.
 */
export function openLoadedLink(query: string): { explorer: ExplorerState; warnings: string[] } {
  const decoded = decode(query);
  const warnings = [...decoded.warnings];
  let explorer: ExplorerState;
  try {
    explorer = new ExplorerState(decoded.config);
  } catch (error) {
    const { source } = decoded.config;
    const id = source.kind === 'preset' ? source.id : DEFAULT_PRESET_ID;
    warnings.push(`this link could not be shown (${describeError(error)}); showing ${id}`);
    explorer = openDefault(id);
  }
  // The link's Hub model is read again once the page runs (url-sync.svelte.ts); meanwhile the
  // link's own copy, if it carries one, is shown, and links made from it keep naming it.
  if (decoded.hub) rememberHubLink(explorer.config.source, decoded.hub);
  explorer.unit = decoded.view.unit;
  explorer.theme = decoded.view.theme;
  explorer.loadComparison(decoded.compare);
  explorer.training = decoded.training;
  explorer.plan = decoded.plan ?? null;
  return { explorer, warnings: summarizeWarnings(warnings) };
}

/** A preset with the default settings; the default one if even that fails. */
function openDefault(id: string): ExplorerState {
  try {
    return new ExplorerState(defaultConfig(id));
  } catch {
    return new ExplorerState(defaultConfig());
  }
}

/** The query string (without "?") of what the explorer shows. */
export function shareQuery(explorer: ExplorerState): string {
  return encode({
    config: explorer.config,
    view: { unit: explorer.unit, theme: explorer.theme },
    compare: explorer.comparison,
    hub: hubLinkOf(explorer.config.source),
    training: explorer.training,
    plan: explorer.plan,
  });
}

/** The full link of what the explorer shows, on the explorer page at `appUrl`. */
export function shareLink(explorer: ExplorerState, appUrl: string): string {
  return `${appUrl}?${shareQuery(explorer)}`;
}
