import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** Opens the explorer on `query` and its Embed dialog; returns the dialog. */
async function openDialog(page: Page, query = '?m=gpt-oss-120b') {
  await page.goto(`${baseUrl}${query}`);
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this configuration' });
  await dialog.getByLabel('View', { exact: true }).waitFor();
  return dialog;
}

const preview = (page: Page) => page.frameLocator('iframe[title="Preview of the embed"]');
const iframeCode = (page: Page) => page.getByRole('textbox', { name: 'An iframe' }).inputValue();
const elementCode = (page: Page) =>
  page.getByRole('textbox', { name: 'The <moe-explorer> element' }).inputValue();

describeInChromium('the Embed dialog in Chromium', (browser) => {
  it('opens as a modal on its first choice, names the views in words and previews the chosen one', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const dialog = await openDialog(page);
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open && d.matches(':modal'))).toBe(
      true,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('embed-start');
    expect(
      await dialog.getByLabel('View', { exact: true }).locator('option').allTextContents(),
    ).toEqual([
      'Parameter breakdown',
      'Experts activated per token',
      'Serving: memory and speed',
      'Compare',
      'Training: GPU-hours, cost and memory',
      'Plan: the cheapest deployment for a workload',
    ]);
    await preview(page).getByRole('heading', { name: 'Parameter breakdown' }).waitFor();
    expect(await preview(page).getByTestId('total-params').getAttribute('data-value')).toBe(
      '116829156672',
    );
    await dialog.getByLabel('View', { exact: true }).selectOption('serving');
    await preview(page)
      .getByRole('heading', { name: /^Serving on / })
      .waitFor();
    expect(
      await page.locator('iframe[title="Preview of the embed"]').getAttribute('src'),
    ).toContain('m=gpt-oss-120b&embed=1&view=serving');
    // The chart choice appears with the serving view, and goes into both snippets.
    await dialog.getByLabel('Chart').selectOption('context');
    await preview(page).getByText('Memory against context length').waitFor();
    expect(await iframeCode(page)).toContain('view=serving&amp;chart=context"');
    expect(await elementCode(page)).toContain('view="serving" chart="context"');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('theme and height change both snippets and the preview', async () => {
    const page = await browser().newPage({ colorScheme: 'light' });
    const dialog = await openDialog(page);
    const frame = page.locator('iframe[title="Preview of the embed"]');
    await dialog.getByLabel('Theme').selectOption('dark');
    expect(await iframeCode(page)).toContain('&amp;theme=dark"');
    expect(await elementCode(page)).toContain('theme="dark"');
    await expect
      .poll(() =>
        preview(page)
          .locator('html')
          .evaluate((html) => html.dataset.theme ?? ''),
      )
      .toBe('dark');

    // Auto: the preview takes the embed's reported height, the snippet sizes itself.
    await expect.poll(async () => Number(await frame.getAttribute('height'))).toBeGreaterThan(300);
    expect(await iframeCode(page)).toContain("'moe-explorer:height'");

    await dialog.getByLabel('Height', { exact: true }).selectOption('420');
    expect(await frame.getAttribute('height')).toBe('420');
    expect(await iframeCode(page)).toContain('height="420"');
    expect(await iframeCode(page)).not.toContain('<script>');
    expect(await elementCode(page)).toContain('style="height: 420px; overflow: auto"');

    await dialog.getByLabel('Height', { exact: true }).selectOption('custom');
    await dialog.getByLabel('Height in pixels').fill('555');
    expect(await frame.getAttribute('height')).toBe('555');
    expect(await iframeCode(page)).toContain('height="555"');
    await page.close();
  });

  it('Escape closes it and focus returns to the Embed button; Close does too', async () => {
    const page = await browser().newPage();
    const dialog = await openDialog(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Embed');
    await page.getByRole('button', { name: 'Embed' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Embed');
    await page.close();
  });

  it('Copy puts the snippet on the clipboard and says so in a live region that was already there', async () => {
    const context = await browser().newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const dialog = await openDialog(page);
    const statuses = dialog.getByRole('status');
    expect(await statuses.count()).toBe(2);
    expect(await statuses.allTextContents()).toEqual(['', '']);
    await dialog.getByRole('button', { name: 'Copy element snippet' }).click();
    await expect.poll(() => statuses.nth(1).textContent()).toBe('Copied the element snippet.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await elementCode(page));
    await context.close();
  });
});

describeInChromium('the compact serving embed in Chromium', (browser) => {
  for (const width of [1280, 375])
    it(`is under 700 px tall at ${width} px wide`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 900 } });
      const errors = collectErrors(page);
      await page.goto(`${baseUrl}?embed=1&view=serving&m=deepseek-v3`);
      await page.getByTestId('weights-memory').waitFor();
      await page.getByText('Memory per device').waitFor();
      const height = await page.evaluate(() => document.body.getBoundingClientRect().bottom);
      expect(height).toBeLessThan(700);
      for (const id of ['weights-memory', 'fits', 'decode-tps', 'cost-per-million'])
        expect(await page.getByTestId(id).textContent()).not.toBe('');
      expect(errors).toEqual([]);
      await page.close();
    });
});
