/**
 * The snippets the Embed dialog offers, for a share query and the page's address. Pure.
 */
import type { EmbedView } from './presentation.ts';

/** HTML-escapes text for an attribute value inside a snippet. */
function attr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * An iframe of the embed view, and a listener that sizes it from the embed's height messages
 * ({ type: 'moe-explorer:height', height }).
 */
export function iframeSnippet(appUrl: string, query: string, view: EmbedView): string {
  const src = `${appUrl}?${query}&embed=1&view=${view}`;
  return [
    `<iframe src="${attr(src)}" title="MoE Explorer" style="width: 100%; border: 0" height="640" loading="lazy"></iframe>`,
    `<script>`,
    `  addEventListener('message', (e) => {`,
    `    if (e.data?.type !== 'moe-explorer:height') return;`,
    `    for (const f of document.querySelectorAll('iframe[title="MoE Explorer"]'))`,
    `      if (f.contentWindow === e.source) f.height = e.data.height;`,
    `  });`,
    `</script>`,
  ].join('\n');
}

/** The <moe-explorer> element and the module that defines it. */
export function elementSnippet(appUrl: string, query: string, view: EmbedView): string {
  return [
    `<script type="module" src="${attr(new URL('moe-explorer.js', appUrl).href)}"></script>`,
    `<moe-explorer state="${attr(query)}" view="${view}" theme="auto"></moe-explorer>`,
  ].join('\n');
}
