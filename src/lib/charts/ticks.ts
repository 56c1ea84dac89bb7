/**
 * Tick positions and label placement for the charts. Pure functions; the chart layers call them
 * inside `$derived`. Labels are formatted by the core's one formatter (core/explorer/format.ts).
 */
import { ticks } from 'd3';
import { formatTokens } from '../core/index.ts';

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

const NARROW = new Set([...'ijlft'].map((ch) => ch.charCodeAt(0)));

/**
 * About how wide `text` is at `fontSize` px, in px: per-character widths of DejaVu Sans (the
 * widest common system-ui fallback), so the estimate errs on the wide side elsewhere.
 * ("10M", 11) -> about 24; ("Memory per GPU (GB)", 11) -> about 122.
 */
export function textWidth(text: string, fontSize = 11): number {
  // By character code, not by regular expression: it runs for every tick label of every move.
  // Digits, then A-Z $ %, then a-z (m w wide; i j l f t narrow), then × … ≤; a character
  // outside the BMP (a surrogate pair) counts once, as punctuation.
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) em += 0.64;
    else if ((c >= 65 && c <= 90) || c === 36 || c === 37) em += 0.72;
    else if (c >= 97 && c <= 122) em += c === 109 || c === 119 ? 0.92 : NARROW.has(c) ? 0.36 : 0.6;
    else if (c === 0xd7 || c === 0x2026 || c === 0x2264) em += 0.84;
    else {
      em += 0.34; // space, punctuation
      const next = text.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return em * fontSize;
}

/**
 * The ticks of an axis whose labels fit side by side: every k-th tick, the smallest k for which
 * no two labels (centred on their positions, `gap` px apart) overlap and none leaves [lo, hi].
 * Keeps the first tick; with a single tick that does not fit, returns it anyway.
 */
export function spacedTicks(
  ticks: readonly number[],
  position: (value: number) => number,
  label: (value: number) => string,
  bounds: readonly [number, number],
  { fontSize = 11, gap = 8 }: { fontSize?: number; gap?: number } = {},
): number[] {
  const spans = ticks.map((t) => {
    const half = textWidth(label(t), fontSize) / 2;
    return { t, lo: position(t) - half, hi: position(t) + half };
  });
  const inside = spans.filter((s) => s.lo >= bounds[0] - 0.5 && s.hi <= bounds[1] + 0.5);
  for (let step = 1; step <= inside.length; step++) {
    const kept = inside.filter((_, i) => i % step === 0);
    if (kept.every((s, i) => i === 0 || s.lo >= kept[i - 1]!.hi + gap)) return kept.map((s) => s.t);
  }
  return inside.slice(0, 1).map((s) => s.t);
}

/** A parameter tick without needless decimals: 20e9 -> "20B", 2.5e9 -> "2.5B", 0 -> "0". */
export function formatParamTick(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  const [scale, suffix] =
    abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : [1e3, 'K'];
  return abs < 1e3 ? String(n) : `${Number((n / scale).toPrecision(3))}${suffix}`;
}

/**
 * A token-count tick, decimal like every token count (core/explorer/format.ts `formatTokens`),
 * in short form: 1000 -> "1k", 10_000 -> "10k", 1e6 -> "1M", 10_485_760 -> "10.49M", 500 -> "500".
 */
export function formatTokenTick(tokens: number): string {
  if (tokens >= 1000 && tokens < 10_000) return `${Number((tokens / 1000).toFixed(2))}k`;
  return formatTokens(tokens);
}
