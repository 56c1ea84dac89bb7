/**
 * <moe-explorer state="m=llama4-scout&k=2" view="serving" chart="context" theme="dark"></moe-explorer>
 *
 * One ES module (dist/moe-explorer.js) defining the element. Everything renders in a shadow
 * root with its own styles: the element neither changes nor depends on the host page's CSS,
 * and several elements on one page are independent.
 */
import { mount, unmount } from 'svelte';
import themeCss from '../lib/theme.css?inline';
import ElementRoot from './ElementRoot.svelte';
import { addStyles, attachStyles, detachStyles } from './styles.ts';

/** The explorer page next to this script, for "Open in MoE Explorer". */
const APP_URL = new URL(/* @vite-ignore */ './', import.meta.url).href;

/**
 * The host is a block the page may size and place. Inside it, .moe-edge starts every inherited
 * property afresh (`all: initial`: color, font, letter-spacing, word-spacing, text-transform,
 * text-indent, text-align, line-height, white-space, -webkit-text-fill-color, text-shadow,
 * cursor ...; `direction`, which `all` leaves, by hand), so the page's text styles do not reach
 * in; the theme then sets its own on .moe-root. Visibility alone still inherits: a page that
 * hides a section hides the calculator in it too. (.moe-root is an inline-block, in
 * ElementRoot.svelte, because a page's text-decoration reaches into blocks, not into those.)
 */
const ELEMENT_CSS =
  ':host{display:block;contain:content}' +
  '.moe-edge{all:initial;display:block;direction:ltr;visibility:inherit}';
addStyles(ELEMENT_CSS + themeCss);

export class MoeExplorerElement extends HTMLElement {
  static observedAttributes = ['state', 'view', 'chart', 'theme'];
  #root: ShadowRoot | null = null;
  #edge: HTMLDivElement | null = null;
  #app: Record<string, unknown> | null = null;

  connectedCallback(): void {
    this.#render();
  }

  disconnectedCallback(): void {
    this.#unmount();
    if (this.#root) detachStyles(this.#root);
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#render();
  }

  #unmount(): void {
    if (this.#app) void unmount(this.#app);
    this.#app = null;
  }

  #render(): void {
    if (!this.#root || !this.#edge) {
      this.#root = this.attachShadow({ mode: 'open' });
      this.#edge = document.createElement('div');
      this.#edge.className = 'moe-edge';
      this.#root.append(this.#edge);
    }
    attachStyles(this.#root);
    this.#unmount();
    this.#edge.replaceChildren();
    try {
      this.#app = mount(ElementRoot, {
        target: this.#edge,
        props: {
          state: this.getAttribute('state') ?? '',
          view: this.getAttribute('view'),
          chart: this.getAttribute('chart'),
          theme: this.getAttribute('theme'),
          appUrl: APP_URL,
        },
      });
    } catch (error) {
      // The last line of defence: ElementRoot reports what it can inside the element; whatever
      // escapes it still leaves a sentence in the element, not an error on the host page.
      this.#app = null;
      this.#edge.textContent = `MoE Explorer could not be shown: ${String(error)}`;
      console.error(error);
    }
  }
}

if (!customElements.get('moe-explorer')) customElements.define('moe-explorer', MoeExplorerElement);
