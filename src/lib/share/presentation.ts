/**
 * How a page or element is presented, from the query string or element attributes:
 * `embed=1`, `view=params|activation|serving|compare`, `theme=light|dark|auto`.
 * Pure; unknown values fall back to the defaults with a warning.
 */
export type EmbedView = 'params' | 'activation' | 'serving' | 'compare';
export const EMBED_VIEWS: readonly EmbedView[] = ['params', 'activation', 'serving', 'compare'];
export type EmbedTheme = 'light' | 'dark' | 'auto';

export interface Presentation {
  embed: boolean;
  view: EmbedView;
  theme: EmbedTheme;
  warnings: string[];
}

/** The message an embed posts to its parent whenever its height changes. */
export interface HeightMessage {
  type: 'moe-explorer:height';
  height: number;
}

export function readPresentation(params: URLSearchParams): Presentation {
  const warnings: string[] = [];
  const view = params.get('view');
  const theme = params.get('theme');
  const okView = view === null || (EMBED_VIEWS as readonly string[]).includes(view);
  const okTheme = theme === null || ['light', 'dark', 'auto'].includes(theme);
  if (!okView)
    warnings.push(
      `view: expected one of ${EMBED_VIEWS.join(', ')}, got ${JSON.stringify(view!.slice(0, 40))}; ignored`,
    );
  if (!okTheme)
    warnings.push(
      `theme: expected light, dark or auto, got ${JSON.stringify(theme!.slice(0, 40))}; ignored`,
    );
  return {
    embed: params.get('embed') === '1',
    view: okView && view ? (view as EmbedView) : 'params',
    theme: okTheme && theme ? (theme as EmbedTheme) : 'auto',
    warnings,
  };
}

/** Query parameters that belong to the presentation, not to the explorer's state. */
export const PRESENTATION_KEYS = ['embed', 'view', 'theme'] as const;
