import { describe, expect, it } from 'vitest';
import { PartsInTurn } from '../../src/lib/components/parts-in-turn.svelte.ts';

/** An unfold that keeps each step until the test runs it: one "task" at a time. */
function steps() {
  const queue: (() => void)[] = [];
  return { unfold: (next: () => void) => void queue.push(next), run: () => queue.shift()?.() };
}
const PARTS = ['header', 'headline', 'charts'] as const;
const shownOf = (parts: PartsInTurn<(typeof PARTS)[number]>) =>
  PARTS.filter((part) => parts.showing(part));

describe('PartsInTurn', () => {
  it('without an unfold, shows every part at once', () => {
    const parts = new PartsInTurn(PARTS);
    expect(shownOf(parts)).toEqual(PARTS);
    parts.start()();
  });

  it('shows the first part, then one more per step, in order', () => {
    const { unfold, run } = steps();
    const parts = new PartsInTurn(PARTS, unfold);
    expect(shownOf(parts)).toEqual(['header']);
    parts.start();
    expect(shownOf(parts)).toEqual(['header']);
    run();
    expect(shownOf(parts)).toEqual(['header', 'headline']);
    run();
    expect(shownOf(parts)).toEqual(PARTS);
    run();
    expect(shownOf(parts)).toEqual(PARTS);
  });

  it('waits for what must come before a part', async () => {
    const { unfold, run } = steps();
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const parts = new PartsInTurn(PARTS, unfold, (part) => (part === 'charts' ? arrived : null));
    parts.start();
    run();
    run();
    expect(shownOf(parts)).toEqual(['header', 'headline']);
    arrive();
    await arrived;
    run();
    expect(shownOf(parts)).toEqual(PARTS);
  });

  it('shows every part when asked, and stops when stopped', () => {
    const { unfold, run } = steps();
    const parts = new PartsInTurn(PARTS, unfold);
    const stop = parts.start();
    stop();
    run();
    expect(shownOf(parts)).toEqual(['header']);
    parts.showAll();
    expect(shownOf(parts)).toEqual(PARTS);
  });
});
