/**
 * The choices of the Embed dialog in words, and the heights it offers. Pure data; only the
 * dialog (a lazily loaded chunk) imports it, so the page and the embed do not carry it.
 */
import type { EmbedHeight, EmbedTheme, EmbedView, ServingChart } from './presentation.ts';

/** What the Embed dialog shows for each choice. */
export const EMBED_VIEW_LABELS: Record<EmbedView, string> = {
  params: 'Parameter breakdown',
  activation: 'Experts activated per token',
  serving: 'Serving: memory and speed',
  compare: 'Compare',
  training: 'Training: GPU-hours, cost and memory',
  plan: 'Plan: the cheapest deployment for a workload',
};
export const EMBED_THEME_LABELS: Record<EmbedTheme, string> = {
  auto: 'Auto',
  light: 'Light',
  dark: 'Dark',
};
export const SERVING_CHART_LABELS: Record<ServingChart, string> = {
  memory: 'Memory per device',
  context: 'Memory against context length',
  speed: 'Decode throughput against batch size',
};

/** The heights the dialog offers, 'auto' first; any other can be typed. */
export const EMBED_HEIGHTS: readonly { height: EmbedHeight; label: string }[] = [
  { height: 'auto', label: 'Fit the content' },
  { height: 420, label: 'Compact, 420 px' },
  { height: 640, label: 'Medium, 640 px' },
  { height: 900, label: 'Tall, 900 px' },
];
/** A typed height, in CSS pixels: below 200 nothing readable fits. */
export const EMBED_HEIGHT_RANGE = { min: 200, max: 4000 } as const;

/** A typed height as whole pixels within EMBED_HEIGHT_RANGE; `fallback` if it is no number. */
export function clampEmbedHeight(typed: number, fallback = 640): number {
  if (!Number.isFinite(typed)) return fallback;
  const { min, max } = EMBED_HEIGHT_RANGE;
  return Math.min(max, Math.max(min, Math.round(typed)));
}
