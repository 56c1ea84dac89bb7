import { describe, expect, it } from 'vitest';
import { EndHeap } from '../../../../src/lib/core/serving/end-heap.ts';

describe('EndHeap', () => {
  it('gives the sequences back soonest end first, whatever order they came in', () => {
    const heap = new EndHeap();
    const ends = [7, 3, 9, 1, 3, 12, 5];
    ends.forEach((end, i) => heap.push(end, 0, end, i));
    expect(heap.size).toBe(7);
    expect(heap.minEnd()).toBe(1);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop().end);
    expect(out).toEqual([...ends].sort((a, b) => a - b));
  });

  it('keeps what each sequence carries: its time per output token so far, length and start', () => {
    const heap = new EndHeap();
    heap.push(10, 0.25, 4, 2);
    heap.push(6, 0.5, 6, 0);
    expect(heap.pop()).toEqual({ end: 6, tpot: 0.5, length: 6, start: 0 });
    expect(heap.pop()).toEqual({ end: 10, tpot: 0.25, length: 4, start: 2 });
  });
});
