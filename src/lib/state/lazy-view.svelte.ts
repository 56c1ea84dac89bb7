const idle: (callback: () => void) => number =
  typeof requestIdleCallback === 'function'
    ? (callback) => requestIdleCallback(callback, { timeout: 200 })
    : (callback) => setTimeout(callback, 50) as unknown as number;
const cancelIdle: (handle: number) => void =
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback : clearTimeout;

/**
 * A view of the explorer for a panel that may be off screen. On screen it follows the state
 * as it changes; off screen it keeps its last value and catches up when the browser is idle,
 * so a slider move only pays for what can be seen. The DOM is always there (and read by
 * assistive technology); it is at most one idle period behind while off screen.
 */
export class LazyView<T> {
  #visible = $state(true);
  #epoch = $state(0);
  #seen = -1;
  #cache: { value: T } | null = null;
  #pending = 0;

  /** The source's value: current while on screen, at most one idle period behind off screen. */
  readonly value: T = $derived.by(() => {
    const epoch = this.#epoch;
    if (this.#visible || this.#cache === null || epoch !== this.#seen) {
      this.#seen = epoch;
      this.#cache = { value: this.source() };
    }
    return this.#cache.value;
  });

  /**
   * `source` reads the state it shows; it is called only while on screen or when idle.
   * `margin`: how near the screen counts as on screen (an IntersectionObserver rootMargin).
   */
  constructor(
    private readonly source: () => T,
    private readonly margin = '200px',
  ) {}

  /** An attachment for the panel's element: watches whether it is on screen. */
  observe = (node: Element) => {
    if (typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry) this.#visible = entry.isIntersecting;
      },
      { rootMargin: this.margin },
    );
    observer.observe(node);
    return () => {
      observer.disconnect();
      cancelIdle(this.#pending);
    };
  };

  /** Schedules a catch-up while off screen; call from an effect that reads the source. */
  refreshWhenIdle(): void {
    if (this.#visible) return;
    cancelIdle(this.#pending);
    this.#pending = idle(() => this.#epoch++);
  }
}
