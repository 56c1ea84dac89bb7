import type { Locator, Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { choosePreset, collectErrors, describeInChromium, openPanels } from './chromium.ts';

const baseUrl = inject('baseUrl');

const compareTable = (page: Page) =>
  page.getByRole('table', { name: 'Pinned configurations side by side' });

/** The column headers' full names ("Llama 4 Scout · 8 × H200 · FP8"), from their title. */
async function columnLabels(page: Page): Promise<string[]> {
  const headers = compareTable(page).locator('thead th[title]');
  return headers.evaluateAll((ths) => ths.map((th) => th.getAttribute('title') ?? ''));
}

/** The lines of text each header of the table takes (its unpin button and hidden text aside). */
function headerLines(table: Locator): Promise<{ text: string; lines: number }[]> {
  return table.evaluate((t) =>
    [...t.querySelectorAll('th')].map((th) => {
      const tops: number[] = [];
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('button, .visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0 || r.height === 0) continue;
          if (!tops.some((top) => Math.abs(top - r.top) < r.height / 2)) tops.push(r.top);
        }
      }
      return { text: th.textContent?.trim() ?? '', lines: tops.length };
    }),
  );
}

describeInChromium('the Compare panel in Chromium', (browser) => {
  it('opens with one GPU and precision for every column, and the switch turns it off', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await openPanels(page);
    const same = page.getByRole('switch', { name: 'Same GPU and precision for all' });
    await expect.poll(() => same.isChecked()).toBe(true);
    // The columns come as their presets load (Maverick and DeepSeek-V3 on demand).
    await expect
      .poll(() => columnLabels(page))
      .toEqual([
        'Llama 4 Scout · 8 × H200 · FP8',
        'Llama 4 Maverick · 8 × H200 · FP8',
        'DeepSeek-V3 · 8 × H200 · FP8',
      ]);
    await page.getByLabel('GPU model, every column').selectOption('b200');
    await expect.poll(() => columnLabels(page)).toContain('DeepSeek-V3 · 8 × B200 · FP8');
    await same.click();
    await expect
      .poll(() => columnLabels(page))
      .toEqual([
        'Llama 4 Scout · 8 × H100 · BF16',
        'Llama 4 Maverick · 8 × H100 · FP8',
        'DeepSeek-V3 · 8 × H200 · FP8',
      ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('two pinned models stay pinned, with their labels, when the page is reopened from its address', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await openPanels(page);
    await choosePreset(page, 'DBRX');
    await page.getByRole('button', { name: 'Pin current configuration' }).click();
    await choosePreset(page, 'Mixtral 8x7B');
    await page.getByLabel('GPU type', { exact: true }).selectOption('h200');
    await page.getByRole('button', { name: 'Pin current configuration' }).click();
    await page.getByRole('switch', { name: 'Same GPU and precision for all' }).click();
    const labels = [
      'DeepSeek-V3 · 8 × H200 · FP8',
      'DBRX · 8 × H100 · BF16',
      'Mixtral 8x7B · 8 × H200 · BF16',
    ];
    await expect.poll(() => columnLabels(page)).toEqual(labels);
    // The address bar is written 250 ms after the last change: wait until it holds the pins.
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toMatch(/^(?=.*[?&]p=dbrx(&|$))(?=.*[?&]p=mixtral-8x7b,g:h200(&|$))(?=.*[?&]cs=0(&|$))/);
    const link = page.url();
    expect(link.length - link.indexOf('?')).toBeLessThan(120);
    await page.reload();
    await openPanels(page);
    await expect.poll(() => columnLabels(page)).toEqual(labels);
    const other = await browser().newPage();
    await other.goto(link);
    await openPanels(other);
    await expect.poll(() => columnLabels(other)).toEqual(labels);
    expect(
      await other.getByRole('switch', { name: 'Same GPU and precision for all' }).isChecked(),
    ).toBe(false);
    await other.getByRole('button', { name: 'Unpin DBRX · 8 × H100 · BF16' }).click();
    await expect.poll(() => columnLabels(other)).toEqual([labels[0], labels[2]]);
    expect(errors).toEqual([]);
    await page.close();
    await other.close();
  });

  it('a mangled pin in a link is named in the notice; the other pins and settings apply', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?v=1&p=dbrx&p=gpt-9,g:h200&cn=4`);
    await openPanels(page);
    await expect.poll(() => columnLabels(page)).toEqual(['DBRX · 4 × H200 · FP8']);
    const notice = page.getByRole('alert').filter({ hasText: 'ignored' });
    await expect
      .poll(() => notice.textContent())
      .toContain('p (pin 2): expected a preset id, then key:value settings');
    expect(await notice.textContent()).toContain('got "gpt-9,g:h200"; pin ignored');
    await page.close();
  });

  it('at 375 px no header takes more than two lines, nothing overflows the page, every target is 24 px', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?v=1&p=llama4-maverick&p=deepseek-v3&p=qwen3-235b-a22b&cs=0`);
    await openPanels(page);
    const table = compareTable(page);
    await table.scrollIntoViewIfNeeded();
    await expect.poll(() => columnLabels(page)).toHaveLength(3);
    for (const header of await headerLines(table))
      expect(header.lines, header.text).toBeLessThanOrEqual(2);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const section = page.getByRole('region', { name: 'Compare', exact: true });
    const box = (await section.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    const targets = section.locator('button, select, input');
    for (const target of await targets.all()) {
      const size = (await target.boundingBox())!;
      const name = await target.evaluate(
        (el) => el.getAttribute('aria-label') ?? el.textContent ?? el.tagName,
      );
      expect(size.width, name).toBeGreaterThanOrEqual(24);
      expect(size.height, name).toBeGreaterThanOrEqual(24);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
