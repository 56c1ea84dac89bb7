/**
 * The Pareto frontier of points scored on two quantities, both better when larger: the points
 * no other point matches or beats on both (Kung, Luccio and Preparata, "On Finding the Maxima of
 * a Set of Vectors", JACM 22(4), 1975: sort on one, sweep the other, O(n log n)).
 */

/**
 * The points no other point dominates, by `x` ascending. A point is dominated when another is at
 * least as good on both and better on one; of exact ties, the first is kept.
 *
 * @example paretoFrontier([{x:1,y:3},{x:2,y:2},{x:1,y:1}], p => p.x, p => p.y) // [{x:1,y:3},{x:2,y:2}]
 */
export function paretoFrontier<T>(
  points: readonly T[],
  x: (p: T) => number,
  y: (p: T) => number,
): T[] {
  const order = points
    .map((p, i) => ({ p, i, x: x(p), y: y(p) }))
    .sort((a, b) => b.x - a.x || b.y - a.y || a.i - b.i);
  const frontier: T[] = [];
  let bestY = -Infinity;
  for (const o of order) {
    if (o.y > bestY) {
      frontier.push(o.p);
      bestY = o.y;
    }
  }
  return frontier.reverse();
}

/** Whether `a` dominates `b`: at least as good on both, better on one. */
export function dominates<T>(a: T, b: T, x: (p: T) => number, y: (p: T) => number): boolean {
  return x(a) >= x(b) && y(a) >= y(b) && (x(a) > x(b) || y(a) > y(b));
}
