/**
 * The size budget (npm run size, part of npm test): the JavaScript a visitor downloads before
 * the explorer runs, and what a host page downloads for <moe-explorer>, gzipped, static
 * imports included; lazily loaded chunks (mathjs, the embed's other views) are not.
 *   app initial JS <= 100 KB, dist/moe-explorer.js and its static imports <= 60 KB.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = join(import.meta.dirname, '..', 'dist');
const KB = 1024;
export const BUDGETS = { app: 100 * KB, element: 60 * KB };

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

/** The app's entry scripts and preloads, read from dist/index.html. */
export function appEntries(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  return srcs.map((m) => resolve(DIST, m[1]!));
}

export function measure(): {
  app: number;
  element: number;
  appFiles: string[];
  elementFiles: string[];
} {
  const appFiles = [...new Set(appEntries().flatMap(staticGraph))];
  const elementFiles = staticGraph(join(DIST, 'moe-explorer.js'));
  return { app: gzipped(appFiles), element: gzipped(elementFiles), appFiles, elementFiles };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const m = measure();
  const line = (name: string, bytes: number, budget: number, files: string[]) =>
    `${name}: ${(bytes / KB).toFixed(1)} KB gzipped of ${budget / KB} KB (${files.map((f) => f.slice(DIST.length + 1)).join(', ')})`;
  console.log(line('app initial JavaScript', m.app, BUDGETS.app, m.appFiles));
  console.log(line('<moe-explorer> element', m.element, BUDGETS.element, m.elementFiles));
  if (m.app > BUDGETS.app || m.element > BUDGETS.element) {
    console.error('size: over budget');
    process.exitCode = 1;
  }
}
