import '@testing-library/jest-dom/vitest';

// jsdom has no layout and no ResizeObserver: this one reports each observed element once, at
// its clientWidth, at once (a browser does it after the first layout). That is 0 in jsdom, so charts
// draw nothing and what they say in text is still there to test; a test that gives elements a
// width (charts.test.ts) gets drawn charts.
globalThis.ResizeObserver ??= class {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [{ target, contentRect: { width: target.clientWidth } } as unknown as ResizeObserverEntry],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
};

// The app keeps the address bar equal to its state: start every test from a clean address.
import { beforeEach } from 'vitest';
beforeEach(() => history.replaceState(null, '', '/'));
