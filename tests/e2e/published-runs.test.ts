/**
 * The Serving panel's published runs in Chromium: the list loads when opened, this device and
 * engine first, and a run's link opens the explorer on its deployment, whose decode speed is the
 * figure the list gives (tests/unit/scripts/published-runs.test.ts holds every link to it).
 */
import { expect, inject, it } from 'vitest';
import { PUBLISHED_SERVING_RUNS } from '../../src/lib/core/index.ts';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

describeInChromium('the published runs', (browser) => {
  it('loads when opened, and a run’s link opens the explorer on it', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?m=deepseek-v3&g=h200&w=fp8&eng=sglang`);
    await page.locator('#serving-heading').scrollIntoViewIfNeeded();
    const summary = page.locator('summary', {
      hasText: 'Published runs computed with DeepSeek-V3',
    });
    await summary.click();
    await page.getByTestId('published-runs').waitFor();
    const table = page.getByRole('table', { name: /Published runs computed with DeepSeek-V3/ });
    expect(await table.getByRole('rowheader').first().textContent()).toMatch(
      /NVIDIA H200 SXM 141GB, SGLang/,
    );
    // A run held to its decode speed: the link's page shows the listed figure.
    const row = PUBLISHED_SERVING_RUNS.find(
      (r) => r.preset === 'deepseek-v3' && r.link !== null && r.measure === 'decode tok/s',
    )!;
    const link = table.locator(`a[href="${row.link}#serving-heading"]`).first();
    await link.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL((url) => url.search === row.link), link.click()]);
    const tps = page.getByTestId('decode-tps');
    await expect.poll(async () => Number(await tps.getAttribute('data-value'))).toBeGreaterThan(0);
    const shown = Number(await tps.getAttribute('data-value'));
    expect(Math.abs(shown / row.explorer - 1)).toBeLessThan(1e-3);

    // The Serving panel says which run it was opened from: its published figure beside the
    // page's, which follows the settings (here the batch, set to 4,096).
    const opened = page.getByTestId('opened-run').first();
    await expect
      .poll(() => opened.textContent())
      .toMatch(
        /^\s*Opened from a published run \(.*\): [\d,.]+ decode tok\/s published; the page shows [\d,.]+ with these settings \(\d+\.\d\d×\)\.\s*$/,
      );
    const before = await opened.textContent();
    const batch = page.getByLabel('Batch size', { exact: true });
    await batch.fill('4096');
    await batch.press('Enter');
    await expect.poll(() => opened.textContent()).not.toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so where the run a page was opened from cannot load, and the panel works on', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const errors = collectErrors(page);
    await page.route(/published-serving-data-[^/]*\.js$/, (route) => route.abort());
    const row = PUBLISHED_SERVING_RUNS.find((r) => r.id === 'sglang-deepseek-decode')!;
    await page.goto(`${baseUrl}${row.link}#serving-heading`);
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .filter({ hasText: /opened from could not be loaded/ })
          .count(),
      )
      .toBe(1);
    const tps = page.getByTestId('decode-tps');
    await expect.poll(async () => Number(await tps.getAttribute('data-value'))).toBeGreaterThan(0);
    // The aborted chunk is the one failure: Chromium's own line for it, nothing thrown.
    expect(errors.filter((e) => !/^Failed to load resource: net::ERR_FAILED$/.test(e))).toEqual([]);
    await page.close();
  });
});
