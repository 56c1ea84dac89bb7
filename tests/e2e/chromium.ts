import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';

/** Debian's Chromium, or CHROMIUM_PATH. Never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // A busy machine can take a while to start a browser: stay within the hook timeout instead
    // of Playwright's 30 s.
    timeout: 100_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The network is never the tests': every host but the tests' own servers (127.0.0.1,
      // localhost) fails to resolve, so a fuzzed link's hf=org/model meets a network error, as
      // offline, instead of reaching huggingface.co.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/**
 * One Chromium for the tests of the enclosing `describe`: launched in `beforeAll`, closed in
 * `afterAll`. Returns a getter for the browser, to call inside tests (it throws before
 * `beforeAll` has run).
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: use the browser inside a test');
    return browser;
  };
}

/**
 * A `describe` block whose tests share one Chromium (see useChromium). Without Chromium the
 * block is skipped; tests/e2e/global-setup.ts says so once, and fails the run when CI=true.
 */
export function describeInChromium(name: string, body: (browser: () => Browser) => void): void {
  describe.skipIf(!hasChromium)(name, () => body(useChromium()));
}

/**
 * Chooses a preset in the page's picker, then waits until it has loaded and shows (a preset
 * other than the default loads its config and reader on demand).
 */
export async function choosePreset(page: Page, label: string): Promise<void> {
  const picker = page.getByLabel('Preset');
  await picker.selectOption({ label });
  await picker.and(page.locator(':not([aria-busy="true"])')).waitFor();
}

/**
 * Waits until every panel's place is there and those near the first screen have mounted
 * (whenNear reports after a frame; the rest mount as a reader scrolls to them), then for an
 * idle period.
 */
export async function firstScreenSettled(page: Page): Promise<void> {
  const settled = () =>
    page.waitForFunction(
      () =>
        document.querySelectorAll('.views > .panel').length === 7 &&
        document.querySelectorAll('.views .loading').length === 0,
    );
  await settled();
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  await settled();
  await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 1000 })));
}

/** Collects console errors and uncaught page errors of a page. */
/**
 * Mounts every panel, as a keyboard user taking "Skip to charts" does (App.svelte mounts them all
 * when focus enters the charts; otherwise each mounts as it nears the screen), and waits until
 * none is loading.
 */
export async function openPanels(page: Page): Promise<void> {
  await page.locator('#charts').focus();
  await page.waitForFunction(
    () =>
      document.querySelectorAll('#charts > .panel').length > 0 &&
      !document.querySelector('#charts > .panel.pending, #charts .loading'),
  );
}

export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** An event of Chromium's trace, with the fields the browser tests read. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** The thread's CPU clock at the event (blink.user_timing marks, top-level tasks). */
  tts?: number;
  dur?: number;
  tdur?: number;
  args?: {
    name?: string;
    beginData?: { url?: string };
    data?: { url?: string };
    src_func?: string;
  };
}

/* Main-thread CPU time of a step in Chromium, from the trace (fuzz and hostile-link tests). */

/** Main-thread CPU time of the renderers in a trace, ms: the sum of their top-level tasks. */
function mainThreadCpuMs(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let us = 0;
  for (const e of events)
    if (e.ph === 'X' && e.cat.includes('toplevel') && main.has(`${e.pid}:${e.tid}`))
      us += e.tdur ?? 0;
  return us / 1000;
}

/** Runs `step` with tracing on; its main-thread CPU time, ms. */
export async function cpuOf(
  browser: Browser,
  page: Page,
  step: () => Promise<void>,
): Promise<number> {
  await browser.startTracing(page, { categories: ['toplevel'] });
  let failure: unknown = null;
  await step().catch((error: unknown) => (failure = error));
  const trace = await browser.stopTracing();
  if (failure) throw failure;
  return mainThreadCpuMs(trace);
}
