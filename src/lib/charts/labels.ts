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
 * Boxes of one size, packed four numbers each (x, y, width, height): the hundreds of small boxes
 * along a chart's lines, kept without an object each (they are made on every slider move).
 */
export class PackedBoxes {
  #data = new Float64Array(256);
  #length = 0;

  /** How many boxes. */
  get length(): number {
    return this.#length;
  }

  push(x: number, y: number, width: number, height: number): void {
    if (4 * (this.#length + 1) > this.#data.length) {
      const grown = new Float64Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    const d = this.#data;
    const i = 4 * this.#length++;
    d[i] = x;
    d[i + 1] = y;
    d[i + 2] = width;
    d[i + 3] = height;
  }

  /** The i-th box. */
  at(i: number): Box {
    const d = this.#data;
    return { x: d[4 * i]!, y: d[4 * i + 1]!, width: d[4 * i + 2]!, height: d[4 * i + 3]! };
  }

  /** Whether any box overlaps `box` by more than `slack` px both ways, as `overlaps` says. */
  overlapsAny(box: Box, slack: number): boolean {
    const d = this.#data;
    for (let i = 0; i < 4 * this.#length; i += 4) {
      const x = d[i]!;
      const y = d[i + 1]!;
      if (
        Math.min(x + d[i + 2]!, box.x + box.width) - Math.max(x, box.x) > slack &&
        Math.min(y + d[i + 3]!, box.y + box.height) - Math.max(y, box.y) > slack
      )
        return true;
    }
    return false;
  }
}

/**
 * Small boxes along a polyline (px), every `step` px, so labels keep clear of a drawn line,
 * added to `out` (new boxes when none is given). Points outside `clip` (the plot) are skipped:
 * a clipped line is not drawn there.
 */
export function lineBoxes(
  points: readonly (readonly [number, number])[],
  clip: Box,
  step?: number,
  r?: number,
): Box[];
export function lineBoxes(
  points: readonly (readonly [number, number])[],
  clip: Box,
  step: number,
  r: number,
  out: PackedBoxes,
): PackedBoxes;
export function lineBoxes(
  points: readonly (readonly [number, number])[],
  clip: Box,
  step = 5,
  r = 1.5,
  out?: PackedBoxes,
): Box[] | PackedBoxes {
  const boxes: Box[] = [];
  const add = out
    ? (x: number, y: number) => out.push(x - r, y - r, 2 * r, 2 * r)
    : (x: number, y: number) => boxes.push({ x: x - r, y: y - r, width: 2 * r, height: 2 * r });
  // As `contains(clip, a point)`.
  const inside = (x: number, y: number) =>
    x >= clip.x - 0.5 &&
    y >= clip.y - 0.5 &&
    x <= clip.x + clip.width + 0.5 &&
    y <= clip.y + clip.height + 0.5;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = i === 1 ? 0 : 1; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      if (inside(x, y)) add(x, y);
    }
  }
  return out ?? boxes;
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
  soft: readonly Box[] | PackedBoxes = [],
  pad = 2,
): PlacedLabel[] {
  // Placed labels join the obstacles; the lists are searched where they are, not copied per
  // label (a line is hundreds of small boxes, and this runs on every slider move).
  const taken: Box[] = [...obstacles];
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const found =
      firstFree(r, bounds, taken, soft, pad) ??
      (r.required ? firstFree(r, bounds, taken, [], pad) : null);
    if (!found) continue;
    taken.push(found.box);
    placed.push(found);
  }
  return placed;
}

/** Whether `box` overlaps any of `boxes` by more than -pad px both ways. */
function hitsAny(boxes: readonly Box[] | PackedBoxes, box: Box, pad: number): boolean {
  if (boxes instanceof PackedBoxes) return boxes.overlapsAny(box, -pad);
  for (let i = 0; i < boxes.length; i++) if (overlaps(boxes[i]!, box, -pad)) return true;
  return false;
}

function firstFree(
  r: LabelRequest,
  bounds: Box,
  taken: readonly Box[],
  soft: readonly Box[] | PackedBoxes,
  pad: number,
): PlacedLabel | null {
  for (const { text, spots } of r.variants) {
    for (const spot of spots) {
      const box = textBox(text, spot, r.fontSize);
      if (contains(bounds, box) && !hitsAny(taken, box, pad) && !hitsAny(soft, box, pad))
        return { id: r.id, text, ...spot, box };
    }
  }
  return null;
}
