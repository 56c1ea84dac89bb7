/**
 * Browser tests: build the site once into a temporary folder and serve it with `vite preview`,
 * as a static host would. The URL reaches the tests through `inject('baseUrl')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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

export default async function setup(project: TestProject) {
  if (!hasChromium) {
    if (process.env.CI)
      throw new Error(`CI=true but no Chromium at ${chromiumPath}: browser tests cannot run`);
    console.warn(`Skipping browser tests: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
    project.provide('baseUrl', '');
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'moe-e2e-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
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
