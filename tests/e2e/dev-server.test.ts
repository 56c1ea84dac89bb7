/**
 * `npm run dev`, the README's first command, in Chromium: Vite's dev server (not the build the
 * other browser tests load) serves the page, and a preset other than the default loads. Its
 * config.json is imported on demand with a JSON import attribute, which the dev server's
 * JavaScript-wrapped JSON failed ("Expected a JSON module script"; vite.config.ts
 * `devJsonImports`).
 */
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

// Llama 4 Maverick: 401,583,781,376 (tests/fixtures/expected-params.json); DeepSeek-V3 without
// its MTP layer: 671,026,419,200.
const MAVERICK_TOTAL = '401583781376';
const DEEPSEEK_V3_TOTAL = '671026419200';

describeInChromium('the dev server (npm run dev), in Chromium', (browser) => {
  let server: ViteDevServer | undefined;
  let url = '';
  beforeAll(async () => {
    server = await createServer({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    url = server.resolvedUrls!.local[0]!;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens on Llama 4 Scout, and a link to another preset loads that preset', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(url);
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe('108641793536');
    for (const [id, total] of [
      ['llama4-maverick', MAVERICK_TOTAL],
      ['deepseek-v3', DEEPSEEK_V3_TOTAL],
    ] as const) {
      await page.goto(`${url}?v=1&m=${id}`);
      await expect
        .poll(() => page.getByTestId('total-params').getAttribute('data-value'), {
          timeout: 30_000,
        })
        .toBe(total);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
