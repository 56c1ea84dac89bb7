import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/**
 * Timeouts guard against hangs, not speed: they leave room for a busy machine (two test runs
 * side by side on 2 cores). Speed is checked in tests/perf, in CPU time.
 */
const BUSY_MACHINE = { testTimeout: 30_000, hookTimeout: 60_000 };
/** expect.poll waits this long for a page in Chromium (Vitest's default is 1 s). */
const POLL = { expect: { poll: { timeout: 15_000 } } };

export default defineConfig({
  // Relative base: the built site works from any sub-path of a static host.
  base: './',
  plugins: [svelte({ compilerOptions: { runes: true } })],
  build: {
    // What the page needs before it renders is one file beside the entry (Rolldown's '$initial'
    // tag: the entry's static imports); each panel stays its own chunk, loaded after.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] } },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          ...BUSY_MACHINE,
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/setup/all-families.ts'],
          benchmark: { include: ['tests/unit/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'components',
          environment: 'jsdom',
          ...BUSY_MACHINE,
          include: ['tests/components/**/*.test.ts'],
          setupFiles: [
            'tests/components/setup.ts',
            'tests/setup/async-utils.ts',
            'tests/setup/all-families.ts',
          ],
        },
      },
      {
        // Timing tests run alone (npm run test:perf), so other tests do not load the CPU.
        extends: true,
        test: {
          name: 'perf',
          environment: 'node',
          include: ['tests/perf/**/*.test.ts'],
          setupFiles: ['tests/setup/all-families.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          ...POLL,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // The Node side (links, configs and the CLI beside the page) reads any preset at once.
          setupFiles: ['tests/setup/all-families.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          ...POLL,
        },
      },
    ],
  },
});
