import type { Plugin, Rolldown } from 'vite';
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

/**
 * Unit test files that need modules of their own: they mock a module (vi.mock, vi.doMock), which
 * works only on a first import, or build a fresh device registry (vi.resetModules) and add
 * devices to it, which the next file would see. They run isolated, the rest share modules.
 */
const UNIT_ISOLATED = [
  'tests/unit/core/serving/device-registry.test.ts',
  'tests/unit/core/serving/hardware.test.ts',
  'tests/unit/embed/element-serving-chunk.test.ts',
  'tests/unit/embed/element-state.test.ts',
  'tests/unit/state/import-config.test.ts',
  'tests/unit/state/share.test.ts',
];

/**
 * The page's first file and the files of its components that load on demand (its panels in
 * src/lib/components/sections/, the Hub import, the fit advice, ..., and what they import) run
 * almost all their functions as they mount. V8's compile hint (a comment that must open the
 * file) has them compiled while the file streams in, off the main thread, instead of one by one
 * as each is first called, inside the start-up tasks (issue 9). Added last, after minification
 * and Vite's own first line. (Chromium 136+; other engines ignore the comment.)
 */
function compileStartUpEagerly(): Plugin {
  return {
    name: 'moe-compile-hint',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        type OutputChunk = Rolldown.OutputChunk;
        const chunks = new Map<string, OutputChunk>();
        for (const file of Object.values(bundle))
          if (file.type === 'chunk') chunks.set(file.fileName, file);
        const eager = new Set<OutputChunk>();
        const add = (chunk: OutputChunk | undefined) => {
          if (!chunk || eager.has(chunk)) return;
          eager.add(chunk);
          for (const file of chunk.imports) add(chunks.get(file));
        };
        for (const chunk of chunks.values())
          if (chunk.isEntry || /\/src\/lib\/components\//.test(chunk.facadeModuleId ?? ''))
            add(chunk);
        for (const chunk of eager) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      },
    },
  };
}

/**
 * The page's serving chunk (src/embed/serving-chunk.ts: the serving model and the link decoders,
 * imported on demand by src/lib/state/share.ts), emitted as assets/serving-chunk-<hash>.js (see
 * `chunkFileNames` below), is asked for by the entry as it runs; a `<link rel="modulepreload">`
 * for it and the chunks it imports, in the built index.html, has the browser fetch it beside the
 * entry instead of one round trip later. scripts/size.ts counts it apart from the entry (the
 * page renders its header and counts before it).
 */
export const SERVING_CHUNK = 'src/embed/serving-chunk.ts';
/** The file name of the serving chunk, by what it holds (not its module's name). */
const SERVING_CHUNK_FILE = 'assets/serving-chunk-[hash].js';
function preloadServingChunk(): Plugin {
  return {
    name: 'moe-preload-serving',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_, ctx) {
        type OutputChunk = Rolldown.OutputChunk;
        const chunks = new Map<string, OutputChunk>();
        for (const file of Object.values(ctx.bundle ?? {}))
          if (file.type === 'chunk') chunks.set(file.fileName, file);
        const initial = new Set<string>();
        const closure = (chunk: OutputChunk | undefined, into: Set<string>) => {
          if (!chunk || into.has(chunk.fileName)) return;
          into.add(chunk.fileName);
          for (const file of chunk.imports) closure(chunks.get(file), into);
        };
        for (const chunk of chunks.values()) if (chunk.isEntry) closure(chunk, initial);
        const serving = [...chunks.values()].find((c) =>
          (c.facadeModuleId ?? '').endsWith(SERVING_CHUNK),
        );
        if (!serving) throw new Error(`preloadServingChunk: no chunk for ${SERVING_CHUNK}`);
        const files = new Set<string>();
        closure(serving, files);
        return [...files]
          .filter((file) => !initial.has(file))
          .map((file) => ({
            tag: 'link',
            attrs: {
              rel: 'modulepreload',
              crossorigin: true,
              href: `./${file}`,
              'data-serving': true,
            },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

/**
 * The presets load on demand with `import('./presets/x.json', { with: { type: 'json' } })`: the
 * attribute is what Node asks of a JSON module (the CLI and the library), and the build bundles
 * each one into a JavaScript chunk. The dev server, though, serves a JSON file as a JavaScript
 * module and leaves the attribute in place, so the browser refused every preset but the default
 * ("Expected a JSON module script", `npm run dev` only). In dev, the attribute is blanked out
 * (spaces of the same length, so columns and source maps stay right).
 */
export function devJsonImports(): Plugin {
  const attribute =
    /(import\(\s*(['"])[^'"]+\.json\2\s*)(,\s*\{\s*with:\s*\{\s*type:\s*(['"])json\4\s*\}\s*\})/g;
  return {
    name: 'moe-dev-json-imports',
    apply: 'serve',
    transform(code, id) {
      if (!/\.(ts|js|svelte)$/.test(id.split('?')[0]!) || !code.includes('json')) return null;
      const out = code.replace(
        attribute,
        (_, call: string, _q, attr: string) => call + ' '.repeat(attr.length),
      );
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  // Relative base: the built site works from any sub-path of a static host.
  base: './',
  plugins: [
    svelte({ compilerOptions: { runes: true } }),
    compileStartUpEagerly(),
    preloadServingChunk(),
    devJsonImports(),
  ],
  build: {
    // What the page needs before it renders is one file beside the entry (Rolldown's '$initial'
    // tag: the entry's static imports); each panel stays its own chunk, loaded after.
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
        chunkFileNames: (chunk) =>
          (chunk.facadeModuleId ?? '').endsWith(SERVING_CHUNK)
            ? SERVING_CHUNK_FILE
            : 'assets/[name]-[hash].js',
      },
    },
  },
  test: {
    projects: [
      {
        // The pure tests share each worker's modules (isolate: false): a file then costs its
        // tests, not a fresh import of the core, which took two thirds of the project's time.
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          ...BUSY_MACHINE,
          include: ['tests/unit/**/*.test.ts'],
          exclude: UNIT_ISOLATED,
          isolate: false,
          setupFiles: ['tests/setup/all-families.ts'],
          benchmark: { include: ['tests/unit/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-isolated',
          environment: 'node',
          ...BUSY_MACHINE,
          include: UNIT_ISOLATED,
          setupFiles: ['tests/setup/all-families.ts'],
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
