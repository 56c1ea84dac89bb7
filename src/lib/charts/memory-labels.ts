/**
 * Where the memory-against-context chart puts its labels: the chosen context beside its
 * marker, each fit limit by its dot on the budget line (else at the foot of its drop line), the
 * budget at either end of its line; none over another label, a dot or a line (labels.ts).
 * Pure; MemoryCurves calls it in `$derived`.
 */
import {
  dotBox,
  lineBoxes,
  PackedBoxes,
  placeLabels,
  type LabelRequest,
  type PlacedLabel,
  type Spot,
} from './labels.ts';

/**
 * A layout's fit limit as drawn: its position and who fits ("hybrid", "full" or "both"; empty
 * where the chart has one line).
 */
export interface FitMark {
  id: string;
  x: number;
  tokensText: string;
  who: string;
}

export interface MemoryLabelInput {
  width: number;
  height: number;
  budgetY: number;
  budgetText: string;
  /** The chosen context's marker: its position and text; null when off the axis. */
  chosen: { x: number; text: string; dotYs: readonly number[] } | null;
  fits: readonly FitMark[];
  /** Each curve as drawn, px. */
  lines: readonly (readonly [number, number][])[];
}

/** Spots right and left of (x, y - up), then right and left of (x, y + down). */
function around(x: number, y: number, dx: number, up: number, down: number): Spot[] {
  return [
    { x: x + dx, y: y - up, anchor: 'start' },
    { x: x - dx, y: y - up, anchor: 'end' },
    { x: x + dx, y: y + down, anchor: 'start' },
    { x: x - dx, y: y + down, anchor: 'end' },
  ];
}

function requests(m: MemoryLabelInput): LabelRequest[] {
  const out: LabelRequest[] = [];
  if (m.chosen) {
    // Beside the marker's knob, else lower down the marker.
    const heights = Array.from({ length: Math.floor((m.height - 6) / 16) }, (_, i) => 10 + i * 16);
    const spots = heights.flatMap((y) => around(m.chosen!.x, y, 10, 0, 0).slice(0, 2));
    out.push({ id: 'chosen', variants: [{ text: m.chosen.text, spots }], required: true });
  }
  for (const f of m.fits) {
    const spots = [
      ...around(f.x, m.budgetY, 7, 7, 16),
      ...around(f.x, m.budgetY, 7, 22, 31),
      ...around(f.x, m.height, 5, 5, 5).slice(0, 2),
    ];
    const verb = f.who === 'both' ? 'fit' : 'fits';
    const who = f.who ? `${f.who} ` : '';
    out.push({
      id: f.id,
      variants: [
        { text: `${who}${verb} up to ${f.tokensText}`, spots },
        ...(who ? [{ text: `${who}≤ ${f.tokensText}`, spots }] : []),
        { text: `≤ ${f.tokensText}`, spots },
      ],
    });
  }
  const spots: Spot[] = [
    { x: 4, y: m.budgetY - 5, anchor: 'start' },
    { x: 4, y: m.budgetY + 14, anchor: 'start' },
    { x: m.width - 4, y: m.budgetY - 5, anchor: 'end' },
    { x: m.width - 4, y: m.budgetY + 14, anchor: 'end' },
  ];
  out.push({ id: 'budget', variants: [{ text: m.budgetText, spots }] });
  return out;
}

/** The chart's labels, placed (a label with no free spot is left out). */
export function memoryLabels(m: MemoryLabelInput): PlacedLabel[] {
  const plot = { x: 0, y: 0, width: m.width, height: m.height };
  // The lines as small boxes, packed (hundreds of them, on every move).
  const lines = new PackedBoxes();
  const vertical = (x: number, from: number) =>
    lineBoxes(
      [
        [x, from],
        [x, m.height],
      ],
      plot,
      5,
      1.5,
      lines,
    );
  const dots = [
    ...m.fits.map((f) => dotBox(f.x, m.budgetY)),
    ...(m.chosen ? m.chosen.dotYs.map((y) => dotBox(m.chosen!.x, y)) : []),
  ];
  for (const points of m.lines) lineBoxes(points, plot, 5, 1.5, lines);
  for (const f of m.fits) vertical(f.x, m.budgetY);
  if (m.chosen) vertical(m.chosen.x, 14);
  return placeLabels(requests(m), plot, dots, lines);
}
