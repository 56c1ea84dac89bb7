/**
 * Placing a chart's text labels so that none overlaps another or leaves the chart: each label
 * lists where it may go, in order of preference, and takes the first free place. Pure; the
 * chart layers call it inside `$derived`.
 */
import { textWidth } from './ticks.ts';

/** A rectangle in the plot's coordinates: left, top, width, height (px). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** Where a label may go: its text anchor point (SVG `x`, baseline `y`) and anchor. */
export interface Spot {
  x: number;
  y: number;
  anchor: Anchor;
}

/** One wording of a label and the places it may go, best first. */
export interface LabelVariant {
  text: string;
  spots: readonly Spot[];
}

export interface LabelRequest {
  id: string;
  /** Wordings to try, best (usually longest) first: each with its spots. */
  variants: readonly LabelVariant[];
  fontSize?: number;
  /** When no spot is clear of the lines (`soft` obstacles), take one that only crosses them. */
  required?: boolean;
}

export interface PlacedLabel extends Spot {
  id: string;
  text: string;
  box: Box;
}

/** The box an SVG text of `text` takes at a spot (ascent 0.92 em above the baseline, 0.26 below). */
export function textBox(text: string, spot: Spot, fontSize = 11): Box {
  const width = textWidth(text, fontSize);
  const left =
    spot.anchor === 'start' ? spot.x : spot.anchor === 'end' ? spot.x - width : spot.x - width / 2;
  return { x: left, y: spot.y - 0.92 * fontSize, width, height: 1.18 * fontSize };
}

/** The box of a dot of radius `r` (plus 1 px), as an obstacle labels keep clear of. */
export function dotBox(x: number, y: number, r = 4): Box {
  return { x: x - r - 1, y: y - r - 1, width: 2 * r + 2, height: 2 * r + 2 };
}

/**
 * Small boxes along a polyline (px), every `step` px, so labels keep clear of a drawn line.
 * Points outside `clip` (the plot) are skipped: a clipped line is not drawn there.
 */
export function lineBoxes(
  points: readonly [number, number][],
  clip: Box,
  step = 5,
  r = 1.5,
): Box[] {
  const out: Box[] = [];
  const inside = (x: number, y: number) => contains(clip, { x, y, width: 0, height: 0 });
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = i === 1 ? 0 : 1; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      if (inside(x, y)) out.push({ x: x - r, y: y - r, width: 2 * r, height: 2 * r });
    }
  }
  return out;
}

/** Whether two boxes overlap by more than `slack` px both ways. */
export function overlaps(a: Box, b: Box, slack = 0): boolean {
  return (
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > slack &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > slack
  );
}

/** Whether `inner` lies within `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5
  );
}

/**
 * Places labels in order: each in its first wording that has a spot inside `bounds`
 * overlapping no obstacle, no `soft` obstacle (drawn lines) and no label placed before it (with
 * a `pad` px margin); a `required` label may cross soft obstacles when nothing else is free. A
 * label with no free spot is left out: the chart's readout, legend and table say what it would
 * have said.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: Box,
  obstacles: readonly Box[] = [],
  soft: readonly Box[] = [],
  pad = 2,
): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const found =
      firstFree(r, bounds, [...taken, ...soft], pad) ??
      (r.required ? firstFree(r, bounds, taken, pad) : null);
    if (!found) continue;
    taken.push(found.box);
    placed.push(found);
  }
  return placed;
}

function firstFree(
  r: LabelRequest,
  bounds: Box,
  taken: readonly Box[],
  pad: number,
): PlacedLabel | null {
  for (const { text, spots } of r.variants) {
    for (const spot of spots) {
      const box = textBox(text, spot, r.fontSize);
      if (contains(bounds, box) && !taken.some((t) => overlaps(t, box, -pad)))
        return { id: r.id, text, ...spot, box };
    }
  }
  return null;
}
