import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { choosePreset, collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');
const value = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');

describeInChromium('explorer in Chromium', (browser) => {
  it('loads on Llama 4 Scout, moves "Active experts per token", picks DeepSeek-V3, without console errors', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    // Llama 4 Scout: 108,641,793,536 total, 17,172,894,720 active (tests/fixtures/expected-params.json)
    await expect.poll(() => value(page, 'total-params')).toBe('108641793536');
    expect(await value(page, 'active-params')).toBe('17172894720');
    // Top-2: one more routed expert of 3 x 5120 x 8192 parameters in each of the 48 MoE layers
    await page.getByLabel('Active experts per token', { exact: true }).fill('2');
    await expect
      .poll(() => value(page, 'active-params'))
      .toBe(String(17172894720 + 48 * 125829120));
    expect(await value(page, 'total-params')).toBe('108641793536');
    await choosePreset(page, 'DeepSeek-V3');
    // DeepSeek-V3: 671,026,419,200 without the MTP module (expected-params.json)
    await expect.poll(() => value(page, 'total-params')).toBe('671026419200');
    // Log-scale controls take the true value through their labelled field.
    // Typed values apply on Enter or on leaving the field.
    await page.getByLabel('Context length', { exact: true }).fill('1M');
    await page.getByLabel('Context length', { exact: true }).press('Enter');
    await page.getByLabel('Batch size', { exact: true }).fill('64');
    await page.getByLabel('Batch size', { exact: true }).press('Tab');
    await page.getByLabel('GPUs', { exact: true }).fill('16');
    await page.getByLabel('GPUs', { exact: true }).press('Enter');
    const kv = page.getByTestId('kv-at-context');
    await expect.poll(() => kv.getAttribute('data-context')).toBe('1000000');
    await expect.poll(() => kv.getAttribute('data-batch')).toBe('64');
    await expect
      .poll(() => page.getByTestId('deployment-label').textContent())
      .toContain('1M tokens of context');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an import error and keeps working', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await page
      .getByLabel('config.json contents')
      .fill('{"model_type": "llama", "hidden_size": -1}');
    await page.getByRole('button', { name: 'Count parameters' }).click();
    await expect
      .poll(() => page.getByText('hidden_size: expected an integer >= 1, got -1').count())
      .toBe(1);
    await choosePreset(page, 'Mixtral 8x7B');
    await expect.poll(() => value(page, 'total-params')).toBe('46702792704');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [width, scheme] of [
    [375, 'light'],
    [375, 'dark'],
    [1280, 'dark'],
  ] as const) {
    it(`has no horizontal scrolling at ${width} px wide (${scheme})`, async () => {
      const page = await browser().newPage({
        viewport: { width, height: 800 },
        colorScheme: scheme,
      });
      await page.goto(baseUrl);
      await page.getByTestId('total-params').waitFor();
      await choosePreset(page, 'Kimi K2');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  }

  it('every control is labelled and reachable by keyboard', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    await page.getByTestId('total-params').waitFor();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          const named =
            e.labels?.length ||
            e.getAttribute('aria-label') ||
            e.getAttribute('aria-labelledby') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(focused).not.toBe('BODY');
    await page.close();
  });

  it('serves a robots.txt, not the page', async () => {
    const response = await fetch(new URL('robots.txt', baseUrl));
    expect(response.ok).toBe(true);
    expect(await response.text()).toMatch(/^User-agent: \*/);
  });
});
