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

/** The explorer page next to this script, for "Open in MoE Explorer". */
const APP_URL = new URL(/* @vite-ignore */ './', import.meta.url).href;

export class MoeExplorerElement extends HTMLElement {
  static observedAttributes = ['state', 'view', 'chart', 'theme'];
  #root: ShadowRoot | null = null;
  #app: Record<string, unknown> | null = null;

  connectedCallback(): void {
    this.#render();
  }

  disconnectedCallback(): void {
    if (this.#app) void unmount(this.#app);
    this.#app = null;
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#render();
  }

  #render(): void {
    if (!this.#root) {
      this.#root = this.attachShadow({ mode: 'open' });
    }
    if (this.#app) void unmount(this.#app);
    this.#root.replaceChildren();
    const style = document.createElement('style');
    style.textContent = `:host { display: block; contain: content; }\n${themeCss}`;
    const target = document.createElement('div');
    this.#root.append(style, target);
    this.#app = mount(ElementRoot, {
      target,
      props: {
        state: this.getAttribute('state') ?? '',
        view: this.getAttribute('view'),
        chart: this.getAttribute('chart'),
        theme: this.getAttribute('theme'),
        appUrl: APP_URL,
      },
    });
  }
}

if (!customElements.get('moe-explorer')) customElements.define('moe-explorer', MoeExplorerElement);
