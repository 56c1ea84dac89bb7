import { flushSync } from 'svelte';

/** Runs the next step of a page's mounting, later, in a task of its own (main.ts: after a frame). */
export type Unfold = (next: () => void) => void;

/**
 * A page that mounts part after part, in order, each in a task of its own, so that no start-up
 * task is long (issue 9: 50 ms on a phone's slower CPU). With no `unfold`, every part shows at
 * once (component tests). `before(part)` may return what must be there before `part` mounts
 * (a promise), or null.
 *
 * @example
 * const parts = new PartsInTurn(['header', 'charts'], unfold);
 * onMount(() => parts.start()); // markup: {#if parts.showing('charts')} ... {/if}
 */
export class PartsInTurn<Part extends string> {
  #shown = $state(0);

  constructor(
    private readonly parts: readonly Part[],
    private readonly unfold?: Unfold,
    private readonly before: (part: Part) => Promise<unknown> | null = () => null,
  ) {
    this.#shown = unfold ? 1 : parts.length;
  }

  /** Whether `part` has mounted. */
  showing(part: Part): boolean {
    return this.#shown > this.parts.indexOf(part);
  }

  /** Every part at once (a link that points into the page). */
  showAll(): void {
    this.#shown = this.parts.length;
  }

  /**
   * Mounts the rest, one part per step, each marked `moe:part <name>` for the browser's
   * performance timeline. Returns what stops it (for onMount).
   */
  start(): () => void {
    const unfold = this.unfold;
    if (!unfold) return () => {};
    let stopped = false;
    let waitedFor = -1;
    const next = () => {
      if (stopped || this.#shown >= this.parts.length) return;
      const part = this.parts[this.#shown]!;
      const waiting = waitedFor === this.#shown ? null : this.before(part);
      waitedFor = this.#shown;
      const go = () => unfold(next);
      if (waiting) return void waiting.then(go, go);
      performance.mark(`moe:part ${part}`);
      // Rendered here, not in a later microtask: what a part throws is the step's to report.
      flushSync(() => (this.#shown += 1));
      unfold(next);
    };
    unfold(next);
    return () => (stopped = true);
  }
}
