import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, hasChromium, launchChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

describe.skipIf(!hasChromium)('explorer in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads on Llama 4 Scout with its exact total, switches to DeepSeek-V3, without console errors', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    // Llama 4 Scout: 108,641,793,536 (tests/fixtures/expected-params.json)
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe('108641793536');
    await page.getByLabel('Preset').selectOption({ label: 'DeepSeek-V3' });
    // DeepSeek-V3: 671,026,419,200 without the MTP module (expected-params.json)
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe('671026419200');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an import error as an alert and keeps working', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await page
      .getByLabel('config.json contents')
      .fill('{"model_type": "llama", "hidden_size": -1}');
    await page.getByRole('button', { name: 'Count parameters' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('hidden_size: expected an integer >= 1, got -1');
    await page.getByLabel('Preset').selectOption({ label: 'Mixtral 8x7B' });
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe('46702792704');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no horizontal scrolling at 375 px wide', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(baseUrl);
    await page.getByTestId('total-params').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
