import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates, paretoFrontier } from '../../../../src/lib/core/planner/pareto.ts';

type P = { x: number; y: number };
const x = (p: P) => p.x;
const y = (p: P) => p.y;

describe('paretoFrontier', () => {
  it('keeps the points no other beats on both, by x ascending', () => {
    const points = [
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 1, y: 1 },
      { x: 3, y: 1 },
      { x: 2, y: 1 },
    ];
    expect(paretoFrontier(points, x, y)).toEqual([
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 1 },
    ]);
  });

  it('keeps one of exact ties', () => {
    expect(
      paretoFrontier(
        [
          { x: 1, y: 1 },
          { x: 1, y: 1 },
        ],
        x,
        y,
      ),
    ).toHaveLength(1);
  });

  it('returns points no point dominates, and dominates or matches every other point', () => {
    const point = fc.record({
      x: fc.integer({ min: 0, max: 20 }),
      y: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (points) => {
        const front = paretoFrontier(points, x, y);
        for (const f of front) expect(points.some((p) => dominates(p, f, x, y))).toBe(false);
        for (const p of points)
          expect(front.some((f) => dominates(f, p, x, y) || (f.x === p.x && f.y === p.y))).toBe(
            true,
          );
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
