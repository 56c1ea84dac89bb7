/**
 * Keyboard and pointer logic of the charts' draggable markers and layer/expert cursors. Pure:
 * the markers call these and pass the result to a callback.
 */

/** Powers of `base` from the first at or above `min` to the last at or below `max`. */
export function powerSteps(min: number, max: number, base = 2): number[] {
  const out: number[] = [];
  for (let v = base ** Math.ceil(Math.log(min) / Math.log(base) - 1e-9); v <= max; v *= base)
    out.push(v);
  return out;
}

/** `value` rounded to `digits` significant decimal digits: (131_500, 2) -> 130_000. */
export function roundSignificant(value: number, digits = 2): number {
  if (value <= 0) return 0;
  const scale = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Math.round(value / scale) * scale;
}

/**
 * The value a key moves a marker to: arrows to the next or previous step (Up and Right up),
 * Page Up/Down three steps, Home/End the ends; null for any other key. A value between steps
 * moves to the nearest step in the key's direction.
 * ('ArrowRight', 100_000, [65_536, 131_072, 262_144]) -> 131_072.
 */
export function keyStep(
  key: string,
  value: number,
  steps: readonly number[],
  bounds: readonly [number, number] = [steps[0]!, steps.at(-1)!],
): number | null {
  const up = (n: number) => {
    const i = steps.findIndex((s) => s > value);
    return i === -1
      ? bounds[1]
      : Math.min(bounds[1], steps[Math.min(steps.length - 1, i + n - 1)]!);
  };
  const down = (n: number) => {
    const below = steps.filter((s) => s < value);
    return below.length === 0
      ? bounds[0]
      : Math.max(bounds[0], below[Math.max(0, below.length - n)]!);
  };
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return up(1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return down(1);
    case 'PageUp':
      return up(3);
    case 'PageDown':
      return down(3);
    case 'Home':
      return bounds[0];
    case 'End':
      return bounds[1];
    default:
      return null;
  }
}

/**
 * The index a key moves a cursor over `count` items to (rows of a stack, bars of a chart):
 * arrows by one, Page Up/Down by `page`, Home/End to the ends; null for any other key.
 * `forward` names the keys that go to higher indices (down the stack, right along bars).
 */
export function keyIndex(
  key: string,
  index: number,
  count: number,
  { page = 10, forward = ['ArrowDown', 'ArrowRight'] }: { page?: number; forward?: string[] } = {},
): number | null {
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  if (forward.includes(key)) return clamp(index + 1);
  if (key.startsWith('Arrow')) return clamp(index - 1);
  switch (key) {
    case 'PageDown':
      return clamp(index + page);
    case 'PageUp':
      return clamp(index - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The index of the value in sorted `xs` nearest to `x` (by `position`, e.g. on a log axis). */
export function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
  return best;
}

/**
 * Roving focus over a chart's marks (one tab stop; arrows move between them): for a keydown on
 * mark `index` of `count`, focuses the mark the key leads to (the element with
 * `data-mark="<index>"` in the same container) and returns its index; null for other keys.
 */
export function moveMarkFocus(e: KeyboardEvent, index: number, count: number): number | null {
  const next = keyIndex(e.key, index, count);
  if (next === null) return null;
  e.preventDefault();
  const container = (e.currentTarget as Element).closest('[data-marks]');
  (container?.querySelector(`[data-mark="${next}"]`) as HTMLElement | SVGElement | null)?.focus();
  return next;
}
