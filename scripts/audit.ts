/**
 * The quality audit (npm run audit; not part of npm test): Lighthouse on the built site with
 * the mobile profile (its default: a mid-range phone on slow 4G, 4x CPU slowdown, simulated),
 * then desktop, for performance, accessibility, best practices and SEO. Prints each profile's
 * scores, total blocking time, long tasks (over 50 ms) and every audit that does not pass, with
 * what it found. Fails (exit 1) when performance < 95 or another category < 100, in either.
 * Then a control: the long tasks of a page with no script on the same machine and profile, the
 * browser's own share of what the mobile profile reports.
 *
 * It builds the site into a temporary folder and serves it on 127.0.0.1 as a static host would
 * (gzip, long cache for hashed assets). Lighthouse runs offline: it needs only the page and
 * Chromium (CHROMIUM_PATH, or /usr/bin/chromium). Reports stay in a printed temporary folder.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';

import {
  CATEGORIES,
  formatControl,
  formatProfile,
  medianRun,
  scoresOf,
  shortfalls,
  type Category,
  type Profile,
} from './audit-report.ts';

const ROOT = join(import.meta.dirname, '..');

/** What the site holds; all of it is text, gzipped when the browser asks. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port) as a static host does: index.html for `/`, 404
 * for what is missing, gzip when asked, hashed assets cached for a year. Resolves to its URL.
 */
export function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(dir + sep)) return void res.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    if (!existsSync(file))
      return void res.writeHead(404, { 'content-type': TYPES['.txt'] }).end('Not found');
    const ext = extname(file);
    const gzip = ext in TYPES && /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    const stream = createReadStream(file).on('error', () => res.destroy()); // e.g. a folder
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, server });
    }),
  );
}

/** `--runs N` (default 3): Lighthouse runs per profile, of which the median one is reported. */
export function runsFrom(argv: string[]): number {
  const at = argv.indexOf('--runs');
  const runs = at === -1 ? 3 : Number(argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1 || runs > 9)
    throw new Error(`--runs: expected a whole number from 1 to 9, got ${argv[at + 1]}`);
  return runs;
}

/** Lighthouse `runs` times with the profile's settings: the median run, every run's score and result. */
async function audit(
  url: string,
  port: number,
  profile: Profile,
  runs: number,
  categories: readonly Category[] = CATEGORIES,
) {
  const { default: lighthouse, desktopConfig } = await import('lighthouse');
  const config = profile === 'desktop' ? desktopConfig : undefined;
  const output: ('json' | 'html')[] = ['json', 'html'];
  const results = [];
  for (let i = 0; i < runs; i++) {
    const flags = { port, output, logLevel: 'error' as const, onlyCategories: [...categories] };
    const result = await lighthouse(url, flags, config);
    const error = result?.lhr.runtimeError;
    if (!result || error)
      throw new Error(`Lighthouse (${profile}): ${error?.message ?? 'no result'}`);
    results.push(result);
  }
  const median = medianRun(results.map((r) => r.lhr));
  const performance = results.map((r) => scoresOf(r.lhr).performance);
  return {
    result: results.find((r) => r.lhr === median)!,
    performance,
    lhrs: results.map((r) => r.lhr),
  };
}

/**
 * The control: a page with a heading, a paragraph and no script, audited on the same machine
 * with the same mobile profile. Its long tasks are Chromium's own (the navigation: creating the
 * window's context, committing the document), which no page can shorten; what the explorer's
 * page shows beyond them is its own. Lighthouse simulates the mobile CPU as 4x what this machine
 * took, so a slower machine lengthens both alike.
 */
export const CONTROL_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="description" content="The audit's control page: no script, one paragraph" />
    <title>Control</title>
  </head>
  <body>
    <main><h1>Control</h1><p>A page with no script, for comparison.</p></main>
  </body>
</html>
`;

async function main(): Promise<void> {
  const runs = runsFrom(process.argv.slice(2));
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromePath)) throw new Error(`No Chromium at ${chromePath}: set CHROMIUM_PATH`);
  const [dist, reports] = ['site', 'reports'].map((n) =>
    mkdtempSync(join(tmpdir(), `moe-audit-${n}-`)),
  );
  const { build } = await import('vite');
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  const { url, server } = await serveStatic(dist!);
  const controlDir = mkdtempSync(join(tmpdir(), 'moe-audit-control-'));
  writeFileSync(join(controlDir, 'index.html'), CONTROL_PAGE);
  const control = await serveStatic(controlDir);
  const { launch } = await import('chrome-launcher');
  const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu'];
  const chrome = await launch({ chromePath, chromeFlags, logLevel: 'silent' });
  const failures: string[] = [];
  try {
    for (const profile of ['mobile', 'desktop'] as const) {
      const { result, performance } = await audit(url, chrome.port, profile, runs);
      const [json, html] = result.report as string[];
      writeFileSync(join(reports!, `${profile}.json`), json!);
      writeFileSync(join(reports!, `${profile}.html`), html!);
      console.log(`${profile}: performance of each run ${performance.join(', ')}; the median run:`);
      console.log(formatProfile(profile, result.lhr));
      failures.push(...shortfalls(profile, scoresOf(result.lhr)));
    }
    const { lhrs } = await audit(control.url, chrome.port, 'mobile', runs, ['performance']);
    console.log(formatControl(lhrs));
  } finally {
    chrome.kill();
    server.close();
    control.server.close();
    rmSync(controlDir, { recursive: true, force: true });
    rmSync(dist!, { recursive: true, force: true });
  }
  console.log(`reports (JSON and HTML): ${reports}`);
  if (failures.length > 0) {
    console.error(`audit: below the bar: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else console.log('audit: every category at or above its bar');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
