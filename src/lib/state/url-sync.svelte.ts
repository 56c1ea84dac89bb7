/**
 * The one place that touches `location` and `history`: reads the share link on load, and
 * keeps the address bar equal to the state (history.replaceState, debounced while a slider
 * is dragged), so copying the address shares exactly what is on screen.
 */
import type { ExplorerState } from './explorer.svelte.ts';
import { decode, encode } from '../share/url-codec.ts';

export const URL_WRITE_DELAY_MS = 250;

export class UrlSync {
  /** Parameters of the opening link that were ignored, one line each. */
  warnings = $state<string[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly explorer: ExplorerState) {
    if (typeof location === 'undefined' || location.search === '') return;
    const decoded = decode(location.search);
    explorer.config = decoded.config;
    explorer.unit = decoded.view.unit;
    explorer.theme = decoded.view.theme;
    this.warnings = decoded.warnings;
  }

  /** The query string of the current state. */
  get query(): string {
    const e = this.explorer;
    return encode({ config: e.config, view: { unit: e.unit, theme: e.theme } });
  }

  /** The full share link of the current state. */
  get link(): string {
    return `${location.origin}${location.pathname}?${this.query}`;
  }

  /** Call from an effect: schedules the address bar update (reads the state it depends on). */
  schedule(): () => void {
    const query = this.query;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (typeof history !== 'undefined' && `?${query}` !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`);
      }
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(this.#timer);
  }

  dismiss(): void {
    this.warnings = [];
  }
}
