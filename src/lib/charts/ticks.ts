/**
 * Tick positions and label placement for the charts. Pure functions; the chart layers call them
 * inside `$derived`. Labels are formatted by the core's one formatter (core/explorer/format.ts).
 */
import { ticks } from 'd3';

/** Powers of `base` from `min` to `max` inclusive: (1e3, 1e7, 10) -> [1e3, 1e4, 1e5, 1e6, 1e7]. */
export function powerTicks(min: number, max: number, base: number): number[] {
  const out: number[] = [];
  for (
    let v = base ** Math.ceil(Math.log(min) / Math.log(base) - 1e-9);
    v <= max * (1 + 1e-9);
    v *= base
  ) {
    out.push(v);
  }
  return out;
}

/**
 * Ticks for a log axis over [min, max]: 1-2-5 steps per decade, else 1-3, else powers of ten,
 * the densest with 2 to `count` ticks; a narrow domain (under two such ticks) gets linear ticks.
 * (2.2, 31, 4) -> [5, 10, 20]; (30, 9000, 3) -> [100, 1000]; (1.1, 1.6, 3) -> [1.2, 1.4, 1.6].
 */
export function logTicks(min: number, max: number, count: number): number[] {
  let sparsest: number[] = [];
  for (const multiples of [[1, 2, 5], [1, 3], [1]]) {
    sparsest = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of multiples) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= min && v <= max) sparsest.push(v);
      }
    }
    if (sparsest.length < 2) return ticks(min, max, count);
    if (sparsest.length <= count) return sparsest;
  }
  return thinTicks(sparsest, count);
}

/** Every k-th tick so that at most `count` remain, keeping the first. */
export function thinTicks(ticks: readonly number[], count: number): number[] {
  const step = Math.max(1, Math.ceil(ticks.length / Math.max(1, count)));
  return ticks.filter((_, i) => i % step === 0);
}

/** How many ticks fit across `pixels`, at about one per `spacing` pixels (at least 2). */
export function tickCount(pixels: number, spacing = 70): number {
  return Math.max(2, Math.floor(pixels / spacing));
}

/**
 * Where a label of `text` next to position `x` stays inside [0, width]: after x when it fits
 * there, else before it, else as far right as it fits (about 6.2 px per character at 11 px).
 */
export function placeLabel(
  x: number,
  text: string,
  width: number,
  gap = 4,
): { x: number; anchor: 'start' | 'end' } {
  const textWidth = text.length * 6.2;
  if (x + gap + textWidth <= width) return { x: x + gap, anchor: 'start' };
  if (x - gap - textWidth >= 0) return { x: x - gap, anchor: 'end' };
  return { x: Math.max(0, width - textWidth), anchor: 'start' };
}
