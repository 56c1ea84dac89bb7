/**
 * The page renders before its serving chunk (issue 9): the serving model and the link decoders
 * are one chunk (src/embed/serving-chunk.ts), preloaded beside the entry (vite.config.ts). Until it
 * is in, the page shows its header, preset picker and counts, its serving cards busy; a failed
 * load says so with a retry, and the rest of the page keeps working.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium, firstScreenSettled } from './chromium.ts';

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

/** Layout shifts of the page so far (buffered), as text. */
function shiftsOf(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          resolve(
            list.getEntries().map((e) => `${(e as PerformanceEntry & { value: number }).value}`),
          );
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => setTimeout(() => resolve([]), 100));
      }),
  );
}

/** The rules axe-core finds violated on the page as it is, with their targets. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const { axe: engine } = window as unknown as { axe: typeof axe };
    const results = await engine.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  });
}

describeInChromium('the page before its serving chunk, in Chromium', (browser) => {
  it('index.html preloads the serving chunk beside the entry', async () => {
    const html = await (await fetch(baseUrl)).text();
    const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*data-serving[^>]*>/g)];
    expect(preloads.some((m) => /href="\.\/assets\/serving-chunk-[^"]+\.js"/.test(m[0]))).toBe(
      true,
    );
  });

  for (const width of [375, 1280])
    it(`at ${width} px: header, preset picker and counts first, the serving cards busy; then the cards, the controls and the charts, nothing moving`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 900 } });
      const errors = collectErrors(page);
      const release = await holdChunk(page);
      await page.goto(`${baseUrl}?m=mixtral-8x7b&L=40`);
      const busy = page.getByTestId('serving-cards');
      await page.getByTestId('serving-loading').waitFor();
      expect(await busy.getAttribute('aria-busy')).toBe('true');
      expect(await page.getByRole('heading', { name: 'MoE Explorer', level: 1 }).count()).toBe(1);
      expect(await page.getByLabel('Preset', { exact: true }).inputValue()).toBe('mixtral-8x7b');
      // The link's edit applies before the chunk: 40 layers, not Mixtral's 32.
      expect(await page.locator('#headline-title').textContent()).toContain('custom, based on');
      expect(await page.getByTestId('total-params').textContent()).toBe('58.31B');
      expect(await page.locator('aside.controls').count()).toBe(0);
      expect(await page.locator('.views > .panel').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      release();
      await page.getByTestId('fits').waitFor();
      expect(await busy.getAttribute('aria-busy')).toBe('false');
      expect(await page.locator('#headline-title').textContent()).toContain('on 8 × NVIDIA H100');
      await firstScreenSettled(page);
      expect(await shiftsOf(page)).toEqual([]);
      expect(page.url()).toContain('L=40');
      expect(errors).toEqual([]);
      await page.close();
    });

  it('a failed chunk says so with a retry; the preset picker and the counts keep working; the retry brings the rest', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(SERVING_CHUNK, (route) => route.abort());
    await page.goto(baseUrl);
    const failed = page.getByTestId('serving-failed');
    await failed.waitFor();
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.textContent()).toContain('could not be loaded');
    expect(await page.locator('aside.controls').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Preset', { exact: true }).selectOption('mixtral-8x7b');
    await expect.poll(() => page.getByTestId('total-params').textContent()).toBe('46.70B');

    await page.unroute(SERVING_CHUNK);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('fits').waitFor();
    expect(await page.locator('#headline-title').textContent()).toContain('Mixtral 8x7B');
    await page.locator('aside.controls').waitFor();
    await page.locator('.views > .panel').first().waitFor();
    await page.close();
  });

  it('a link with a deployment waits for the chunk, then opens with it', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const release = await holdChunk(page);
    await page.goto(`${baseUrl}?m=mixtral-8x7b&g=h200`);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('total-params').count()).toBe(0);
    release();
    await page.getByTestId('fits').waitFor();
    expect(await page.locator('#headline-title').textContent()).toContain('H200');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [what, query] of [
    ['a link with a deployment', '?m=mixtral-8x7b&g=h200'],
    ['an embed', '?embed=1&view=serving&m=mixtral-8x7b&g=h200'],
  ] as const)
    it(`${what} whose chunk fails says so with a retry, and the retry opens it`, async () => {
      const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
      await page.route(SERVING_CHUNK, (route) => route.abort());
      await page.goto(`${baseUrl}${query}`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('could not be downloaded');
      expect(await axeViolations(page)).toEqual([]);
      await page.unroute(SERVING_CHUNK);
      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.getByTestId('fits').waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByTestId('weights-memory').count()).toBeGreaterThan(0);
      await page.close();
    });
});
