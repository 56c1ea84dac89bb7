/**
 * How a page or element is presented, from the query string or element attributes:
 * `embed=1`, `view=params|activation|serving|compare|training|plan`, `theme=light|dark|auto` and, for the
 * serving view, `chart=memory|context|speed`. Pure; unknown values fall back to the defaults
 * with a warning. `presentationQuery` writes what `readPresentation` reads.
 */
export type EmbedView = 'params' | 'activation' | 'serving' | 'compare' | 'training' | 'plan';
export const EMBED_VIEWS: readonly EmbedView[] = [
  'params',
  'activation',
  'serving',
  'compare',
  'training',
  'plan',
];
export type EmbedTheme = 'light' | 'dark' | 'auto';
export const EMBED_THEMES: readonly EmbedTheme[] = ['auto', 'light', 'dark'];
/** The one chart of the compact serving embed, under its four headline numbers. */
export type ServingChart = 'memory' | 'context' | 'speed';
export const SERVING_CHARTS: readonly ServingChart[] = ['memory', 'context', 'speed'];

/**
 * The height of an embed in CSS pixels, or 'auto': an iframe that sizes itself from the
 * embed's height messages, an element as tall as its content.
 */
export type EmbedHeight = number | 'auto';

/** What a reader of an embed sees: the view, its theme and, for serving, its chart. */
export interface EmbedChoice {
  view: EmbedView;
  theme: EmbedTheme;
  chart: ServingChart;
}

export interface Presentation extends EmbedChoice {
  embed: boolean;
  warnings: string[];
}

/** The message an embed posts to its parent whenever its height changes. */
export interface HeightMessage {
  type: 'moe-explorer:height';
  height: number;
}

/** One choice among `allowed`, the default when absent, the default and a warning when bad. */
function pick<T extends string>(
  params: URLSearchParams,
  key: string,
  allowed: readonly T[],
  fallback: T,
  warnings: string[],
): T {
  const value = params.get(key);
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warnings.push(
    `${key}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}; ignored`,
  );
  return fallback;
}

export function readPresentation(params: URLSearchParams): Presentation {
  const warnings: string[] = [];
  return {
    embed: params.get('embed') === '1',
    view: pick(params, 'view', EMBED_VIEWS, 'params', warnings),
    theme: pick(params, 'theme', ['light', 'dark', 'auto'], 'auto', warnings),
    chart: pick(params, 'chart', SERVING_CHARTS, 'memory', warnings),
    warnings,
  };
}

/**
 * The query parameters of an embed, defaults left out; the chart only for the serving view.
 * presentationQuery({ view: 'serving', theme: 'dark', chart: 'context' })
 *   = 'embed=1&view=serving&chart=context&theme=dark'
 */
export function presentationQuery({ view, theme, chart }: EmbedChoice): string {
  let query = `embed=1&view=${view}`;
  if (view === 'serving' && chart !== 'memory') query += `&chart=${chart}`;
  if (theme !== 'auto') query += `&theme=${theme}`;
  return query;
}

/** Query parameters that belong to the presentation, not to the explorer's state. */
export const PRESENTATION_KEYS = ['embed', 'view', 'theme', 'chart'] as const;
