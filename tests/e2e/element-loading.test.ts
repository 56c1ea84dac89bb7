import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** The element's serving model and link decoders: one chunk, loaded on demand (src/embed/serving-chunk.ts). */
const SERVING_CHUNK = /\/moe-explorer-serving-[^/]*\.js$/;
/** The serving view's own chunk (src/embed/views.ts). */
const SERVING_VIEW = /\/EmbedServing-[^/]*\.js$/;

/** A host page at the site's origin with one serving element. */
async function serveHost(page: Page): Promise<void> {
  await page.route(`${baseUrl}loading-host.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body:
        '<!doctype html><html><head><meta charset="utf-8"><title>Host</title>' +
        '<link rel="icon" href="data:,"><script type="module" src="moe-explorer.js"></script>' +
        '</head><body><p>Before.</p><moe-explorer id="el" state="m=llama4-scout" view="serving">' +
        '</moe-explorer><p id="after">After.</p></body></html>',
    }),
  );
}

describeInChromium('<moe-explorer> loads its serving model on demand, in Chromium', (browser) => {
  it('the element shows a labelled, busy loading state of the view’s height, fetches the serving model beside the view, then shows the serving view', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(SERVING_CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    await serveHost(page);
    await page.goto(`${baseUrl}loading-host.html`);
    const element = page.locator('#el');
    const loading = element.getByRole('status').filter({ hasText: 'Loading MoE Explorer…' });
    await loading.waitFor();
    expect(await loading.getAttribute('aria-busy')).toBe('true');
    // The view's chunk is asked for while the serving model is held: the two arrive together.
    await expect.poll(() => requested.some((url) => SERVING_VIEW.test(url))).toBe(true);
    expect(requested.filter((url) => SERVING_CHUNK.test(url))).toHaveLength(1);
    const before = (await element.boundingBox())!.height;
    expect(before).toBeGreaterThan(300); // the serving view's room, reserved

    release();
    await element.getByRole('heading', { name: /^Serving on 8 × NVIDIA H100/ }).waitFor();
    expect(Number(await element.getByTestId('weights-memory').getAttribute('data-value'))).toBe(
      217283587072, // Scout's 108,641,793,536 BF16 parameters x 2 bytes
    );
    expect(await element.locator('[aria-busy="true"]').count()).toBe(0);
    // The view takes about the room it had: the host's text below moves little, if at all.
    const after = (await element.boundingBox())!.height;
    expect(after).toBeGreaterThanOrEqual(before - 1);
    expect(after - before).toBeLessThan(120);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a serving model that does not arrive is said in the element, with Try again, which then shows the view', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    let failing = true;
    await page.route(SERVING_CHUNK, (route) => (failing ? route.abort() : route.continue()));
    await serveHost(page);
    await page.goto(`${baseUrl}loading-host.html`);
    const element = page.locator('#el');
    const alert = element.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /MoE Explorer could not finish loading \(.+moe-explorer-serving-.+\)\. Check the connection, then try again\./,
    );
    expect(await element.locator('[aria-busy="true"]').count()).toBe(0);
    expect(await page.locator('#after').isVisible()).toBe(true); // the host page is untouched

    failing = false;
    await element.getByRole('button', { name: 'Try again' }).click();
    await element.getByRole('heading', { name: /^Serving on / }).waitFor();
    expect(await element.getByTestId('fits').getAttribute('data-value')).toBe('true');
    expect(await element.getByRole('alert').count()).toBe(0);
    // The browser logs the aborted chunk; nothing else.
    expect(
      errors.filter((e) => !/Failed to fetch dynamically imported module|net::ERR_FAILED/.test(e)),
    ).toEqual([]);
    await page.close();
  });
});
