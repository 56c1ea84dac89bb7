/**
 * A GGUF file for the weights of one GPU with system RAM, in Chromium, read from a loopback Hub
 * (cors-hub.ts) by HTTP Range, never downloaded: a file by its address, a split one by name
 * from the Hub address setting, a missing one, and links that carry a Hub file. The files are
 * built by the tests (gguf-builder.ts): headers only, served as large as their whole files.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { ggufWeights, parseGguf } from '../../src/lib/core/index.ts';
import { gptOss20bGguf, hubGguf, splitHubGguf } from '../unit/helpers/gguf-fixtures.ts';
import { collectErrors, describeInChromium } from './chromium.ts';
import { startCorsHub, type CorsHub } from './cors-hub.ts';

const baseUrl = inject('baseUrl');
const built = gptOss20bGguf();
/** gpt-oss-20b-like's tensors, exactly (gguf-builder.ts): the weights with the file. */
const FILE_BYTES = String(
  ggufWeights(parseGguf(built.bytes, { fileBytes: built.fileBytes })).bytes,
);
const REPO = '/acme/gpt-oss-20b-GGUF/resolve/main';
/** gpt-oss-20b on one RTX 4090 with 64 GB of RAM: the local model, its GGUF control open. */
const LOCAL = '?m=gpt-oss-20b&g=rtx-4090&n=1&ram=64';

let hub: CorsHub;
beforeAll(async () => {
  hub = await startCorsHub({
    ...hubGguf(`${REPO}/gpt-oss-20b-mxfp4.gguf`, built),
    ...splitHubGguf(`${REPO}/MXFP4`, 'gpt-oss-20b', 3),
  });
});
afterAll(() => hub?.close());

const weights = (page: Page) => page.getByTestId('weights-memory').getAttribute('data-value');
const summary = (page: Page) => page.getByTestId('gguf-summary');

async function readFromHub(page: Page, text: string): Promise<void> {
  await page.getByLabel('GGUF file on the Hub').fill(text);
  await page.getByRole('button', { name: 'Read', exact: true }).click();
}

/** Requests for GGUF files since `from`, each with its Range. */
const ggufRequests = (from: number) => hub.requests.slice(from).filter((r) => r.includes('.gguf'));

describeInChromium('a GGUF file from the Hub, in Chromium', (browser) => {
  it("by its address: the header by Range, the file's exact bytes as the weights, and a link that reads it again", async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}${LOCAL}`);
    await page.getByLabel('GGUF file on the Hub').waitFor();
    const before = await weights(page);
    const start = hub.requests.length;
    await readFromHub(page, `${hub.url}${REPO}/gpt-oss-20b-mxfp4.gguf`);
    await expect.poll(() => weights(page)).toBe(FILE_BYTES);
    expect(before).not.toBe(FILE_BYTES);
    await expect(summary(page).textContent()).resolves.toContain('gpt-oss-20b-mxfp4.gguf');
    expect(await page.getByTestId('gguf-mix').textContent()).toMatch(
      /^MXFP4_MOE: \d+% MXFP4, \d+% BF16, <1% F32$/,
    );
    expect(await summary(page).textContent()).toContain('From the Hub; the share link carries it.');
    // The header alone: one ranged request from byte 0, never the weights.
    expect(ggufRequests(start)).toEqual([`${REPO}/gpt-oss-20b-mxfp4.gguf bytes=0-2097151`]);
    const value = `${hub.url}${REPO}/gpt-oss-20b-mxfp4.gguf`;
    await expect
      .poll(() => page.evaluate(() => new URLSearchParams(location.search).get('gguf')))
      .toBe(value);
    expect(await page.evaluate(() => location.search)).toContain(`&gguf=${value}`);

    // The link opens with the file read from the Hub again.
    const link = page.url();
    const again = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const againErrors = collectErrors(again);
    const reread = hub.requests.length;
    await again.goto(link);
    await expect.poll(() => weights(again)).toBe(FILE_BYTES);
    expect(ggufRequests(reread)).toHaveLength(1);
    expect(await again.getByRole('alert').allTextContents()).toEqual([]);
    expect([...errors, ...againErrors]).toEqual([]);
    await page.close();
    await again.close();
  });

  it('a split file by name, from the Hub address setting: all its parts read as one model', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}${LOCAL}`);
    await page.getByLabel('Hub address').fill(hub.url);
    const start = hub.requests.length;
    await readFromHub(page, 'acme/gpt-oss-20b-GGUF/MXFP4/gpt-oss-20b-00001-of-00003.gguf');
    await expect.poll(() => weights(page)).toBe(FILE_BYTES);
    expect(await summary(page).textContent()).toContain('gpt-oss · 3 parts ·');
    expect(ggufRequests(start).sort()).toEqual(
      [1, 2, 3].map((i) => `${REPO}/MXFP4/gpt-oss-20b-0000${i}-of-00003.gguf bytes=0-2097151`),
    );
    await expect
      .poll(() => page.evaluate(() => new URLSearchParams(location.search).get('gguf')))
      .toBe(`${hub.url}${REPO}/MXFP4/gpt-oss-20b-00001-of-00003.gguf`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a missing file: the Hub's 404 said under the field, nothing else changes; in a link, a notice", async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}${LOCAL}`);
    await page.getByLabel('GGUF file on the Hub').waitFor();
    const before = await weights(page);
    // The address takes the state's own form 250 ms after load (url-sync.svelte.ts); read it
    // after that write, or the write itself looks like a change.
    await expect.poll(() => page.evaluate(() => location.search)).toMatch(/^\?v=1&/);
    const search = await page.evaluate(() => location.search);
    await readFromHub(page, `${hub.url}${REPO}/gpt-oss-20b-Q9.gguf`);
    await expect
      .poll(() => page.getByTestId('gguf-error').textContent())
      .toBe(
        "acme/gpt-oss-20b-GGUF@main has no gpt-oss-20b-Q9.gguf (HTTP 404): check the repo, the file's folder and name, and the revision.",
      );
    expect(await weights(page)).toBe(before);
    expect(await summary(page).count()).toBe(0);
    expect(await page.evaluate(() => location.search)).toBe(search);

    const linked = await browser().newPage();
    await linked.goto(`${baseUrl}${LOCAL}&gguf=${hub.url}${REPO}/gpt-oss-20b-Q9.gguf`);
    await expect
      .poll(() => linked.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringContaining('gguf: acme/gpt-oss-20b-GGUF@main has no gpt-oss-20b-Q9.gguf (HTTP 404)'));
    expect(await weights(linked)).toBe(before);
    await expect.poll(() => linked.evaluate(() => location.search)).not.toContain('gguf=');
    await page.close();
    await linked.close();
  }); // prettier-ignore

  for (const [width, colorScheme] of [
    [1280, 'light'],
    [375, 'dark'],
  ] as const)
    it(`at ${width} px (${colorScheme}): a file in use and an error, no axe violation, no horizontal scroll`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${baseUrl}${LOCAL}`);
      // On a phone the deployment group starts folded.
      if (width <= 760) await page.locator('#deployment-controls summary').first().click();
      await readFromHub(page, `${hub.url}${REPO}/gpt-oss-20b-mxfp4.gguf`);
      await expect.poll(() => weights(page)).toBe(FILE_BYTES);
      await readFromHub(page, 'acme/gpt-oss-20b-GGUF');
      await expect
        .poll(() => page.getByTestId('gguf-error').textContent())
        .toContain('expected a .gguf file');
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const { axe: engine } = window as unknown as { axe: typeof axe };
        const results = await engine.run(
          { include: [['#deployment-controls']] },
          { resultTypes: ['violations'] },
        );
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
      });
      expect(violations).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
});
