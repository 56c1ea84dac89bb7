/**
 * Chart layout in Chromium: at 375 and 1280 px wide, on Llama 4 Scout (the default), Llama 4
 * Maverick and DeepSeek-V3, every chart is scrolled into view and its text is measured. No two
 * text boxes (SVG <text> and every line of HTML text inside the chart's <figure>: caption,
 * readout, legend) may overlap by more than 1 px both ways, and none may leave the figure.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium, openPanels } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** What is wrong with one figure's text: overlaps and overflows, in words. */
function layoutProblems(figure: Locator): Promise<string[]> {
  return figure.evaluate((fig) => {
    const boxes: { text: string; r: DOMRect }[] = [];
    for (const t of fig.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) boxes.push({ text: t.textContent!.trim(), r });
    }
    const walker = document.createTreeWalker(fig, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent!.trim() || n.parentElement!.closest('svg')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects())
        if (r.width > 0 && r.height > 0) boxes.push({ text: n.textContent!.trim(), r });
    }
    const f = fig.getBoundingClientRect();
    const problems: string[] = [];
    for (const { text, r } of boxes)
      if (
        r.left < f.left - 1 ||
        r.right > f.right + 1 ||
        r.top < f.top - 1 ||
        r.bottom > f.bottom + 1
      )
        problems.push(`"${text}" leaves the chart`);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) problems.push(`"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`);
      }
    return problems;
  });
}

/**
 * Scrolls down the page half a screen at a time, so that each chart is seen and draws. A frame
 * is waited for at most 100 ms: on a busy machine a frame can be long in coming, and this runs
 * once per poll, so unbounded waits added up past the test's timeout (CI, 8194518).
 */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () =>
      new Promise((resolve) => {
        requestAnimationFrame(resolve);
        setTimeout(resolve, 100);
      });
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await frame();
      await frame();
    }
    window.scrollTo(0, 0);
  });
}

/** What a chart that has not drawn shows: its place, title and plot area, for the failure. */
function undrawn(figure: Locator, i: number): Promise<string> {
  return figure.evaluate((el, i) => {
    const area = el.querySelector('.area');
    const box = area?.getBoundingClientRect();
    const title = el.querySelector('figcaption .title')?.textContent;
    const state = `measured width ${area?.getAttribute('data-width')}, ready ${area?.getAttribute('data-ready')}`;
    return `chart ${i} ("${title}") drew nothing: its plot area ${box?.width ?? '-'} x ${box?.height ?? '-'} px at y ${box?.top ?? '-'} (${state}), holding ${area?.innerHTML.slice(0, 200) ?? 'nothing'}`;
  }, i);
}

/**
 * Waits for `expected` charts, scrolls each into view (off-screen panels follow once seen) and
 * checks its text.
 */
async function checkCharts(page: Page, expected: number): Promise<void> {
  // Hidden charts (the speed charts while nothing fits stay mounted, hidden) are not counted.
  const figures = page.locator('figure:visible');
  await expect
    .poll(async () => {
      await scrollThrough(page);
      return figures.count();
    })
    .toBe(expected);
  for (let i = 0; i < expected; i++) {
    const figure = figures.nth(i);
    // Panels off screen are not rendered (content-visibility: auto), so a chart draws once its
    // panel is on screen and measured: an <svg> or <canvas> in the plot area. Scrolled to again
    // until it has drawn, as a reader would: panels above it that render and draw meanwhile
    // change height, and on a busy CI machine one scroll (or Playwright's wait for the figure
    // to hold still) left Maverick's figures off screen and undrawn past 30 s (CI of d732019
    // and of 4ba2a14).
    try {
      await expect
        .poll(
          async () => {
            await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
            return figure.locator('.area svg, .area canvas').count();
          },
          { timeout: 45_000 },
        )
        .toBeGreaterThan(0);
    } catch (error) {
      throw new Error(await undrawn(figure, i), { cause: error });
    }
    const title = await figure.locator('figcaption .title').textContent();
    await expect.poll(() => layoutProblems(figure), { message: title ?? '' }).toEqual([]);
  }
}

describeInChromium('chart layout in Chromium', (browser) => {
  for (const [preset, query, figures] of [
    // With the Plan view's two charts (its frontier and its price per device).
    ['Llama 4 Scout', '', 12],
    ['Llama 4 Maverick', '?v=1&m=llama4-maverick', 10],
    ['DeepSeek-V3', '?v=1&m=deepseek-v3', 10],
  ] as const) {
    for (const width of [375, 1280]) {
      it(`${preset} at ${width} px: no chart text overlaps another or leaves its chart`, async () => {
        const page = await browser().newPage({ viewport: { width, height: 900 } });
        const errors = collectErrors(page);
        await page.goto(baseUrl + query);
        // Every panel mounted first, in one go, not one by one as the scrolling reaches it.
        await openPanels(page);
        await checkCharts(page, figures);
        expect(errors).toEqual([]);
        await page.close();
      }, 120_000); // up to twelve charts, each scrolled to and drawn on a busy machine
    }
  }

  it('Llama 4 Maverick on 8 x H100 in BF16 does not fit: words, no speed or cost chart', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl + '?v=1&m=llama4-maverick');
    await openPanels(page);
    const words = page.getByRole('region', {
      name: 'Decode throughput and cost against batch size',
    });
    await words.scrollIntoViewIfNeeded();
    await expect.poll(() => words.textContent()).toMatch(/Nothing fits in memory/);
    expect(await page.getByRole('figure', { name: /Decode throughput/ }).count()).toBe(0);
    await page.close();
  });

  it('at 10,485,760 tokens of context the marker stays on the memory chart, with the headline figure', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(baseUrl + '?v=1&ctx=10485760');
    await openPanels(page);
    const chart = page.locator('figure', { hasText: 'Memory against context length' });
    await chart.scrollIntoViewIfNeeded();
    await expect
      .poll(() => chart.locator('svg text', { hasText: '10.49M chosen' }).count())
      .toBe(1);
    expect(await chart.locator('figcaption').textContent()).toContain(
      'the busiest GPU needs 102.6 GB with the hybrid KV cache',
    );
    // 8, and the Plan view's two.
    await checkCharts(page, 10);
    await page.close();
  });
});
