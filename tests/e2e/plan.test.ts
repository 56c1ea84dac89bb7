/**
 * The Plan view (issue 15) in Chromium: a target set on DeepSeek-V3 gives a cheapest deployment,
 * searched in a worker; Apply shows it in the explorer, whose headline then agrees with the
 * plan's own explorer figures; an unreachable target names the nearest miss; the settings go into
 * the link and come back on reload; `view=plan` works in the embed; axe finds nothing in the view.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium, openPanels } from './chromium.ts';

const baseUrl = inject('baseUrl');
const value = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-9);

async function setNumber(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.press('Enter');
}

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (selector) => {
    const { axe: engine } = window as unknown as { axe: typeof axe };
    const root = document.querySelector(selector)!;
    for (const s of root.querySelectorAll('details:not([open]) > summary'))
      (s as HTMLElement).click();
    await new Promise((r) => requestAnimationFrame(r));
    return (await engine.run(root, { resultTypes: ['violations'] })).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }, selector);
}

describeInChromium('the Plan view', (browser) => {
  it('sets a target, reads the cheapest deployment, applies it: the explorer agrees', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?m=deepseek-v3`);
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    await page.getByTestId('plan-cheapest').waitFor();
    await setNumber(page, 'Concurrent users', '64');
    await setNumber(page, 'Target tokens/s per user', '30');
    await setNumber(page, 'Target time to first token (s)', '2');
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('');
    const card = page.getByTestId('plan-cheapest');
    await card.waitFor();
    const cheapest = JSON.parse((await card.getAttribute('data-value'))!) as {
      device: string;
      gpus: number;
      batch: number;
    };
    expect(Number(await value(page, 'plan-tps-user'))).toBeGreaterThanOrEqual(30);
    expect(Number(await value(page, 'plan-searched'))).toBeGreaterThan(100);
    const decode = Number(await value(page, 'plan-explorer-decode'));
    const cost = Number(await value(page, 'plan-explorer-cost'));
    await page.getByTestId('plan-apply').click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Applied:' }).count())
      .toBe(1);
    await expect.poll(() => page.locator('#gpu-type').inputValue()).toBe(cheapest.device);
    expect(await page.getByLabel('GPUs', { exact: true }).inputValue()).toBe(String(cheapest.gpus));
    await expect.poll(async () => Number(await value(page, 'decode-tps'))).toBeGreaterThan(0);
    close(Number(await value(page, 'decode-tps')), decode);
    close(Number(await value(page, 'cost-per-million')), cost);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a frontier point reads out on focus; Enter applies it to the explorer', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}?m=llama4-maverick`);
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    const figure = page.getByRole('figure', { name: /Tokens\/s per GPU against/ });
    const point = figure.locator('[role="button"][tabindex="0"]');
    await point.waitFor();
    await point.focus();
    await page.keyboard.press('ArrowRight');
    const readout = figure.getByTestId('readout');
    await expect.poll(() => readout.textContent()).toContain('Click or Enter applies it.');
    const name = (await page.evaluate(() => document.activeElement?.getAttribute('aria-label')))!;
    const gpus = Number(/: (\d+) GPUs TP/.exec(name)![1]);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Applied:' }).count())
      .toBe(1);
    expect(await page.getByLabel('GPUs', { exact: true }).inputValue()).toBe(String(gpus));
    await page.close();
  });

  it('the price chart: the ringed cheapest is the lowest mark right of the target line that meets the targets', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}?m=llama4-scout#plan-heading`);
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    const figure = page.getByRole('figure', { name: /^Fleet \$ per hour against/ });
    await figure.locator('circle.ring').waitFor();
    const read = await figure.evaluate((f) => {
      const line = f.querySelector('line.target')!;
      const marks = [...f.querySelectorAll('path.mark')].map((m) => {
        const [x, y] = /translate\(([^,]+),([^)]+)\)/.exec(m.getAttribute('transform')!)!.slice(1);
        return { x: Number(x), y: Number(y), missed: m.classList.contains('missed') };
      });
      const ring = f.querySelector('circle.ring')!;
      return {
        lineX: Number(line.getAttribute('x1')),
        ring: { x: Number(ring.getAttribute('cx')), y: Number(ring.getAttribute('cy')) },
        marks,
        label: f.querySelector('.target-label')!.textContent,
      };
    });
    expect(read.label).toBe('target 30 tokens/s');
    // every mark left of the line misses the per-user target; the ringed one meets both
    for (const m of read.marks) if (m.x < read.lineX - 0.5) expect(m.missed).toBe(true);
    const meeting = read.marks.filter((m) => !m.missed);
    expect(read.ring.x).toBeGreaterThanOrEqual(read.lineX);
    // lower on the chart is cheaper: no mark that meets the targets sits below the ring
    expect(Math.max(...meeting.map((m) => m.y))).toBeCloseTo(read.ring.y, 6);
    await page.close();
  });

  it('a target no deployment meets names the nearest miss', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?m=deepseek-v3&qt=1500#plan-heading`);
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    const message = page.getByTestId('plan-message');
    await expect.poll(() => message.textContent(), { timeout: 30_000 }).toContain('nearest');
    expect(await page.getByTestId('plan-cheapest').count()).toBe(0);
    await page.close();
  });

  it('the settings go into the link and come back on reload', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?m=llama4-maverick`);
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    await page.getByLabel('Prompt tokens', { exact: true }).waitFor();
    await setNumber(page, 'Prompt tokens', '2000');
    await setNumber(page, 'Answer tokens', '500');
    await page.getByLabel('NVIDIA B200 180GB', { exact: true }).uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.get('qi')).toBe('2000');
    await expect.poll(() => new URL(page.url()).searchParams.get('qo')).toBe('500');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('qd'))
      .toBe('h100-sxm,h200,mi300x');
    await page.reload();
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    const prompt = page.getByLabel('Prompt tokens', { exact: true });
    await expect.poll(() => prompt.inputValue()).toBe('2,000');
    expect(await page.getByLabel('NVIDIA B200 180GB', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('NVIDIA H200 SXM 141GB', { exact: true }).isChecked()).toBe(true);
    await page.close();
  });

  it('a worker that fails to load is said in the panel; the rest of the page works', async () => {
    const page = await browser().newPage();
    await page.route('**/plan.worker-*.js', (route) => route.abort());
    await page.goto(`${baseUrl}?m=deepseek-v3`);
    await openPanels(page);
    await page.locator('#plan-heading').scrollIntoViewIfNeeded();
    const error = page.getByTestId('plan-error');
    await expect.poll(() => error.textContent()).toContain('the planner could not start');
    expect(await page.getByTestId('total-params').textContent()).toBeTruthy();
    await page.close();
  });

  it('a bad value is named in a notice with what is expected', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?v=1&qd=h200,nope`);
    const notice = page.getByRole('alert').filter({ hasText: 'qd:' });
    await expect.poll(() => notice.textContent()).toContain('qd: expected data-centre device ids');
    await page.close();
  });

  for (const [width, theme] of [
    [375, 'dark'],
    [1280, 'light'],
  ] as const)
    it(`embed=1&view=plan and the page's section: no axe violations (${width} px, ${theme})`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 800 } });
      const errors = collectErrors(page);
      await page.goto(`${baseUrl}?embed=1&view=plan&theme=${theme}&m=deepseek-v3`, {
        waitUntil: 'networkidle',
      });
      await page.getByTestId('plan-cheapest').waitFor();
      await page.getByRole('figure', { name: /Tokens\/s per GPU against/ }).waitFor();
      expect(await axeViolations(page, 'body')).toEqual([]);
      await page.goto(`${baseUrl}?th=${theme}&m=deepseek-v3#plan-heading`, {
        waitUntil: 'networkidle',
      });
      await page.locator('#plan-heading').scrollIntoViewIfNeeded();
      await page.getByTestId('plan-cheapest').waitFor();
      await page.getByRole('figure', { name: /Tokens\/s per GPU against/ }).waitFor();
      expect(await axeViolations(page, 'section[aria-labelledby="plan-heading"]')).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    });
});
