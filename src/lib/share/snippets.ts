/**
 * The snippets the Embed dialog offers, for a share query, the page's address and the embed's
 * options. Pure.
 */
import { presentationQuery, type EmbedChoice, type EmbedHeight } from './presentation.ts';

/** What the Embed dialog lets a person choose: what the reader sees, and how tall it is. */
export interface EmbedOptions extends EmbedChoice {
  height: EmbedHeight;
}

/** The height an iframe that sizes itself starts at, before its first height message. */
export const AUTO_IFRAME_START_PX = 640;

/** HTML-escapes text for an attribute value inside a snippet. */
function attr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The address of the embed view: the share query, then the presentation.
 * embedUrl('https://x.org/moe/', 'v=1&m=dbrx', { view: 'params', theme: 'auto', ... })
 *   = 'https://x.org/moe/?v=1&m=dbrx&embed=1&view=params'
 */
export function embedUrl(appUrl: string, query: string, options: EmbedChoice): string {
  return `${appUrl}?${query ? `${query}&` : ''}${presentationQuery(options)}`;
}

/**
 * An iframe of the embed view. At height 'auto', with a listener that sizes it from the
 * embed's height messages ({ type: 'moe-explorer:height', height }); at a fixed height, the
 * iframe alone, which scrolls if its content is taller.
 */
export function iframeSnippet(appUrl: string, query: string, options: EmbedOptions): string {
  const src = embedUrl(appUrl, query, options);
  const auto = options.height === 'auto';
  const height = auto ? AUTO_IFRAME_START_PX : options.height;
  const iframe = `<iframe src="${attr(src)}" title="MoE Explorer" style="width: 100%; border: 0" height="${height}" loading="lazy"></iframe>`;
  if (!auto) return iframe;
  return [
    iframe,
    `<script>`,
    `  addEventListener('message', (e) => {`,
    `    if (e.data?.type !== 'moe-explorer:height') return;`,
    `    for (const f of document.querySelectorAll('iframe[title="MoE Explorer"]'))`,
    `      if (f.contentWindow === e.source) f.height = e.data.height;`,
    `  });`,
    `</script>`,
  ].join('\n');
}

/**
 * The <moe-explorer> element and the module that defines it. At a fixed height the element
 * gets it as a style, and scrolls inside; at 'auto' it is as tall as its content.
 */
export function elementSnippet(appUrl: string, query: string, options: EmbedOptions): string {
  const { view, theme, chart, height } = options;
  const chartAttr = view === 'serving' && chart !== 'memory' ? ` chart="${chart}"` : '';
  const style = height === 'auto' ? '' : ` style="height: ${height}px; overflow: auto"`;
  return [
    `<script type="module" src="${attr(new URL('moe-explorer.js', appUrl).href)}"></script>`,
    `<moe-explorer state="${attr(query)}" view="${view}"${chartAttr} theme="${theme}"${style}></moe-explorer>`,
  ].join('\n');
}
