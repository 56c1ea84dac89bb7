import '@testing-library/jest-dom/vitest';

// jsdom has no layout: ResizeObserver (behind Svelte's bind:clientWidth) never fires, so charts
// measure a width of 0 and draw nothing; what they say in text is still there to test.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// The app keeps the address bar equal to its state: start every test from a clean address.
import { beforeEach } from 'vitest';
beforeEach(() => history.replaceState(null, '', '/'));
