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
   * pins): until the serving chunk is in, the address keeps them (see `followHistory`), as the
   * entry's `key=value` parts.
   */
  #unread: string[] | null = null;

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
      const query = this.#addressQuery();
      if (typeof history !== 'undefined' && `?${query}` !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`);
      }
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(this.#timer);
  }

  /**
   * The query the address bar should hold: the state's, and while the serving chunk is not in,
   * the keys of the entry shown that the stand-ins could not read (a change of the state keeps
   * them, as a change of preset or model keeps the deployment once the chunk is in, and the
   * chunk applies them from the address: main.ts). The address's own order, if it already
   * holds the same parts (the entry as it came).
   */
  #addressQuery(): string {
    const query = this.query;
    if (this.#unread === null || !servingPending()) return query;
    const merged = withParts(query, this.#unread);
    const address = location.search.slice(1);
    const parts = (q: string) => q.split('&').filter(Boolean).sort().join('&');
    return parts(merged) === parts(address) ? address : merged;
  }

  /** Opens a link of this page (a guided question) as a new entry of the history. */
  push(queryAndHash: string): void {
    clearTimeout(this.#timer);
    this.#unread = null;
    history.pushState(null, '', `${location.pathname}?${queryAndHash}`);
  }

  /**
   * Back and forward re-open the state of their entry, and say what of it was not applied; an
   * entry whose model does not build keeps the last good state, and says why. Never throws.
   * Before the serving chunk is in (share.ts `openPreview`), the entry opens with the stand-ins
   * (its model and counts); its deployment, pins and training settings are the page's to read
   * from the address once the chunk is in (main.ts), so until then the address keeps them
   * (`#addressQuery`).
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
      this.#unread = servingPending() ? unreadParts(this.query, query) : null;
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

/**
 * The query `query` and those of `parts` (`key=value`) whose keys it lacks.
 *
 * @example withParts('v=1&m=deepseek-v3', ['ctx=10000000']) // 'v=1&m=deepseek-v3&ctx=10000000'
 */
function withParts(query: string, parts: string[]): string {
  const keys = new URLSearchParams(query);
  const kept = parts.filter((part) => !keys.has(keyOf(part)));
  return [query, ...kept].filter(Boolean).join('&');
}

/** The key of a query's `key=value` part, decoded. */
function keyOf(part: string): string {
  return [...new URLSearchParams(part).keys()][0] ?? '';
}

/**
 * The parts of the query `entry` (a history entry's) whose keys the query `state` (the state's
 * link) lacks, as the entry spells them; null when it lacks none.
 *
 * @example unreadParts('v=1', '?v=1&ctx=10000000') // ['ctx=10000000']
 */
function unreadParts(state: string, entry: string): string[] | null {
  const keys = new URLSearchParams(state);
  const parts = entry
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !keys.has(keyOf(part)));
  return parts.length > 0 ? parts : null;
}
