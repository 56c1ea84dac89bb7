/**
 * Accessibility: axe-core (the standard engine behind Lighthouse's and most browsers' audits)
 * on the built site in Chromium, on every page a visitor can get: the explorer in both themes,
 * chosen by the system or by the page's own setting, and each embed view (`embed=1`,
 * `view=...`, `theme=...`), on a phone and a desktop. Before axe runs, the page is scrolled
 * through so the panels that render lazily (content-visibility: auto, LazyView) are drawn;
 * then every <details> is opened and axe runs a second time, on what they hold. What a
 * <details> holds renders when it opens, without waiting for the screen (a chart's table, a
 * formula, a group of controls), so the page settles for a frame and an idle period instead of
 * being scrolled through again (that second scroll, over a page three times as tall with
 * everything open, took 8 s of the phone's 22 s). The explorer is loaded once per
 * screen size and checked in each of its four themes, switched as a reader switches them (the
 * system's scheme, the page's Theme setting); an embed's theme comes from its link, so each is
 * loaded in each. Any violation fails, whatever its impact, and is printed with its rule,
 * targets and what axe says to fix. The embeds are checked a few pages at a time (it.concurrent,
 * at most Vitest's maxConcurrency of 5): a page mostly waits on frames and the network, and one at
 * a time this file took 157 s on the 2-core test machine, 115 s so.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { EMBED_VIEWS, SERVING_CHARTS } from '../../src/lib/share/presentation.ts';
import { describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

interface Case {
  name: string;
  query: string;
  colorScheme: 'light' | 'dark';
}

/** The explorer's themes: the system's scheme, and the page's own Theme setting over it. */
const EXPLORER_THEMES = [
  { name: 'system light', colorScheme: 'light', theme: 'system' },
  { name: 'system dark', colorScheme: 'dark', theme: 'system' },
  { name: 'page theme dark', colorScheme: 'light', theme: 'dark' },
  { name: 'page theme light on a dark system', colorScheme: 'dark', theme: 'light' },
] as const;

/** Each embed view (and each chart of the serving view) in the light and the dark theme. */
const EMBED_CASES: Case[] = [
  ...EMBED_VIEWS.flatMap((view) =>
    view === 'serving'
      ? SERVING_CHARTS.map((chart) => `view=serving&chart=${chart}`)
      : [`view=${view}`],
  ).flatMap((view): Case[] => [
    { name: `embed ${view}`, query: `?embed=1&${view}`, colorScheme: 'light' },
    {
      name: `embed ${view}, theme dark`,
      query: `?embed=1&${view}&theme=dark`,
      colorScheme: 'light',
    },
  ]),
];

const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
] as const;

/** Scrolls to the bottom half a screen at a time, letting each step render, then back up. */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const settle = async () => {
      await frame();
      await frame();
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await settle();
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
    await settle();
    window.scrollTo(0, 0);
    await settle();
  });
  // LazyView catches up off-screen panels when the browser is idle (at most 200 ms).
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 500 })),
  );
}

/**
 * Waits until nothing opened is loading (a formula's chunk comes when its <details> opens), then
 * for two frames and an idle period (LazyView's catch-up waits at most 200 ms).
 */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('details[open] .loading'));
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 500 })),
  );
}

/** Opens every closed <details> by clicking its summary, as a reader would; returns how many. */
async function openAllDetails(page: Page): Promise<number> {
  let opened = 0;
  // Opening one may reveal others inside it: a few rounds.
  for (let round = 0; round < 3; round++) {
    const count = await page.evaluate(() => {
      const summaries = [...document.querySelectorAll('details:not([open]) > summary')];
      for (const summary of summaries) (summary as HTMLElement).click();
      return summaries.length;
    });
    if (count === 0) break;
    opened += count;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  return opened;
}

/**
 * axe's violations on the page, or, with `within`, on what those elements hold: the second pass
 * checks only the <details> the first could not see into, as nothing outside them changed.
 * Rules that look across the page (duplicate ids, landmarks) still compare what is in scope with
 * the whole document.
 */
function runAxe(page: Page, within?: string): Promise<axe.Result[]> {
  return page.evaluate(async (within) => {
    const { axe: engine } = window as unknown as { axe: typeof axe };
    const context = within ? { include: [[within]] } : document;
    const results = await engine.run(context, { resultTypes: ['violations'] });
    return results.violations;
  }, within);
}

/** One violation with every node it was found on: rule, impact, help, targets, what to fix. */
function describeViolation(v: axe.Result): string {
  const nodes = v.nodes.map((n) => {
    const summary = (n.failureSummary ?? '').replace(/\n\s*/g, ' / ');
    return `    ${n.target.join(' >>> ')}\n      ${summary}\n      ${n.html.slice(0, 160)}`;
  });
  return [`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`, ...nodes].join('\n');
}

/** The violations of both passes, one per rule, with the nodes of both (each node once). */
function merge(passes: axe.Result[][]): axe.Result[] {
  const byRule = new Map<string, axe.Result>();
  for (const violation of passes.flat()) {
    const known = byRule.get(violation.id);
    if (!known) {
      byRule.set(violation.id, { ...violation, nodes: [...violation.nodes] });
      continue;
    }
    const seen = new Set(known.nodes.map((n) => n.html));
    known.nodes.push(...violation.nodes.filter((n) => !seen.has(n.html)));
  }
  return [...byRule.values()];
}

/** Switches the explorer to a theme as a reader does: the system's scheme, then the page's setting. */
async function useTheme(page: Page, t: (typeof EXPLORER_THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: t.colorScheme });
  await page.locator('#theme').selectOption(t.theme);
  await page.waitForFunction((theme) => {
    const set = document.documentElement.dataset.theme;
    return theme === 'system' ? set === undefined : set === theme;
  }, t.theme);
  // Panels off screen follow in idle time (LazyView).
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 500 })),
  );
}

/** The report of one page's violations, or '' when there are none. */
function report(where: string, violations: axe.Result[], opened: number): string {
  if (violations.length === 0) return '';
  return [
    `axe: ${violations.length} rule(s) violated on ${where} (${opened} <details> opened for the second pass)`,
    ...violations.map(describeViolation),
  ].join('\n');
}

const summary = (violations: axe.Result[]) =>
  violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' >>> ')).join(', ')}`,
  );

describeInChromium('accessibility (axe-core) in Chromium', (browser) => {
  for (const viewport of VIEWPORTS) {
    const themes = EXPLORER_THEMES.map((t) => t.name).join(', ');
    it(`explorer at ${viewport.width}x${viewport.height} in each theme (${themes}) has no axe violations, with panels rendered and every <details> open`, async () => {
      const page = await browser().newPage({ viewport, colorScheme: 'light' });
      // With a whole run and a benchmark run of 50 long-tailed answers: their fields (the
      // shortest and longest answer too), sentences and chart; and opened from a published run
      // of Scout: its sentence under the Serving summary.
      const run = 'wi=1000&wo=500&wn=50&ws=exponential&wmin=4&wmax=900';
      const from = 'from=vllm-llama4scout-fp4-1xb200-tp1-bs1';
      await page.goto(`${baseUrl}?${run}&${from}`, { waitUntil: 'networkidle' });
      await page.waitForFunction(
        () => (document.getElementById('app')?.childElementCount ?? 0) > 0,
      );
      await page.addScriptTag({ content: axe.source });
      await scrollThrough(page);
      // What the link asks for is there to be checked.
      await page.getByTestId('opened-run').waitFor();
      await page.getByLabel('Longest answer', { exact: true }).waitFor();
      const closed: axe.Result[][] = [];
      for (const t of EXPLORER_THEMES) {
        await useTheme(page, t);
        closed.push(await runAxe(page));
      }
      const opened = await openAllDetails(page);
      await settle(page);
      const found: Record<string, string[]> = {};
      const reports: string[] = [];
      for (const [i, t] of EXPLORER_THEMES.entries()) {
        await useTheme(page, t);
        const violations = merge([closed[i]!, opened > 0 ? await runAxe(page, 'details') : []]);
        found[t.name] = summary(violations);
        const where = `the explorer at ${viewport.width}x${viewport.height}, ${t.name}`;
        reports.push(report(where, violations, opened));
      }
      await page.close();
      const none = Object.fromEntries(EXPLORER_THEMES.map((t) => [t.name, []]));
      expect(found, reports.filter(Boolean).join('\n\n')).toEqual(none);
    });
    for (const c of EMBED_CASES) {
      const where = `${c.name} at ${viewport.width}x${viewport.height}`;
      it.concurrent(
        `${where} has no axe violations, with panels rendered and every <details> open`,
        async () => {
          const page = await browser().newPage({ viewport, colorScheme: c.colorScheme });
          await page.goto(`${baseUrl}${c.query}`, { waitUntil: 'networkidle' });
          // Rendered, and its lazily imported panels loaded (networkidle waits for those).
          await page.waitForFunction(
            () => (document.getElementById('app')?.childElementCount ?? 0) > 0,
          );
          await page.addScriptTag({ content: axe.source });
          await scrollThrough(page);
          const closed = await runAxe(page);
          const opened = await openAllDetails(page);
          await settle(page);
          const open = opened > 0 ? await runAxe(page, 'details') : [];
          await page.close();
          const violations = merge([closed, open]);
          const at = `${where} (${c.query}, system ${c.colorScheme})`;
          expect(summary(violations), report(at, violations, opened)).toEqual([]);
        },
      );
    }
  }
});
