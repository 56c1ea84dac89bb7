import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, launchChromium } from '../e2e/chromium.ts';

const baseUrl = inject('baseUrl');

/**
 * Recompute + re-render on a slider move, in Chromium: the time from the slider's input event
 * until every panel has recomputed, the DOM and canvases are updated and the page is laid out
 * (Svelte flushes in microtasks; reading layout forces style and layout). Rasterising the frame
 * is not included: it runs on the compositor and, in this headless software-rendered browser,
 * is not what a user's GPU does. 95th percentile over the moves, after 10 warm-up moves.
 * Panels off screen follow in idle time (LazyView), so a 1280 x 900 window measures what a
 * person sees update.
 */
async function sliderMoveP95(
  browser: Browser,
  preset: string,
  slider: string,
  values: number[],
  height = 900,
) {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  await page.goto(baseUrl);
  await page.getByLabel('Preset').selectOption({ label: preset });
  await page.getByTestId('total-params').waitFor();
  const result = await page.evaluate(
    async ({ slider, values }) => {
      const input = [...document.querySelectorAll('input[type=range]')].find(
        (el) => (el as HTMLInputElement).labels?.[0]?.textContent === slider,
      ) as HTMLInputElement;
      const headline = () =>
        document.querySelector('[data-testid=total-params]')!.getAttribute('data-value') +
        '/' +
        document.querySelector('[data-testid=active-params]')!.getAttribute('data-value');
      const times: number[] = [];
      let stale = 0;
      for (const [i, v] of [...values.slice(0, 10), ...values].entries()) {
        await new Promise((r) => requestAnimationFrame(r));
        const before = headline();
        const start = performance.now();
        input.value = String(v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await Promise.resolve();
        await Promise.resolve();
        document.body.getBoundingClientRect();
        const elapsed = performance.now() - start;
        if (i >= 10) {
          times.push(elapsed);
          if (headline() === before) stale++;
        }
      }
      return { times, stale };
    },
    { slider, values },
  );
  await page.close();
  const times = result.times.sort((a, b) => a - b);
  return {
    p95: times[Math.floor(times.length * 0.95)]!,
    p50: times[Math.floor(times.length / 2)]!,
    stale: result.stale,
  };
}

describe.skipIf(!hasChromium)('frame budget in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** 100 moves that change the value every time (up and down a range). */
  const moves = (from: number, to: number, n = 100) =>
    Array.from({ length: n }, (_, i) => {
      const t = i % 20 < 10 ? i % 10 : 10 - (i % 10);
      return Math.round(from + ((to - from) * t) / 10);
    });

  // Reported, not asserted: with every panel on screen at once (a 6000 px tall window) nothing
  // waits for idle time, and a move costs about 12 ms (p50) and 20 ms (p95) on this machine.
  it('reports a move with every panel on screen (a 1280 x 6000 window)', async () => {
    const r = await sliderMoveP95(browser, 'Kimi K2', 'Routed experts', moves(64, 384), 6000);
    console.log(
      `frame budget, every panel on screen: Kimi K2, "Routed experts": p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`,
    );
    expect(r.stale).toBe(0);
  });

  for (const [preset, slider, values] of [
    ['Kimi K2', 'Active experts per token', moves(1, 16)],
    ['Kimi K2', 'Routed experts', moves(64, 384)],
    ['Llama 4 Behemoth (estimate)', 'Layers', moves(60, 120)],
    ['DeepSeek-V3', 'Expert FFN size', moves(512, 4096)],
  ] as const) {
    it(`moving "${slider}" on ${preset} recomputes and re-renders within 16 ms (p95)`, async () => {
      // Three rounds of 100 moves in fresh pages; the median round's p95 is the figure, so one
      // hiccup of this shared 2-core machine (another process, a GC) does not decide alone.
      const rounds = [];
      for (let i = 0; i < 3; i++)
        rounds.push(await sliderMoveP95(browser, preset, slider, [...values]));
      rounds.sort((a, b) => a.p95 - b.p95);
      const { p50, p95 } = rounds[1]!;
      console.log(
        `frame budget: ${preset}, "${slider}": p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (median of 3 rounds; rounds' p95: ${rounds.map((r) => r.p95.toFixed(1)).join(', ')})`,
      );
      for (const r of rounds)
        expect(r.stale, 'every move updated the headline before the clock stopped').toBe(0);
      expect(p95).toBeLessThan(16);
    });
  }
});
