/**
 * Frame budget: what a slider move costs the page, in Chromium.
 *
 * What is measured: from the slider's input event until every panel has recomputed, the DOM and
 * canvases are updated and the page is laid out (Svelte flushes in microtasks; reading layout
 * forces style and layout). Rasterising the frame is not included: it runs on the compositor
 * and, in this headless software-rendered browser, is not what a user's GPU does. Panels off
 * screen follow in idle time (LazyView), so a 1280 x 900 window measures what a person sees
 * update.
 *
 * How: in CPU time of the renderer's main thread, not in wall time, so that a busy machine
 * (another npm test beside this one on 2 cores) does not fail it. Each move runs in a task of
 * its own, after the previous frame, between two performance.mark() calls; with tracing on
 * (category blink.user_timing) Chromium stamps each mark with the thread's CPU clock (`tts`,
 * CLOCK_THREAD_CPUTIME_ID), so end.tts - start.tts is the CPU time the move took on the main
 * thread. Time the thread spent waiting for a core is not in it (wall time, the `ts` of the same
 * marks, is printed beside it). A pair of marks with nothing between them, measured the same
 * way, is subtracted (about 0.01 ms). The figure is the 95th percentile over 100 moves after 10
 * warm-up moves; three rounds in fresh pages, the median round's p95 decides.
 *
 * Budgets: twice the CPU p95 on the quiet 2-core test machine, rounded up to a whole ms, and
 * never more than one 60 Hz frame (16 ms): a 3x slowdown of the recompute fails every case.
 * Kimi K2's "Active experts" is held to issue 9's 8 ms; its "Routed experts" is not yet under
 * 8 ms (7-8.6 ms p95 quiet) and keeps twice its p95.
 * CPU time still grows on a busy machine (another process shares the core's caches and clock):
 * a reference workload of the same kinds of work, independent of the app's code, runs between
 * the moves, and each budget is scaled by how much slower it ran than on the quiet machine
 * (REFERENCE_MS; at least 1, at most 3), so the gate compares the page with a baseline measured
 * in the same run. The reference slows less than the page under load (1.24x against 1.7x for
 * DeepSeek-V3 in one busy run), so the budgets keep twice the quiet p95 besides.
 * Measured on that machine (2 vCPUs, Chromium 156 headless, software rendering), with
 * `npm run test:perf` alone, 2026-12-02 (speed charts kept mounted across the fit limit):
 *                                        CPU p95 (median round)   reference   wall p95
 *   Kimi K2, "Active experts per token"    5.6 ms                    3.2 ms      7 ms
 *   Kimi K2, "Routed experts"              7.9-8.6 ms                4.1 ms      9 ms
 *   Llama 4 Behemoth, "Layers"             7.6 ms                    4.4 ms      8 ms
 *   DeepSeek-V3, "Expert FFN size"         8.4 ms                    3.9 ms      10 ms
 *   every panel on screen (1280 x 6000)  16.4 ms (p50 10.3)        3.1 ms      26 ms
 * (the last is reported, not asserted: it is over one frame). Recalibrate when the page
 * legitimately does more per move: the test prints its figures.
 */
import type { Browser } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { choosePreset, describeInChromium } from '../e2e/chromium.ts';

const baseUrl = inject('baseUrl');

/** The reference workload's median CPU time on the quiet test machine, ms (see the top). */
const REFERENCE_MS = 3.5;
/** How much slower this run's machine is than the quiet one, by the reference: 1 to 3. */
const slowdown = (reference: number) => Math.min(3, Math.max(1, reference / REFERENCE_MS));

interface MoveTimes {
  /** Median CPU time of the reference workload, interleaved with the moves, ms. */
  reference: number;
  /** Main-thread CPU time of each move, ms, the no-op's subtracted. */
  cpu: number[];
  /** Wall time of each move, ms. */
  wall: number[];
  /** Moves after which the headline had not changed. */
  stale: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ts: number;
  tts?: number;
}

const quantile = (xs: readonly number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

async function sliderMoves(
  browser: Browser,
  preset: string,
  slider: string,
  values: readonly number[],
  height = 900,
): Promise<MoveTimes> {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  try {
    await page.goto(baseUrl);
    await choosePreset(page, preset);
    await page.getByTestId('total-params').waitFor();
    await browser.startTracing(page, { categories: ['blink.user_timing'] });
    let stale: number;
    let trace: Buffer;
    try {
      stale = await page.evaluate(
        async ({ slider, values }) => {
          const input = [...document.querySelectorAll('input[type=range]')].find(
            (el) => (el as HTMLInputElement).labels?.[0]?.textContent === slider,
          ) as HTMLInputElement;
          const headline = () =>
            document.querySelector('[data-testid=total-params]')!.getAttribute('data-value') +
            '/' +
            document.querySelector('[data-testid=active-params]')!.getAttribute('data-value');
          // After the next frame, in a task of its own.
          const nextTask = () =>
            new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
          // The reference: fixed work of the same kinds as a move (arithmetic, strings, SVG
          // attributes and text, HTML text, style and layout), in a box of its own that is its
          // own layout root, off screen; it does not depend on the app's code.
          const box = document.createElement('div');
          box.style.cssText =
            'position:fixed;left:-10000px;top:0;width:800px;height:600px;contain:strict';
          const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
          svg.setAttribute('width', '800');
          svg.setAttribute('height', '300');
          const rects = Array.from({ length: 60 }, () =>
            svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'rect')),
          );
          const texts = Array.from({ length: 30 }, () =>
            svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'text')),
          );
          const cells = Array.from({ length: 60 }, () =>
            box.appendChild(document.createElement('span')),
          );
          box.prepend(svg);
          document.body.append(box);
          let seed = 1;
          const reference = () => {
            const xs = Array.from({ length: 4000 }, () => (seed = (seed * 48271) % 2147483647));
            xs.sort((a, b) => a - b);
            const words = xs.slice(0, 400).map((x) => (x / 1e6).toFixed(2) + 'B');
            rects.forEach((r, i) => {
              r.setAttribute('x', String(xs[i]! % 700));
              r.setAttribute('width', String(1 + (xs[i + 60]! % 90)));
              r.setAttribute('height', '12');
            });
            texts.forEach((t, i) => {
              t.setAttribute('y', String(10 + (i % 30) * 9));
              t.textContent = words[i]!;
            });
            cells.forEach((c, i) => (c.textContent = words[i + 30]!.repeat(1 + (i % 3))));
            box.getBoundingClientRect();
            svg.getBBox();
          };
          let stale = 0;
          for (let j = 0; j < 10; j++) reference();
          for (const [i, v] of [...values.slice(0, 10), ...values].entries()) {
            const measured = i >= 10;
            await nextTask();
            const before = headline();
            if (measured) performance.mark(`move ${i} start`);
            input.value = String(v);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await Promise.resolve();
            await Promise.resolve();
            document.body.getBoundingClientRect();
            if (measured) {
              performance.mark(`move ${i} end`);
              performance.mark(`noop ${i} start`);
              performance.mark(`noop ${i} end`);
              if (headline() === before) stale++;
              if (i % 5 === 0) {
                await nextTask();
                performance.mark(`reference ${i} start`);
                reference();
                performance.mark(`reference ${i} end`);
              }
            }
          }
          box.remove();
          return stale;
        },
        { slider, values },
      );
    } finally {
      trace = await browser.stopTracing();
    }
    const marks = new Map<string, TraceEvent>();
    for (const e of (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents)
      if (e.cat === 'blink.user_timing') marks.set(e.name, e);
    const span = (name: string, clock: 'ts' | 'tts') => {
      const start = marks.get(`${name} start`);
      const end = marks.get(`${name} end`);
      if (start?.[clock] === undefined || end?.[clock] === undefined)
        throw new Error(`no ${clock} for "${name}" in Chromium's trace: cannot measure CPU time`);
      return (end[clock]! - start[clock]!) / 1000;
    };
    const measured = values.map((_, i) => i + 10);
    const noop = quantile(
      measured.map((i) => span(`noop ${i}`, 'tts')),
      0.5,
    );
    const references = measured.filter((i) => i % 5 === 0);
    return {
      reference: quantile(
        references.map((i) => span(`reference ${i}`, 'tts') - noop),
        0.5,
      ),
      cpu: measured.map((i) => Math.max(0, span(`move ${i}`, 'tts') - noop)),
      wall: measured.map((i) => span(`move ${i}`, 'ts')),
      stale,
    };
  } finally {
    await page.close();
  }
}

const summary = (t: MoveTimes) => ({
  reference: t.reference,
  cpu50: quantile(t.cpu, 0.5),
  cpu95: quantile(t.cpu, 0.95),
  wall50: quantile(t.wall, 0.5),
  wall95: quantile(t.wall, 0.95),
  stale: t.stale,
});
const ms = (x: number) => `${x.toFixed(1)} ms`;

describeInChromium('frame budget in Chromium', (browser) => {
  /** 100 moves that change the value every time (up and down a range). */
  const moves = (from: number, to: number, n = 100) =>
    Array.from({ length: n }, (_, i) => {
      const t = i % 20 < 10 ? i % 10 : 10 - (i % 10);
      return Math.round(from + ((to - from) * t) / 10);
    });

  // Reported, not asserted (only that every move updated the headline): with every panel on
  // screen at once (a 6000 px tall window) nothing waits for idle time.
  it('reports a move with every panel on screen (a 1280 x 6000 window); every move updates the headline', async () => {
    const r = summary(
      await sliderMoves(browser(), 'Kimi K2', 'Routed experts', moves(64, 384), 6000),
    );
    console.log(
      `frame budget, every panel on screen: Kimi K2, "Routed experts": main-thread CPU p50 ${ms(r.cpu50)}, p95 ${ms(r.cpu95)}; reference ${ms(r.reference)}; wall p50 ${ms(r.wall50)}, p95 ${ms(r.wall95)}`,
    );
    expect(r.stale, 'every move updated the headline before the clock stopped').toBe(0);
  });

  // [preset, slider, values, budget in ms: twice the quiet CPU p95, at most 16 (see the top)]
  for (const [preset, slider, values, budget] of [
    // Issue 9's target for a slider at 1280 x 900, 1.4x the quiet p95 and scaled when busy.
    ['Kimi K2', 'Active experts per token', moves(1, 16), 8],
    ['Kimi K2', 'Routed experts', moves(64, 384), 16],
    ['Llama 4 Behemoth (estimate)', 'Layers', moves(60, 120), 16],
    ['DeepSeek-V3', 'Expert FFN size', moves(512, 4096), 16],
  ] as const) {
    it(`moving "${slider}" on ${preset} recomputes and re-renders within ${budget} ms of main-thread CPU time (p95)`, async () => {
      expect(budget).toBeLessThanOrEqual(16); // one 60 Hz frame
      const rounds = [];
      for (let i = 0; i < 3; i++)
        rounds.push(summary(await sliderMoves(browser(), preset, slider, values)));
      for (const r of rounds)
        expect(r.stale, 'every move updated the headline before the clock stopped').toBe(0);
      rounds.sort((a, b) => a.cpu95 - b.cpu95);
      const median = rounds[1]!;
      console.log(
        `frame budget: ${preset}, "${slider}": main-thread CPU p50 ${ms(median.cpu50)}, p95 ${ms(median.cpu95)} (budget ${budget} ms x ${slowdown(median.reference).toFixed(2)}, the reference's slowdown); reference ${ms(median.reference)}; ` +
          `wall p50 ${ms(median.wall50)}, p95 ${ms(median.wall95)} (median of 3 rounds; rounds' CPU p95: ${rounds.map((r) => r.cpu95.toFixed(1)).join(', ')})`,
      );
      expect(median.cpu95).toBeLessThan(budget * slowdown(median.reference));
    });
  }
});
