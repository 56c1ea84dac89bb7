/**
 * The imperative part of the expert grid: paints layers x experts on a 2D canvas. Thousands of
 * cells (Kimi K2: 61 x 384) would be too many SVG nodes; one canvas paints them in well under a
 * millisecond. Geometry comes from the component's d3 scales; this file only paints.
 */
import { createSubscriber } from 'svelte/reactivity';
import { COMPONENT_COLORS } from './palette.ts';

/** Where things go, in CSS pixels of the canvas. */
export interface ExpertGridGeometry {
  width: number;
  height: number;
  experts: number;
  /** Width of the routed-expert area, starting at x = 0. */
  routedWidth: number;
  /** The shared-expert column, or null when the model has none. */
  shared: { x: number; width: number; count: number } | null;
  /** Top of each layer's row. */
  rowY: readonly number[];
  rowHeight: number;
  /** Routed experts each layer lights; null for a dense layer. */
  route: readonly (readonly number[] | null)[];
}

export interface ExpertGridColors {
  lit: string;
  shared: string;
  unused: string;
  dense: string;
  separator: string;
}

/** Light-theme fallbacks, for when the CSS variables are not there (tests, a bare embed). */
const FALLBACK = { accent: '#0969da', surface: '#f3f5f7', muted: '#57606a', border: '#d0d7de' };

/** The theme's colours, read from the CSS variables that apply to `element`. */
export function readGridColors(element: Element): ExpertGridColors {
  const style = getComputedStyle(element);
  const read = (name: keyof typeof FALLBACK) =>
    style.getPropertyValue(`--${name}`).trim() || FALLBACK[name];
  return {
    lit: read('accent'),
    shared: COMPONENT_COLORS.sharedExperts,
    unused: read('surface'),
    dense: read('muted'),
    separator: read('border'),
  };
}

/** Cells narrower than this (CSS px) get no separators: the lines would hide the cells. */
const MIN_CELL_FOR_SEPARATORS = 6;

/**
 * Paints the grid. Lit cells are at least 1 CSS px wide even when a cell is narrower (384
 * experts in 300 px); edges snap to device pixels so thin cells stay crisp. Each colour is one
 * path filled once, and the separators are one column each across every row (clipped to the
 * rows), so a 61-layer grid of 64 experts is a handful of fills, not thousands of rectangles.
 * Long: one pass that batches every cell into its colour's path on a shared canvas state (the
 * clip, the snapped edges); split apart, each piece would re-derive the same geometry.
 */
export function paintExpertGrid(
  ctx: CanvasRenderingContext2D,
  g: ExpertGridGeometry,
  colors: ExpertGridColors,
  dpr: number,
): void {
  const snap = (v: number) => Math.round(v * dpr) / dpr;
  const cell = g.routedWidth / g.experts;
  const hairline = 1 / dpr;
  const separators = cell >= MIN_CELL_FOR_SEPARATORS;
  const h = Math.max(hairline, snap(g.rowHeight));
  const routedWidth = snap(g.routedWidth);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, g.width, g.height);
  // Dense layers: consecutive ones join into one band.
  ctx.globalAlpha = 0.35;
  ctx.fillStyle = colors.dense;
  g.route.forEach((lit, layer) => {
    if (lit !== null) return;
    const y = snap(g.rowY[layer] ?? 0);
    const next = g.route[layer + 1] === null ? g.rowY[layer + 1] : undefined;
    ctx.fillRect(0, y, g.width, next === undefined ? h : snap(next) - y);
  });
  ctx.globalAlpha = 1;
  // The MoE rows' background, kept as the current path: the separators are clipped to it.
  let top = Infinity;
  let bottom = -Infinity;
  ctx.beginPath();
  g.route.forEach((lit, layer) => {
    if (lit === null) return;
    const y = snap(g.rowY[layer] ?? 0);
    ctx.rect(0, y, routedWidth, h);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y + h);
  });
  if (top === Infinity) return;
  ctx.fillStyle = colors.unused;
  ctx.fill();
  if (separators) {
    ctx.save();
    ctx.clip();
    ctx.fillStyle = colors.separator;
    for (let e = 1; e < g.experts; e++) ctx.fillRect(snap(e * cell), top, hairline, bottom - top);
    ctx.restore();
  }
  const inset = separators ? hairline : 0;
  const litWidth = Math.max(1, snap(cell) - inset);
  ctx.beginPath();
  g.route.forEach((lit, layer) => {
    if (lit === null) return;
    const y = snap(g.rowY[layer] ?? 0);
    for (const e of lit) ctx.rect(snap(e * cell) + inset, y, litWidth, h);
  });
  ctx.fillStyle = colors.lit;
  ctx.fill();
  if (g.shared) {
    const { x, width, count } = g.shared;
    const w = width / count;
    const gap = count > 1 ? 1 : 0;
    ctx.beginPath();
    g.route.forEach((lit, layer) => {
      if (lit === null) return;
      const y = snap(g.rowY[layer] ?? 0);
      for (let s = 0; s < count; s++) ctx.rect(snap(x + s * w), y, Math.max(1, snap(w) - gap), h);
    });
    ctx.fillStyle = colors.shared;
    ctx.fill();
  }
}

/**
 * Makes an effect that calls it re-run when the theme or the pixel density changes: the OS
 * colour scheme, a `data-theme` (or class/style) change on <html>, or a zoom that changes
 * devicePixelRatio. Listeners are removed when the last such effect is destroyed.
 */
export const subscribeToDisplayChanges = createSubscriber((update) => {
  const observer = new MutationObserver(update);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme', 'class', 'style'],
  });
  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener('change', update);
  // A resolution query matches one density only, so it is renewed after every change.
  let density: MediaQueryList | undefined;
  const onDensity = () => {
    watchDensity();
    update();
  };
  const watchDensity = () => {
    density?.removeEventListener('change', onDensity);
    density = window.matchMedia?.(`(resolution: ${window.devicePixelRatio}dppx)`);
    density?.addEventListener('change', onDensity);
  };
  watchDensity();
  return () => {
    observer.disconnect();
    scheme?.removeEventListener('change', update);
    density?.removeEventListener('change', onDensity);
  };
});
