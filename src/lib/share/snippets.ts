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
 * The heights, in CSS pixels, that an iframe sizing itself takes from its embed's messages. The
 * embed is at least its headline tall and a few screens at most; a height outside these (or
 * not an integer) is ignored, whoever sent it.
 */
export const FRAME_HEIGHT_PX = { min: 100, max: 5000 } as const;

/**
 * The height a message from an embed asks for, or null if it is not a height message with an
 * integer height within FRAME_HEIGHT_PX: the test the iframe snippet's script makes, once it
 * has checked that the message comes from its own iframe.
 * frameHeight({ type: 'moe-explorer:height', height: 812 }) = 812
 * frameHeight({ type: 'moe-explorer:height', height: 99999999 }) = null
 */
export function frameHeight(data: unknown): number | null {
  const { type, height } = (data ?? {}) as { type?: unknown; height?: unknown };
  if (type !== 'moe-explorer:height' || typeof height !== 'number') return null;
  const { min, max } = FRAME_HEIGHT_PX;
  return Number.isInteger(height) && height >= min && height <= max ? height : null;
}

/**
 * An iframe of the embed view. At height 'auto', with a script that sizes it from the embed's
 * height messages ({ type: 'moe-explorer:height', height }): only those from its own iframe
 * (the element before the script) and from the embed's origin, with an integer height within
 * FRAME_HEIGHT_PX; anything else is ignored. At a fixed height, the iframe alone, which
 * scrolls if its content is taller.
 */
export function iframeSnippet(appUrl: string, query: string, options: EmbedOptions): string {
  const src = embedUrl(appUrl, query, options);
  const auto = options.height === 'auto';
  const height = auto ? AUTO_IFRAME_START_PX : options.height;
  const iframe = `<iframe src="${attr(src)}" title="MoE Explorer" style="width: 100%; border: 0" height="${height}" loading="lazy"></iframe>`;
  if (!auto) return iframe;
  // In a script, "<" is written \u003c, so no origin can close the <script> element.
  const origin = JSON.stringify(new URL(src).origin).replace(/</g, '\\u003c');
  const { min, max } = FRAME_HEIGHT_PX;
  return [
    iframe,
    `<script>`,
    `  ((frame) => addEventListener('message', (e) => {`,
    `    const h = e.data?.height;`,
    `    if (e.source !== frame.contentWindow || e.origin !== ${origin}) return;`,
    `    if (e.data?.type === 'moe-explorer:height' && Number.isInteger(h) && h >= ${min} && h <= ${max})`,
    `      frame.height = h;`,
    `  }))(document.currentScript.previousElementSibling);`,
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
