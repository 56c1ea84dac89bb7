/**
 * The size budget (npm run size, part of npm test): the JavaScript a visitor downloads before
 * the explorer runs, and what a host page downloads for <moe-explorer>, gzipped, static
 * imports included; lazily loaded chunks (mathjs, the panels, the element's views and serving
 * model) are not.
 *   app initial JS <= 60 KB, moe-explorer.js and its static imports <= 40 KB.
 *
 * The page's serving chunk (src/embed/serving-chunk.ts: the serving model and the link decoders) is
 * preloaded by index.html (`<link rel="modulepreload" data-serving>`, vite.config.ts), so it
 * downloads beside the entry, but the page does not wait for it: it renders its header, preset
 * picker and counts first, the serving cards loading (main.ts, share.ts `openPreview`; a link
 * that sets a deployment, pins or an imported config waits for it). So it is not initial; the
 * output gives both figures, initial and initial + the preloaded serving chunk.
 *
 * It builds the site and the element as `npm run build` does, but into a temporary folder of
 * its own, not dist/: another build (a second `npm test`, `npm run build`) may be rewriting
 * dist/ meanwhile, and this script must measure a whole build, its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..');
const KB = 1024;
/**
 * Issue 9's budgets: the app's 60 KB and the element's 40 KB. The app's serving model loads
 * beside its entry (see above). The element's first chunk holds
 * its shell, the link's decoder, the model, the counts and the device catalog; the serving
 * model (core serving/ but the catalog: memory, speed, price, and what issue 13 adds) with the
 * decoders of a link's deployment, pins and imported config is one chunk loaded on demand,
 * fetched beside the chosen view's (src/embed/serving-chunk.ts, views.ts), as are the presets other
 * than the default, the family readers but Llama 4's, the local devices and the local model.
 */
export const BUDGETS = { app: 60 * KB, element: 40 * KB };

/** Builds the site, then the element beside it (as `npm run build`), into `outDir`. */
export async function buildInto(outDir: string): Promise<void> {
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.element.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false },
  });
}

/** A module and every module it imports statically (not `import()`), as file paths. */
export function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports and re-exports: `import ... from "./x.js"`, `import "./x.js"`, `export ... from`.
    for (const m of code.matchAll(
      /\b(?:import|export)(?!\s*\()(?:[^'"();]*?from)?\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
    )) {
      visit(resolve(dirname(file), m[1]!));
    }
  };
  visit(entry);
  return [...seen];
}

const gzipped = (files: string[]) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);

/**
 * The app's entry scripts and preloads, read from the build's index.html; with `serving`, the
 * preloads of its serving chunk (`data-serving`) instead.
 */
export function appEntries(dist: string, serving = false): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)]
    .filter((m) => /\sdata-serving\b/.test(m[0]) === serving)
    .map((m) => /href="([^"]+)"/.exec(m[0]));
  const scripts = serving ? [] : [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)];
  return [...scripts, ...preloads].map((m) => resolve(dist, m![1]!));
}

/** Gzipped sizes of a build in `dist` (a folder written by buildInto or `npm run build`). */
export function measure(dist: string): {
  app: number;
  /** The app's initial JavaScript and its preloaded serving chunk (not budgeted: see above). */
  appWithServing: number;
  element: number;
  appFiles: string[];
  servingFiles: string[];
  elementFiles: string[];
} {
  const appFiles = [...new Set(appEntries(dist).flatMap(staticGraph))];
  const servingFiles = [...new Set(appEntries(dist, true).flatMap(staticGraph))].filter(
    (file) => !appFiles.includes(file),
  );
  const elementFiles = staticGraph(join(dist, 'moe-explorer.js'));
  return {
    app: gzipped(appFiles),
    appWithServing: gzipped([...appFiles, ...servingFiles]),
    element: gzipped(elementFiles),
    appFiles,
    servingFiles,
    elementFiles,
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const dist = mkdtempSync(join(tmpdir(), 'moe-size-'));
  try {
    await buildInto(dist);
    const m = measure(dist);
    const line = (name: string, bytes: number, budget: number, files: string[]) =>
      `${name}: ${(bytes / KB).toFixed(1)} KB gzipped (${bytes.toLocaleString('en-US')} bytes) of ${budget / KB} KB (${files.map((f) => relative(dist, f)).join(', ')})`;
    console.log(line('app initial JavaScript', m.app, BUDGETS.app, m.appFiles));
    console.log(
      `app initial + preloaded serving chunk: ${(m.appWithServing / KB).toFixed(1)} KB gzipped, not budgeted (${m.servingFiles.map((f) => relative(dist, f)).join(', ')})`,
    );
    console.log(line('<moe-explorer> element', m.element, BUDGETS.element, m.elementFiles));
    if (m.app > BUDGETS.app || m.element > BUDGETS.element) {
      console.error('size: over budget');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
