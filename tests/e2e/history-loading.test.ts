/**
 * Back, forward and the guided questions before the page's serving chunk is in (issue 9): the
 * page shows a link's counts before the chunk (serving-loading.test.ts), with stand-ins that
 * read no deployment, pins or training settings. A history entry that holds them opens with
 * its model and counts at once; the address keeps its serving keys, and the chunk, once in,
 * applies them: the page ends on the entry the address names, as it would have with the chunk.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** The page's serving chunk (the facade of src/embed/serving-chunk.ts, named in vite.config.ts). */
const SERVING_CHUNK = /\/assets\/serving-chunk-[^/]*\.js$/;

/** Holds the serving chunk's response until `release` is called. */
async function holdChunk(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(SERVING_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const search = (page: Page) => page.evaluate(() => location.search);
const preset = (page: Page) => page.getByLabel('Preset', { exact: true }).inputValue();
const value = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');
/** The context of the KV cache card, in tokens. */
const context = (page: Page) => page.getByTestId('kv-at-context').getAttribute('data-context');
/** Longer than the address bar's write delay (URL_WRITE_DELAY_MS, 250 ms): any write is in. */
const settle = (page: Page) => page.waitForTimeout(600);

/** Opens `query` with the chunk held, then asks the guided question "Does Scout's 10M context fit on one node?". */
async function askBeforeChunk(page: Page, query: string): Promise<void> {
  await page.goto(`${baseUrl}${query}`);
  await page.getByTestId('serving-loading').waitFor();
  await page.locator('[data-question="scout-10m"]').click();
  await expect.poll(() => search(page)).toBe('?v=1&ctx=10000000');
}

/** Mixtral 8x7B's total (tests/fixtures/expected-params.json), Scout's. */
const MIXTRAL_TOTAL = '46702792704';
const SCOUT_TOTAL = '108641793536';
/** DeepSeek-V3's total (tests/fixtures/expected-params.json). */
const DEEPSEEK_V3_TOTAL = '671026419200';

describeInChromium('history before the serving chunk, in Chromium', (browser) => {
  it('a guided question asked before the chunk keeps its deployment and pins once the chunk is in', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const release = await holdChunk(page);
    await page.goto(`${baseUrl}?m=mixtral-8x7b`);
    await page.getByTestId('serving-loading').waitFor();
    const question = page.locator('[data-question="experts"]');
    const query = (await question.getAttribute('href'))!.split('#')[0]!;
    expect(query).toMatch(/[?&]w=fp8(&|$)/);
    expect(query).toMatch(/[?&]p=/);
    await question.click();
    await expect.poll(() => search(page)).toBe(query);
    release();
    await page.getByTestId('fits').waitFor();
    await settle(page);
    expect(await search(page)).toBe(query);
    expect(await value(page, 'total-params')).toBe('401583781376');
    // Maverick fits 8 × H100 in FP8, not in BF16 (trust.test.ts).
    expect(await value(page, 'fits')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('back before the chunk: the previous entry, its model at once and its serving numbers once the chunk is in', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const release = await holdChunk(page);
    await askBeforeChunk(page, '?m=mixtral-8x7b');
    await page.goBack();
    await expect.poll(() => preset(page)).toBe('mixtral-8x7b');
    expect(await value(page, 'total-params')).toBe(MIXTRAL_TOTAL);
    await settle(page);
    expect(await search(page)).toBe('?v=1&m=mixtral-8x7b');
    release();
    await page.getByTestId('fits').waitFor();
    await settle(page);
    expect(await search(page)).toBe('?v=1&m=mixtral-8x7b');
    expect(await context(page)).toBe('131072');
    expect(await page.locator('#headline-title').textContent()).toContain('Mixtral 8x7B');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('back and forward before the chunk: the entry keeps its serving keys in the address, and the chunk applies them', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const release = await holdChunk(page);
    await askBeforeChunk(page, '?m=mixtral-8x7b');
    await page.goBack();
    await expect.poll(() => preset(page)).toBe('mixtral-8x7b');
    await page.goForward();
    await expect.poll(() => preset(page)).toBe('llama4-scout');
    expect(await value(page, 'total-params')).toBe(SCOUT_TOTAL);
    expect(await page.getByTestId('serving-loading').count()).toBe(1);
    await settle(page);
    // The stand-ins cannot read ctx=: the address keeps it for the chunk.
    expect(await search(page)).toBe('?v=1&ctx=10000000');
    release();
    await page.getByTestId('fits').waitFor();
    await settle(page);
    expect(await search(page)).toBe('?v=1&ctx=10000000');
    expect(await context(page)).toBe('10000000');
    expect(await value(page, 'fits')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a chunk that fails: back and forward meanwhile, then Try again opens the entry shown', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const errors = collectErrors(page);
    await page.route(SERVING_CHUNK, (route) => route.abort());
    await page.goto(`${baseUrl}?m=mixtral-8x7b`);
    const failed = page.getByTestId('serving-failed');
    await failed.waitFor();
    await page.locator('[data-question="scout-10m"]').click();
    await expect.poll(() => search(page)).toBe('?v=1&ctx=10000000');
    await page.goBack();
    await expect.poll(() => preset(page)).toBe('mixtral-8x7b');
    await page.goForward();
    await expect.poll(() => preset(page)).toBe('llama4-scout');
    await settle(page);
    expect(await search(page)).toBe('?v=1&ctx=10000000');
    await page.unroute(SERVING_CHUNK);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('fits').waitFor();
    await settle(page);
    expect(await search(page)).toBe('?v=1&ctx=10000000');
    expect(await context(page)).toBe('10000000');
    // Only the failed download of the chunk (its preload and its import), said by the browser
    // and by the page.
    const download =
      /^(Failed to load resource: net::ERR_FAILED|TypeError: Failed to fetch dynamically imported module: .*\/serving-chunk-[^/]*\.js)$/;
    expect(errors.filter((e) => !download.test(e))).toEqual([]);
    await page.close();
  });

  it("a chunk that fails after back and forward: a preset picked meanwhile is written to the address, which keeps the entry's serving keys", async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const errors = collectErrors(page);
    await page.route(SERVING_CHUNK, (route) => route.abort());
    await page.goto(`${baseUrl}?m=mixtral-8x7b`);
    const failed = page.getByTestId('serving-failed');
    await failed.waitFor();
    await page.locator('[data-question="scout-10m"]').click();
    await expect.poll(() => search(page)).toBe('?v=1&ctx=10000000');
    await page.goBack();
    await expect.poll(() => preset(page)).toBe('mixtral-8x7b');
    await page.goForward();
    await expect.poll(() => preset(page)).toBe('llama4-scout');
    await page.getByLabel('Preset', { exact: true }).selectOption('deepseek-v3');
    await expect.poll(() => value(page, 'total-params')).toBe(DEEPSEEK_V3_TOTAL);
    // The preset is the state's; ctx= is the entry's, which the stand-ins cannot read: the
    // address keeps it, as picking a preset keeps the deployment (explorer.svelte.ts).
    await expect.poll(() => search(page)).toBe('?v=1&m=deepseek-v3&ctx=10000000');
    await page.unroute(SERVING_CHUNK);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('fits').waitFor();
    await settle(page);
    expect(await preset(page)).toBe('deepseek-v3');
    expect(await context(page)).toBe('10000000');
    expect(new URLSearchParams(await search(page))).toEqual(
      new URLSearchParams('?v=1&m=deepseek-v3&ctx=10000000'),
    );
    const download =
      /^(Failed to load resource: net::ERR_FAILED|TypeError: Failed to fetch dynamically imported module: .*\/serving-chunk-[^/]*\.js)$/;
    expect(errors.filter((e) => !download.test(e))).toEqual([]);
    await page.close();
  });
});
