/**
 * Start-up's longest task, in Chromium (issue 9: no start-up task over 50 ms on Lighthouse's
 * mobile profile, which simulates a CPU 4x slower than the machine's: 12.5 ms here).
 *
 * What is measured: every top-level task of the renderer's main thread from the one that parses
 * the page's HTML until every panel has mounted and drawn, at Lighthouse's mobile viewport
 * (412 x 823): the first screen's start-up, then a reader scrolling down the page (App.svelte
 * mounts each panel as it nears the screen), panel after panel. Tasks of the test's own scripts
 * (Playwright's evaluations) are left out.
 *
 * How: in CPU time of the main thread (`tdur` of the trace's top-level tasks: the thread's CPU
 * clock), not in wall time, so that a busy machine (another npm test beside this one on 2 cores)
 * does not fail it by making the page wait for a core. CPU time still grows on a busy machine
 * (shared caches, clock): a reference workload of the same kinds of work as start-up (arithmetic,
 * strings, SVG attributes and text, HTML text, style and layout; tests/perf/frame-budget.test.ts's),
 * independent of the app's code, runs in tasks of its own after start-up, and the budget is
 * scaled by how much slower it ran than on the quiet machine (REFERENCE_MS; at least 1, at most
 * 3). Three loads in fresh pages; the median load's longest task decides.
 *
 * Budget: see BUDGET_MS. Recalibrate when start-up legitimately does more: the test prints every
 * task over 6 ms with what ran in it.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { describeInChromium, type TraceEvent } from '../e2e/chromium.ts';

const baseUrl = inject('baseUrl');

/** The reference workload's median CPU time on the quiet test machine, ms (frame-budget.test.ts). */
const REFERENCE_MS = 3.5;
/** How much slower this run's machine is than the quiet one, by the reference: 1 to 3. */
const slowdown = (reference: number) => Math.min(3, Math.max(1, reference / REFERENCE_MS));
/**
 * The longest start-up task's CPU time may not exceed this, ms, scaled by the slowdown. Measured
 * on the quiet 2-core machine (see the README's audit paragraph for Lighthouse's own figures).
 */
const BUDGET_MS = 30;

interface Task {
  /** Start, ms after the page's ParseHTML. */
  at: number;
  cpu: number;
  wall: number;
  /** The start-up marks in it and its largest kinds of work, in words. */
  what: string;
}

/**
 * What ran in a task: what posted it (Chromium's `src_func`: DOMTimer, an idle callback,
 * ScheduledActionSendBeginMainFrame for a frame, ExtractFormsAndNotifyPasswordAutofillAgent for
 * Chrome's autofill reading new form fields), its marks (moe:…) and its three largest kinds of work.
 */
function whatRan(task: TraceEvent, inside: TraceEvent[]): string {
  const marks = inside.filter((e) => e.name.startsWith('moe:')).map((e) => e.name);
  const poster = task.args?.src_func ? [`{${task.args.src_func}}`] : [];
  const kinds = new Map<string, number>();
  for (const e of inside) {
    if (e.ph !== 'X' || !e.dur || e === task) continue;
    const url = (e.args?.data?.url ?? '').replace(/^.*\//, '');
    const key = url ? `${e.name} ${url}` : e.name;
    kinds.set(key, (kinds.get(key) ?? 0) + e.dur / 1000);
  }
  const largest = [...kinds]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`);
  return [...poster, ...marks, ...largest].join('; ');
}

/** The page's start-up tasks (top-level, outermost) and the reference's CPU time, ms. */
function startUpOf(trace: Buffer, url: string): { tasks: Task[]; reference: number } {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(url),
  );
  if (!parse) throw new Error(`no ParseHTML of ${url} in the trace`);
  const mine = events
    .filter((e) => e.pid === parse.pid && e.tid === parse.tid)
    .sort((a, b) => a.ts - b.ts);
  const mark = (name: string) => mine.find((e) => e.name === name);
  const done = mark('test: settled');
  if (!done) throw new Error('no "test: settled" mark in the trace');
  const toplevel: TraceEvent[] = [];
  let end = -1;
  for (const e of mine.filter((e) => e.ph === 'X' && e.cat.split(',').includes('toplevel'))) {
    if (e.ts < end) continue;
    toplevel.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const tasks: Task[] = [];
  for (const t of toplevel) {
    if (t.ts < parse.ts || t.ts + (t.dur ?? 0) >= done.ts) continue;
    const inside = mine.filter((e) => e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0));
    // The test's own scripts (Playwright's evaluations) have no URL of the page's.
    const script = inside.find((e) => e.name === 'EvaluateScript');
    if (script && !(script.args?.data?.url ?? '').startsWith(url)) continue;
    const cpu = (t.tdur ?? 0) / 1000;
    tasks.push({
      at: (t.ts - parse.ts) / 1000,
      cpu,
      wall: (t.dur ?? 0) / 1000,
      what: cpu > 6 ? whatRan(t, inside) : '',
    });
  }
  const span = (i: number) => {
    const [start, stop] = [mark(`reference start ${i}`), mark(`reference end ${i}`)];
    if (start?.tts === undefined || stop?.tts === undefined)
      throw new Error(`no CPU clock (tts) for reference ${i} in Chromium's trace`);
    return (stop.tts - start.tts) / 1000;
  };
  const references = Array.from({ length: 10 }, (_, i) => span(i)).sort((a, b) => a - b);
  return { tasks, reference: references[5]! };
}

/**
 * Loads the page, scrolls to each panel in turn until every one has mounted and drawn, then runs
 * the reference workload 10 times, each in a task of its own after a frame, between two marks.
 */
async function loadAndReference(page: Page): Promise<void> {
  await page.goto(baseUrl);
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const since = performance.now();
    const until = async (done: () => boolean, what: string) => {
      while (!done()) {
        if (performance.now() - since > 60_000) throw new Error(`${what} within 60 s`);
        await sleep(50);
      }
    };
    // The first screen: the charts' landmark has its panels, none of them loading.
    await until(
      () => !!document.querySelector('#charts > .panel') && !document.querySelector('.loading'),
      'the first screen did not settle',
    );
    await sleep(500);
    // A reader scrolling down: each panel mounts as it nears the screen (ChartFrame draws a
    // chart once it is on screen).
    for (;;) {
      const pending = document.querySelector('#charts > .panel.pending');
      if (!pending) break;
      pending.scrollIntoView();
      await until(
        () => !pending.classList.contains('pending') && !document.querySelector('.loading'),
        'a panel scrolled to did not mount',
      );
      await sleep(300);
    }
    await sleep(1000);
    performance.mark('test: settled');
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
    const cells = Array.from({ length: 60 }, () => box.appendChild(document.createElement('span')));
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
    for (let j = 0; j < 10; j++) reference();
    for (let i = 0; i < 10; i++) {
      await frame();
      performance.mark(`reference start ${i}`);
      reference();
      performance.mark(`reference end ${i}`);
    }
    box.remove();
  });
}

async function measureStartUp(page: Page) {
  const browser = page.context().browser()!;
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'],
  });
  let trace: Buffer;
  try {
    await loadAndReference(page);
  } finally {
    trace = await browser.stopTracing();
  }
  return startUpOf(trace, baseUrl);
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

describeInChromium('start-up tasks in Chromium', (browser) => {
  it(`no start-up task at 412 x 823 takes more than ${BUDGET_MS} ms of main-thread CPU time (scaled by a reference's slowdown)`, async () => {
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser().newPage({ viewport: { width: 412, height: 823 } });
      try {
        const { tasks, reference } = await measureStartUp(page);
        const longest = tasks.reduce((a, b) => (b.cpu > a.cpu ? b : a));
        rounds.push({ tasks, reference, longest });
      } finally {
        await page.close();
      }
    }
    rounds.sort((a, b) => a.longest.cpu - b.longest.cpu);
    const median = rounds[1]!;
    const scale = slowdown(median.reference);
    console.log(
      `start-up tasks: longest ${ms(median.longest.cpu)} of CPU (budget ${BUDGET_MS} ms x ${scale.toFixed(2)}, the reference's slowdown; reference ${ms(median.reference)}), rounds' longest: ${rounds.map((r) => r.longest.cpu.toFixed(1)).join(', ')}; tasks over 6 ms in the median round (CPU, wall, at):\n` +
        median.tasks
          .filter((t) => t.cpu > 6)
          .map((t) => `  ${ms(t.cpu)} (${ms(t.wall)}) at ${Math.round(t.at)} ms: ${t.what}`)
          .join('\n'),
    );
    expect(median.tasks.length).toBeGreaterThan(10);
    expect(median.longest.cpu).toBeLessThan(BUDGET_MS * scale);
  });
});
