/**
 * The sequences in flight of a run simulated answer by answer (finite-run.ts `finiteRun`), by
 * the token count of the run at which each ends: a binary heap, the soonest end on top.
 */

/** A sequence in flight: the token count at which it ends, and when it started, seconds. */
export interface InFlight {
  end: number;
  tpot: number;
  length: number;
  start: number;
}

/** Sequences in flight by the token count at which they end, the soonest first (a binary heap). */
export class EndHeap {
  private readonly items: InFlight[] = [];

  get size(): number {
    return this.items.length;
  }

  minEnd(): number {
    return this.items[0]!.end;
  }

  push(end: number, tpot: number, length: number, start: number): void {
    const items = this.items;
    items.push({ end, tpot, length, start });
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.end <= items[i]!.end) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): InFlight {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < items.length && items[l]!.end < items[min]!.end) min = l;
        if (r < items.length && items[r]!.end < items[min]!.end) min = r;
        if (min === i) break;
        [items[min], items[i]] = [items[i]!, items[min]!];
        i = min;
      }
    }
    return top;
  }
}
