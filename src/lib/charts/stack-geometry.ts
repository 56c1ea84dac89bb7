/**
 * The layer stack's shapes as SVG path data, one path per colour (a 94-layer model costs a
 * handful of elements, not hundreds). The FFN column is drawn to scale: every block's width is
 * its parameter count times one px-per-parameter factor, set so the widest FFN row fills the
 * column; so a routed expert, a shared expert and a dense MLP compare by their size. Attention
 * has a fixed-width column (it is not to scale). Pure; LayerStack calls it in `$derived`.
 */
import type { LayerAttentionLabel, StackLayer, StackParams } from '../core/index.ts';

export interface StackGeometry {
  attentionWidth: number;
  ffnX: number;
  /** px per parameter in the FFN column. */
  scale: number;
  /** One routed expert's width, px. */
  expertWidth: number;
  routedWidth: number;
  sharedWidth: number;
  denseWidth: number;
  attention: Record<LayerAttentionLabel, string>;
  /** Outlines of the NoPE layers' attention. */
  nope: string;
  routed: string;
  shared: string;
  dense: string;
}

const GAP = 8;
const SHARED_GAP = 2;
const rect = (x: number, y: number, w: number, h: number) => `M${x},${y}h${w}v${h}h${-w}Z`;
/**
 * Widths to 1/100 px: a move that does not change what is drawn (an expert's size when the MoE
 * rows stay the widest) leaves the path strings equal, so the DOM is not touched.
 */
const px = (v: number) => Math.round(v * 100) / 100;

/** The attention column's width: a fifth of the chart, 40 to 120 px. */
export function attentionColumnWidth(width: number): number {
  return Math.max(40, Math.min(120, width * 0.2));
}

/** The attention column's shapes: one path per attention kind, and the NoPE outlines. */
export function attentionShapes(
  layers: readonly StackLayer[],
  width: number,
  top: number,
  rowHeight: number,
): Pick<StackGeometry, 'attentionWidth' | 'attention' | 'nope'> {
  const attentionWidth = px(attentionColumnWidth(width));
  const band = px(Math.max(1, rowHeight * 0.85));
  const out = {
    attentionWidth,
    attention: {
      global: '',
      chunked: '',
      sliding: '',
      csa: '',
      hca: '',
      mla: '',
      linear: '',
      none: '',
    },
    nope: '',
  };
  for (const l of layers) {
    const y = top + l.index * rowHeight;
    if (l.attention === 'none') continue; // a block without a mixer (Nemotron-H's MLP blocks)
    out.attention[l.attention] += rect(0, y, attentionWidth, band);
    if (!l.rope && l.attention !== 'linear')
      out.nope += rect(0.5, y + 0.5, attentionWidth - 1, band - 1);
  }
  return out;
}

/**
 * The FFN column's shapes, to scale: every block's width is its parameters times one factor,
 * set so the widest FFN row fills the column.
 */
export function ffnShapes(
  layers: readonly StackLayer[],
  params: StackParams,
  width: number,
  top: number,
  rowHeight: number,
): Omit<StackGeometry, 'attentionWidth' | 'attention' | 'nope'> {
  const ffnX = px(attentionColumnWidth(width)) + GAP;
  const routedParams = params.moeExperts * params.expert;
  const sharedParams = params.sharedExperts * params.sharedExpert;
  const moeParams = routedParams + sharedParams;
  const gap = sharedParams > 0 ? SHARED_GAP : 0;
  const widest = Math.max(moeParams, params.denseFfn, 1);
  const room = Math.max(0, width - ffnX - (moeParams >= params.denseFfn ? gap : 0));
  const scale = room / widest;
  const g = {
    ffnX,
    scale,
    expertWidth: px(params.expert * scale),
    routedWidth: px(routedParams * scale),
    sharedWidth: px(sharedParams * scale),
    denseWidth: px(params.denseFfn * scale),
    routed: '',
    shared: '',
    dense: '',
  };
  const band = px(Math.max(1, rowHeight * 0.85));
  // Each path depends on the layers and a few numbers: while those are unchanged (an expert-
  // count move keeps the MoE rows the widest, so the routed path stays), the last string is
  // handed back, not rebuilt.
  const rows = { layers, band, top, rowHeight };
  return {
    ...g,
    routed: rowsPath('routed', rows, 'moe', ffnX, g.routedWidth),
    shared:
      g.sharedWidth > 0
        ? rowsPath('shared', rows, 'moe', px(ffnX + g.routedWidth + gap), g.sharedWidth)
        : '',
    dense: rowsPath('dense', rows, 'dense', ffnX, g.denseWidth),
  };
}

interface Rows {
  layers: readonly StackLayer[];
  band: number;
  top: number;
  rowHeight: number;
}

/** The last path of each FFN shape, with what it was made from. */
const lastPaths = new Map<string, { layers: readonly StackLayer[]; key: string; d: string }>();

/** A `w` px wide block at `x` in every row of `kind`, as path data (the last one if unchanged). */
function rowsPath(
  shape: 'routed' | 'shared' | 'dense',
  { layers, band, top, rowHeight }: Rows,
  kind: StackLayer['ffn'],
  x: number,
  w: number,
): string {
  const key = [x, w, band, top, rowHeight].join();
  const last = lastPaths.get(shape);
  if (last?.layers === layers && last.key === key) return last.d;
  let d = '';
  for (const l of layers) if (l.ffn === kind) d += rect(x, top + l.index * rowHeight, w, band);
  lastPaths.set(shape, { layers, key, d });
  return d;
}

/**
 * The stack's shapes for `layers` in a `width` px wide chart, rows `rowHeight` px apart from
 * `top`. E.g. DeepSeek-V3 (256 experts of 44.0M, 1 shared of 44.0M, dense MLP of 396.4M): the
 * MoE rows fill the FFN column and a dense layer's MLP is 9 experts wide.
 */
export function stackGeometry(
  layers: readonly StackLayer[],
  params: StackParams,
  width: number,
  top: number,
  rowHeight: number,
): StackGeometry {
  return {
    ...attentionShapes(layers, width, top, rowHeight),
    ...ffnShapes(layers, params, width, top, rowHeight),
  };
}

/** Every k-th layer gets an index label, k in 1, 2, 5, 10, 20… so labels are 12 px apart. */
export function layerLabelStep(rowHeight: number, fontSize = 10): number {
  const min = Math.ceil((fontSize + 2) / rowHeight);
  return [1, 2, 5, 10, 20, 50].find((k) => k >= min) ?? 100;
}
