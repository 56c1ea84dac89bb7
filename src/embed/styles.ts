/**
 * The styles of every <moe-explorer> shadow root, as constructable stylesheets
 * (`adoptedStyleSheets`): a host page whose Content-Security-Policy has no 'unsafe-inline' for
 * styles blocks <style> elements, and not these. One list of sheets, in order: the element's own
 * (registered by element.ts), then each component's as it first renders (the element build sends
 * Svelte's `append_styles` here, see vite.element.config.ts). Every root adopts the whole list,
 * and is updated when a view loaded later brings its components' styles. Where a browser has no
 * adoptedStyleSheets, each root gets the same styles in one <style> element.
 */

const constructable =
  typeof ShadowRoot === 'function' &&
  'adoptedStyleSheets' in ShadowRoot.prototype &&
  'replaceSync' in CSSStyleSheet.prototype;

const texts: string[] = [];
const sheets: CSSStyleSheet[] = [];
const hashes = new Set<string>();
const roots = new Set<ShadowRoot>();

function update(root: ShadowRoot): void {
  // Assigned, not pushed: older browsers give a frozen array.
  if (constructable) root.adoptedStyleSheets = [...sheets];
  else
    (root.querySelector('style') ?? root.appendChild(document.createElement('style'))).textContent =
      texts.join('\n');
}

/** Adds a stylesheet after the others, to every root that uses the styles, now and later. */
export function addStyles(css: string): void {
  texts.push(css);
  if (constructable) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.push(sheet);
  }
  roots.forEach(update);
}

/** A Svelte component's scoped styles, added once however many times it renders. */
export function adoptComponentStyles(css: { hash: string; code: string }): void {
  if (hashes.has(css.hash)) return;
  hashes.add(css.hash);
  addStyles(css.code);
}

/** Gives a shadow root every style, and those added later; `detachStyles` stops the updates. */
export function attachStyles(root: ShadowRoot): void {
  roots.add(root);
  update(root);
}

export function detachStyles(root: ShadowRoot): void {
  roots.delete(root);
}
