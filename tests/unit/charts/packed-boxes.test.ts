import { describe, expect, it } from 'vitest';
import {
  lineBoxes,
  overlaps,
  PackedBoxes,
  placeLabels,
  textBox,
  type Spot,
} from '../../../src/lib/charts/labels.ts';

const plot = { x: 0, y: 0, width: 300, height: 200 };
const curve: [number, number][] = [
  [-20, 190],
  [40, 150],
  [120, 90],
  [200, 20],
  [320, -40],
];

describe('PackedBoxes', () => {
  it('lineBoxes into PackedBoxes packs the same boxes, in order, as the boxes it returns', () => {
    const boxes = lineBoxes(curve, plot);
    const packed = lineBoxes(curve, plot, 5, 1.5, new PackedBoxes());
    expect(packed.length).toBe(boxes.length);
    expect(Array.from({ length: packed.length }, (_, i) => packed.at(i))).toEqual(boxes);
  });

  it('grows past its first capacity and keeps every box', () => {
    const packed = new PackedBoxes();
    for (let i = 0; i < 1000; i++) packed.push(i, 2 * i, 3, 4);
    expect(packed.length).toBe(1000);
    expect(packed.at(999)).toEqual({ x: 999, y: 1998, width: 3, height: 4 });
  });

  it('overlapsAny agrees with overlaps on every box, and placeLabels places alike with either', () => {
    const boxes = lineBoxes(curve, plot);
    const packed = lineBoxes(curve, plot, 5, 1.5, new PackedBoxes());
    const spot = (x: number, y: number): Spot => ({ x, y, anchor: 'start' });
    for (let x = 0; x < 300; x += 7)
      for (let y = 10; y < 200; y += 9) {
        const box = textBox('fits up to 1M', spot(x, y));
        for (const slack of [-2, 0])
          expect(packed.overlapsAny(box, slack)).toBe(boxes.some((b) => overlaps(b, box, slack)));
      }
    const spots = [spot(150, 100), spot(20, 30), spot(200, 180), spot(10, 190)];
    const requests = [
      { id: 'a', variants: [{ text: 'hybrid fits up to 8.04M', spots }] },
      { id: 'b', variants: [{ text: 'full ≤ 2.02M', spots }], required: true },
    ];
    expect(placeLabels(requests, plot, [], packed)).toEqual(placeLabels(requests, plot, [], boxes));
  });
});
