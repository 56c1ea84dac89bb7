/**
 * The one place that touches `location` and `history` once the page runs: keeps the address
 * bar equal to the state (history.replaceState, debounced while a slider is dragged), so
 * copying the address shares exactly what is on screen, and re-opens a history entry on back
 * and forward. The page opens its link before (main.ts, with share.ts `openLink` or
 * `openPreview`).
 */
import { untrack } from 'svelte';
import type { ExplorerState } from './explorer.svelte.ts';
import { summarizeWarnings } from '../share/notices.ts';
import { decode } from '../share/url-codec.ts';
import { linkReadersLoading } from './family-readers.ts';
import { hubLinkOf, rememberHubLink } from './hub-source.ts';
import { servingPending } from './serving-stand-ins.ts';
import { shareLink, shareQuery } from './share.ts';

export const URL_WRITE_DELAY_MS = 250;

export class UrlSync {
  /**
   * What was not applied, one line each: parameters of the opening link or of an entry opened
   * by back or forward, and a Hub model or GGUF file that could not be read again.
   */
  warnings = $state<string[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts back and forward moves: an entry that waited applies only if none came since. */
  #moves = 0;
  /**
   * The history entry shown holds keys that the serving stand-ins could not read (a deployment,
   * pins): until the serving chunk is in, the address keeps them (see `followHistory`).
   */
  #unread = false;

  constructor(
    private readonly explorer: ExplorerState,
    warnings: string[] = [],
  ) {
    this.warnings = warnings;
  }

  /** The query string of the current state. */
  get query(): string {
    return shareQuery(this.explorer);
  }

  /** The full share link of the current state. */
  get link(): string {
    return shareLink(this.explorer, `${location.origin}${location.pathname}`);
  }

  /**
   * Call from an effect: schedules the address bar update. It reads the state the link depends
   * on, and encodes the link only when the timer fires, not on every slider move.
   */
  schedule(): () => void {
    const { config, unit, theme, pins, compareSettings, training, plan } = this.explorer;
    void [config, unit, theme, pins, compareSettings, training, plan];
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.#unread && servingPending()) return;
      const query = this.query;
      if (typeof history !== 'undefined' && `?${query}` !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`);
      }
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(this.#timer);
  }

  /** Opens a link of this page (a guided question) as a new entry of the history. */
  push(queryAndHash: string): void {
    clearTimeout(this.#timer);
    this.#unread = false;
    history.pushState(null, '', `${location.pathname}?${queryAndHash}`);
  }

  /**
   * Back and forward re-open the state of their entry, and say what of it was not applied; an
   * entry whose model does not build keeps the last good state, and says why. Never throws.
   * Before the serving chunk is in (share.ts `openPreview`), the entry opens with the stand-ins
   * (its model and counts); its deployment, pins and training settings are the page's to read
   * from the address once the chunk is in (main.ts), so until then the address is not written.
   * Call from an effect; returns the cleanup.
   */
  followHistory(): () => void {
    const apply = (query: string) => {
      const decoded = decode(query);
      const warnings = [...decoded.warnings];
      const error = this.explorer.open(decoded.config);
      if (error !== null)
        warnings.push(`this link could not be shown (${error}); the last state stays`);
      else {
        this.explorer.loadComparison(decoded.compare);
        this.explorer.training = decoded.training;
        this.explorer.plan = decoded.plan ?? null;
        if (decoded.hub) rememberHubLink(this.explorer.config.source, decoded.hub);
        this.#readHubModel();
        this.#readGguf();
      }
      this.#unread = servingPending() && !carriesAll(this.query, query);
      if (warnings.length > 0) this.warnings = summarizeWarnings(warnings);
    };
    // An entry whose model or family loads on demand waits for it (family-readers.ts), and
    // applies unless another move came meanwhile. A pending write of the address bar was the
    // entry left behind's: it must not replace this one's.
    const onpop = () => {
      clearTimeout(this.#timer);
      const query = location.search;
      const move = ++this.#moves;
      const readers = linkReadersLoading(query);
      if (readers === null) apply(query);
      else void readers.then(() => move === this.#moves && apply(query));
    };
    addEventListener('popstate', onpop);
    untrack(() => (this.#readHubModel(), this.#readGguf())); // the opening link's
    return () => removeEventListener('popstate', onpop);
  }

  /**
   * A link's Hub model (`hf=`, share/hub-link.ts) is read again from its Hub and checked
   * against its checkpoint (hub-import.svelte.ts, loaded for it); the link's own copy of the
   * model shows meanwhile, and stays if the Hub cannot be read, the notice saying why.
   */
  #readHubModel(): void {
    const warn = (line: string) => (this.warnings = summarizeWarnings([...this.warnings, line]));
    if (hubLinkOf(this.explorer.config.source))
      import('./hub-import.svelte.ts').then(
        (hub) => hub.openHubLink(this.explorer, warn),
        () => warn("hf: the Hub reader could not be loaded; the link's model is shown"),
      );
  }

  /**
   * A link's GGUF file (`gguf=`, share/gguf-link.ts) is read from its Hub (gguf-import.svelte.ts,
   * loaded for it); until it is, the deployment's weight formats size the model.
   */
  #readGguf(): void {
    const query = location.search;
    const warn = (line: string) => (this.warnings = summarizeWarnings([...this.warnings, line]));
    if (/[?&]gguf=/.test(query))
      import('./gguf-import.svelte.ts').then(
        (gguf) => gguf.openGgufLink(this.explorer, query, warn),
        () => warn('gguf: could not be loaded; ignored'),
      );
  }

  dismiss(): void {
    this.warnings = [];
  }
}

/** Whether the query `state` (the state's link) has every key of `entry` (a history entry's). */
function carriesAll(state: string, entry: string): boolean {
  const keys = new URLSearchParams(state);
  return [...new URLSearchParams(entry).keys()].every((key) => keys.has(key));
}
