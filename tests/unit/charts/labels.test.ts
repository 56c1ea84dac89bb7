import { describe, expect, it } from 'vitest';
import {
  dotBox,
  lineBoxes,
  overlaps,
  placeLabels,
  textBox,
  type Spot,
} from '../../../src/lib/charts/labels.ts';

const plot = { x: 0, y: 0, width: 300, height: 200 };
const right = (x: number, y: number): Spot => ({ x, y, anchor: 'start' });
const left = (x: number, y: number): Spot => ({ x, y, anchor: 'end' });

describe('placeLabels', () => {
  it('takes the first free spot; a second label in the same place moves to its next spot', () => {
    const spots = [right(100, 50), right(100, 80)];
    const [a, b] = placeLabels(
      [
        { id: 'a', variants: [{ text: 'hybrid fits up to 8.04M', spots }] },
        { id: 'b', variants: [{ text: 'full fits up to 2.02M', spots }] },
      ],
      plot,
    );
    expect([a!.y, b!.y]).toEqual([50, 80]);
    expect(overlaps(a!.box, b!.box)).toBe(false);
  });

  it('keeps labels inside the plot: a label at the right edge goes to the left of its mark', () => {
    const [label] = placeLabels(
      [{ id: 'a', variants: [{ text: '10.49M chosen', spots: [right(295, 20), left(285, 20)] }] }],
      plot,
    );
    expect(label!.anchor).toBe('end');
    expect(label!.box.x + label!.box.width).toBeLessThanOrEqual(300);
  });

  it('falls back to a shorter wording, and leaves out a label with no free spot', () => {
    const spots = [right(200, 50)];
    const placed = placeLabels(
      [
        {
          id: 'a',
          variants: [
            { text: 'hybrid fits up to 8.04M tokens', spots },
            { text: '≤ 8.04M', spots },
          ],
        },
        { id: 'b', variants: [{ text: 'x', spots: [right(205, 50)] }] },
      ],
      plot,
    );
    expect(placed.map((p) => [p.id, p.text])).toEqual([['a', '≤ 8.04M']]);
  });

  it('keeps clear of dots and lines; a required label may cross a line when nothing else is free', () => {
    const line = lineBoxes(
      [
        [0, 50],
        [300, 50],
      ],
      plot,
    );
    const spots = [right(10, 54)];
    expect(
      placeLabels([{ id: 'a', variants: [{ text: 'usable', spots }] }], plot, [], line),
    ).toEqual([]);
    const [crossing] = placeLabels(
      [{ id: 'a', variants: [{ text: 'usable', spots }], required: true }],
      plot,
      [],
      line,
    );
    expect(crossing!.text).toBe('usable');
    const dot = dotBox(20, 50);
    expect(placeLabels([{ id: 'a', variants: [{ text: 'x', spots }] }], plot, [dot])).toEqual([]);
  });
});

describe('textBox', () => {
  it('anchors the box at the start, middle or end of the text, baseline 0.92 em below its top', () => {
    const box = textBox('10M', { x: 100, y: 50, anchor: 'middle' }, 10);
    expect(box.x + box.width / 2).toBeCloseTo(100);
    expect(box.y).toBeCloseTo(50 - 9.2);
  });
});
