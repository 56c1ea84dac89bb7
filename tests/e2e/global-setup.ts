/**
 * Browser tests: build the site once into a temporary folder and serve it with `vite preview`,
 * as a static host would. The URL reaches the tests through `inject('baseUrl')`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumPath, hasChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Scripts only from the site itself: no 'unsafe-inline', no 'unsafe-eval'. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'";

/**
 * A plain blog-like page with hostile styles around two <moe-explorer> elements and an iframe
 * embed that reports its height: the element must neither change nor depend on these styles.
 */
const HOST_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<style>
  * { color: rgb(200, 0, 0) !important; font-size: 31px; }
  button, a { display: none; }
  div { border: 9px solid lime; padding: 40px; }
  p.prose { font-family: serif; }
</style></head>
<body>
  <p class="prose" id="before">Some prose before the calculator.</p>
  <moe-explorer id="one" state="m=llama4-scout&k=2" view="params" theme="light"></moe-explorer>
  <p class="prose">Prose between two elements.</p>
  <moe-explorer id="two" state="m=deepseek-v3" view="serving" theme="dark"></moe-explorer>
  <p class="prose" id="after">Prose after.</p>
  <iframe id="frame" src="./?embed=1&view=compare&m=kimi-k2" style="width: 600px; height: 200px"></iframe>
  <script>
    window.heights = [];
    addEventListener('message', (e) => { if (e.data && e.data.type === 'moe-explorer:height') window.heights.push(e.data.height); });
  </script>
  <script type="module" src="./moe-explorer.js"></script>
</body></html>`;

export default async function setup(project: TestProject) {
  if (!hasChromium) {
    if (process.env.CI)
      throw new Error(`CI=true but no Chromium at ${chromiumPath}: browser tests cannot run`);
    console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
    project.provide('baseUrl', '');
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'moe-e2e-'));
  // Vitest sets NODE_ENV=test, under which Vite builds Svelte's development runtime (its dev
  // checks and warnings, about 1.4x slower): build the production site, as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    await build({
      logLevel: 'warn',
      configFile: 'vite.element.config.ts',
      build: { outDir, emptyOutDir: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(join(outDir, 'host.html'), HOST_PAGE);
  // The app under a strict Content-Security-Policy: no inline scripts, no eval.
  const index = readFileSync(join(outDir, 'index.html'), 'utf8');
  writeFileSync(
    join(outDir, 'csp.html'),
    index.replace(
      '<head>',
      `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
    ),
  );
  // Served under a sub-path, to check that the build works from any path of a static host.
  const server = await preview({
    logLevel: 'warn',
    base: '/sub/path/',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  project.provide('baseUrl', `http://127.0.0.1:${port}/sub/path/`);
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  };
}
