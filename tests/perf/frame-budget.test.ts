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
 * warm-up moves; three rounds in fresh pages (five with every panel on screen, the case nearest
 * its budget, of 200 moves each, whose p95 then rests on its 10 slowest rather than 5: one round
 * slowed by a burst of load beside it decides less), the median round's p95, each round scaled
 * by its own references (below), decides.
 *
 * The page under test is the production build (tests/e2e/global-setup.ts builds it with
 * NODE_ENV=production; under Vitest's NODE_ENV=test Vite built Svelte's development runtime,
 * about 1.4x slower, which the figures before 2026-12-02 measured). Before the moves, the page
 * settles: every panel that loads has loaded and every chart on screen is drawn (a chart draws
 * its plot first in an idle period of its own: ChartFrame). A slider is found by its label, or
 * by its own name for a log-scale one ("Context length, log scale"); a move must change the
 * headline's counts or its KV cache at the context.
 *
 * Budgets: issue 9's targets where it sets them: 8 ms for a slider at 1280 x 900 (Kimi K2's
 * "Active experts" and "Routed experts"), 16 ms (one 60 Hz frame) with every panel on screen at
 * once (a 1280 x 6000 window: nothing waits for idle time). The others: twice the CPU p95 on
 * the quiet 2-core test machine, rounded up to a whole ms, and never more than 16 ms: a 3x
 * slowdown of the recompute fails them. Issue 12's local case (one GPU and system RAM: each
 * context move places the model again and finds the fewest expert layers in RAM for the GPU to
 * fit) is held the same way (LOCAL_BUDGET_MS).
 * CPU time still grows on a busy machine (another process shares the core's caches and clock):
 * two reference workloads of the same kinds of work, independent of the app's code, run between
 * the moves, and each budget is scaled by how much slower the slower of them ran than on the
 * quiet machine (REFERENCE_MS, LAYOUT_REFERENCE_MS; at least 1, at most 3), so the gate compares
 * the page with a baseline measured in the same run. The first is scripting with a little SVG
 * and layout; it slows less than the page under load (1.24x against 1.7x for DeepSeek-V3 in one
 * busy run; 2.17x against 2.9x for "every panel on screen" in the CI run of 2026-12-03, which
 * passed by 0.3%), so the budgets keep about twice the quiet p95 besides. The second lays out
 * a grid of 600 changed cells, as a move with every panel on screen spends about 40% of its
 * time in layout; layout slows more than scripting (2026-12-03, six fresh pages: 2.9-3.3x the
 * first reference's time at 5.4-5.7 ms, 2.7x at 3.3 ms, so 9.5 ms on the quiet machine).
 * Measured on that machine (2 vCPUs, Chromium 156 headless, software rendering), production
 * build, `npm run test:perf` alone (other agents' runs beside it: references of 3.7 to 4.1 ms
 * against 3.5 quiet), 2026-12-02:
 *                                               CPU p95 (median round)  reference  wall p95
 *   Kimi K2, "Active experts per token"           3.3 ms                   3.9 ms     5 ms
 *   Kimi K2, "Routed experts"                     6.0 ms (5.9-6.1)         4.1 ms     7 ms
 *   Kimi K2, every panel on screen (1280 x 6000) 12.0 ms (p50 9.1)        3.7 ms    20 ms
 *     (2026-12-07, the same machine with CPU steal beside it: 14.3-16.6 ms, p50 10-12, the
 *     references 3.0-4.0 ms; the page does more a move than it did, and this case is near its
 *     budget)
 *   Llama 4 Behemoth, "Layers"                    3.8 ms                   4.0 ms     5 ms
 *   DeepSeek-V3, "Expert FFN size"                6.1 ms                   3.8 ms     7 ms
 *   gpt-oss-120b, RTX 4090 + 64 GB, "Context"     4.7-5.0 ms               3.3-4.0    6 ms
 * Recalibrate when the page legitimately does more per move: the test prints its figures.
 */
import type { Browser } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { choosePreset, describeInChromium, type TraceEvent } from '../e2e/chromium.ts';

const baseUrl = inject('baseUrl');

/** The reference workload's median CPU time on the quiet test machine, ms (see the top). */
const REFERENCE_MS = 3.5;
/** The local (one GPU and system RAM) case's budget: twice its quiet p95 (5.0 ms), ms. */
const LOCAL_BUDGET_MS = 10;
/** The layout reference's median CPU time on the quiet test machine, ms (see the top). */
const LAYOUT_REFERENCE_MS = 9.5;
/** How much slower this run's machine is than the quiet one, by the slower reference: 1 to 3. */
const slowdown = (t: { reference: number; layoutReference: number }) =>
  Math.min(3, Math.max(1, t.reference / REFERENCE_MS, t.layoutReference / LAYOUT_REFERENCE_MS));

interface MoveTimes {
  /** Median CPU time of the reference workload, interleaved with the moves, ms. */
  reference: number;
  /** Median CPU time of the layout reference workload, interleaved with the moves, ms. */
  layoutReference: number;
  /** Main-thread CPU time of each move, ms, the no-op's subtracted. */
  cpu: number[];
  /** Wall time of each move, ms. */
  wall: number[];
  /** Moves after which the headline had not changed. */
  stale: number;
}

const quantile = (xs: readonly number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

/** Where the moves happen: a preset chosen on the default page, or a link opened as it is. */
type Start = { preset: string } | { link: string; ready: string };

async function sliderMoves(
  browser: Browser,
  start: Start,
  slider: string,
  values: readonly number[],
  height = 900,
): Promise<MoveTimes> {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  try {
    if ('preset' in start) {
      await page.goto(baseUrl);
      await choosePreset(page, start.preset);
      await page.getByTestId('total-params').waitFor();
    } else {
      await page.goto(`${baseUrl}${start.link}`);
      await page.getByTestId(start.ready).waitFor();
    }
    // Settled: every panel that loads has loaded, and every chart on screen is drawn (a chart
    // draws its plot first in an idle period of its own: ChartFrame).
    // The slider moved is there too: the page mounts its parts in short tasks of their own, and
    // on a busy machine the controls may come after the panels.
    await page.waitForFunction((slider) => {
      const loading = document.querySelector('.panel .loading');
      const onScreen = (a: Element) => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.top < innerHeight && r.bottom > 0;
      };
      const areas = [...document.querySelectorAll('figure .area')].filter(onScreen);
      const control = [...document.querySelectorAll('input[type=range]')].some(
        (el) =>
          (el as HTMLInputElement).labels?.[0]?.textContent === slider ||
          el.getAttribute('aria-label') === slider,
      );
      return !loading && control && areas.every((a) => a.childElementCount > 0);
    }, slider);
    await browser.startTracing(page, { categories: ['blink.user_timing'] });
    let stale: number;
    let trace: Buffer;
    try {
      stale = await page.evaluate(
        async ({ slider, values }) => {
          // By its label, or by its own name (a log-scale slider is named "..., log scale").
          const input = [...document.querySelectorAll('input[type=range]')].find(
            (el) =>
              (el as HTMLInputElement).labels?.[0]?.textContent === slider ||
              el.getAttribute('aria-label') === slider,
          ) as HTMLInputElement;
          // What a move changes in the headline: the counts for an architecture slider, the KV
          // cache at the context for a deployment one.
          const headline = () =>
            ['total-params', 'active-params', 'kv-at-context']
              .map((id) =>
                document.querySelector(`[data-testid=${id}]`)!.getAttribute('data-value'),
              )
              .join('/');
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
          // The layout reference: a grid of 600 cells whose texts all change, laid out again (a
          // move with every panel on screen spends about 40% of its time in layout, which slows
          // more than scripting on a busy machine).
          const grid = document.createElement('div');
          grid.style.cssText =
            'position:fixed;left:-10000px;top:0;width:1200px;height:4000px;contain:strict;' +
            'display:grid;grid-template-columns:repeat(12,auto)';
          const gridCells = Array.from({ length: 600 }, () =>
            grid.appendChild(document.createElement('span')),
          );
          document.body.append(grid);
          const layoutReference = () => {
            for (const c of gridCells) {
              seed = (seed * 48271) % 2147483647;
              c.textContent = (seed / 1e7).toFixed(1 + (seed % 3)) + 'B';
            }
            grid.getBoundingClientRect();
          };
          let stale = 0;
          for (let j = 0; j < 10; j++) {
            reference();
            layoutReference();
          }
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
                await nextTask();
                performance.mark(`layout reference ${i} start`);
                layoutReference();
                performance.mark(`layout reference ${i} end`);
              }
            }
          }
          box.remove();
          grid.remove();
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
      layoutReference: quantile(
        references.map((i) => span(`layout reference ${i}`, 'tts') - noop),
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
  layoutReference: t.layoutReference,
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

  // [name, where, slider, values, budget in ms (see the top), window height (900 unless given),
  //  rounds (3 unless given)]
  const cases: [string, Start, string, number[], number, number?, number?][] = [
    // Issue 9's target for a slider at 1280 x 900, scaled when busy.
    ['Kimi K2', { preset: 'Kimi K2' }, 'Active experts per token', moves(1, 16), 8],
    ['Kimi K2', { preset: 'Kimi K2' }, 'Routed experts', moves(64, 384), 8],
    // Issue 9: with every panel on screen at once (a 6000 px tall window: nothing waits for
    // idle time), within one 60 Hz frame.
    [
      'Kimi K2 with every panel on screen (1280 x 6000)',
      { preset: 'Kimi K2' },
      'Routed experts',
      moves(64, 384, 200),
      16,
      6000,
      5,
    ],
    // Twice their quiet p95, rounded up (see the top).
    [
      'Llama 4 Behemoth (estimate)',
      { preset: 'Llama 4 Behemoth (estimate)' },
      'Layers',
      moves(60, 120),
      8,
    ],
    ['DeepSeek-V3', { preset: 'DeepSeek-V3' }, 'Expert FFN size', moves(512, 4096), 13],
    // A benchmark run of 1,000 prompts at 10 a second (30-110 ms a run) beside the slider: each
    // move posts the run to its worker (workers/run.worker.ts), and the main thread only draws
    // the answers that come back.
    [
      'DeepSeek-V3 on 8 x H200 with a run of 1,000 prompts at 10 a second',
      {
        link: '?m=deepseek-v3&g=h200&w=fp8&ctx=4096&b=64&wi=1024&wo=1024&wn=1000&wr=10',
        ready: 'total-params',
      },
      'Expert FFN size',
      moves(512, 4096),
      13,
    ],
    // Issue 12: one GPU and system RAM. From 16Ki to 256Ki tokens of context, gpt-oss-120b on
    // an RTX 4090 with 64 GB of RAM and the experts of 25 layers in RAM fits and stops fitting,
    // so each move places the model again and finds the fewest expert layers in RAM for the GPU
    // to fit (suggestNCpuMoe) and the advice's changes.
    [
      'gpt-oss-120b on an RTX 4090 + 64 GB of RAM (--n-cpu-moe 25)',
      { link: '?m=gpt-oss-120b&g=rtx-4090&n=1&ram=64&ncmoe=25', ready: 'host-fit' },
      'Context length, log scale',
      moves(1400, 1800),
      LOCAL_BUDGET_MS,
    ],
  ];

  for (const [name, start, slider, values, budget, height, count = 3] of cases) {
    it(`moving "${slider}" on ${name} recomputes and re-renders within ${budget} ms of main-thread CPU time (p95)`, async () => {
      expect(budget).toBeLessThanOrEqual(16); // one 60 Hz frame
      const rounds = [];
      for (let i = 0; i < count; i++)
        rounds.push(summary(await sliderMoves(browser(), start, slider, values, height)));
      for (const r of rounds)
        expect(r.stale, 'every move updated the headline before the clock stopped').toBe(0);
      // Each round against its own references: load that comes and goes between rounds moves
      // the references with it, so the round that decides is the median one once scaled.
      rounds.sort((a, b) => a.cpu95 / slowdown(a) - b.cpu95 / slowdown(b));
      const median = rounds[(count - 1) / 2]!;
      console.log(
        `frame budget: ${name}, "${slider}": main-thread CPU p50 ${ms(median.cpu50)}, p95 ${ms(median.cpu95)} (budget ${budget} ms x ${slowdown(median).toFixed(2)}, the references' slowdown); references ${ms(median.reference)}, layout ${ms(median.layoutReference)}; ` +
          `wall p50 ${ms(median.wall50)}, p95 ${ms(median.wall95)} (median of ${count} rounds; rounds' CPU p95: ${rounds.map((r) => r.cpu95.toFixed(1)).join(', ')})`,
      );
      expect(median.cpu95).toBeLessThan(budget * slowdown(median));
    });
  }
});
