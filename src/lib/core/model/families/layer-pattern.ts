/**
 * The repeating pattern of a model's layer kinds: the shortest period of the per-layer kinds, so
 * that `ModelSpec.attentionPattern` is a rule (layer i is entry i mod length), not a list.
 * (DeepSeek-V4's reader makes its prefix and pattern itself, of shared kind objects:
 * families/deepseek-v4.ts `prefixAndPattern`; these comparisons do not look at its fields.)
 */
import type { AttentionLayerKind } from '../types.ts';

/** The longest period checked in place; a longer one is found by KMP. */
const SHORT_PERIOD = 8;

/**
 * The shortest repeating pattern of the layer kinds `kindAt(0)` ... `kindAt(n - 1)`: the first
 * p of them, p the least period (layer i alike layer i mod p, for every i). Periods up to 8
 * (every released hybrid repeats within 8 layers) are checked in place, each in one pass that
 * stops at the first difference, with no per-layer array; a longer one is the length minus the
 * longest proper prefix that is also a suffix (the Knuth-Morris-Pratt failure function). So
 * linear in the number of layers.
 *
 * @example layerPattern(48, (i) => ((i + 1) % 4 === 0 ? nope : chunked)) // [chunked, chunked, chunked, nope]
 */
export function layerPattern(
  n: number,
  kindAt: (index: number) => AttentionLayerKind,
): AttentionLayerKind[] {
  if (n <= 0) return [];
  const short = Math.min(SHORT_PERIOD, n - 1);
  const head: AttentionLayerKind[] = []; // the first layers' kinds, each period's candidate
  for (let i = 0; i <= short; i++) head.push(kindAt(i));
  for (let p = 1; p <= short; p++) if (hasPeriod(n, p, head, kindAt)) return head.slice(0, p);
  if (n === head.length) return head;
  const p = kmpPeriod(n, kindAt);
  const kinds = new Array<AttentionLayerKind>(p);
  for (let i = 0; i < p; i++) kinds[i] = kindAt(i);
  return kinds;
}

/**
 * The shortest prefix of `kinds` that repeats to give all of them (`layerPattern` over a list).
 */
export function shortestPeriod(kinds: readonly AttentionLayerKind[]): AttentionLayerKind[] {
  return layerPattern(kinds.length, (i) => kinds[i]!);
}

/** Whether layer i is alike layer i mod p for every i (`head` holds the first layers' kinds). */
function hasPeriod(
  n: number,
  p: number,
  head: readonly AttentionLayerKind[],
  kindAt: (index: number) => AttentionLayerKind,
): boolean {
  for (let i = p, j = 0; i < n; i++) {
    if (!alike(i < head.length ? head[i]! : kindAt(i), head[j]!)) return false;
    if (++j === p) j = 0;
  }
  return true;
}

/**
 * The least period of the kinds, by the KMP failure function over their ids (each layer's id is
 * the index of the first alike kind met).
 */
function kmpPeriod(n: number, kindAt: (index: number) => AttentionLayerKind): number {
  const distinct: AttentionLayerKind[] = [];
  const ids = new Array<number>(n);
  for (let i = 0; i < n; i++) ids[i] = kindId(distinct, kindAt(i));
  // border[i]: the length of the longest proper prefix of ids[0..i] that is also its suffix.
  const border = new Array<number>(n);
  border[0] = 0;
  for (let i = 1; i < n; i++) {
    let k = border[i - 1]!;
    while (k > 0 && ids[i] !== ids[k]) k = border[k - 1]!;
    border[i] = ids[i] === ids[k] ? k + 1 : k;
  }
  return n - border[n - 1]!;
}

/** The index in `distinct` of the first kind alike `kind`, which is added when new. */
function kindId(distinct: AttentionLayerKind[], kind: AttentionLayerKind): number {
  for (let d = 0; d < distinct.length; d++) if (alike(distinct[d]!, kind)) return d;
  return distinct.push(kind) - 1;
}

/** Alike kinds: the same object (a family's shared kind), or the same fields. */
function alike(a: AttentionLayerKind, b: AttentionLayerKind): boolean {
  return a === b || sameKind(a, b);
}

function sameKind(a: AttentionLayerKind, b: AttentionLayerKind): boolean {
  if (a.rope !== b.rope || a.window.kind !== b.window.kind) return false;
  if ((a.mixer ?? 'attention') !== (b.mixer ?? 'attention') || (a.ffn ?? true) !== (b.ffn ?? true))
    return false;
  if ((a.indexer ?? true) !== (b.indexer ?? true)) return false;
  return a.window.kind === 'global' || a.window.tokens === (b.window as { tokens: number }).tokens;
}
