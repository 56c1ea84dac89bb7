/**
 * The Training view (issue 14) in Chromium: the guided question "What did Llama 4 cost to
 * train?" opens Scout's pre-training as its card states it and points at its GPU-hours beside
 * the card's 5.0M; a link carries the training settings; `view=training` works in the embed; a
 * bad value is named in a notice; axe finds nothing in the view, in both themes.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium, openPanels } from './chromium.ts';

const baseUrl = inject('baseUrl');
const value = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');
/** The Llama 4 card's GPU-hours (tests/fixtures/training-runs.json); the default within x1.5. */
const within = (gpuHours: number, published: number) =>
  gpuHours / published > 1 / 1.5 && gpuHours / published < 1.5;

describeInChromium('the Training view', (browser) => {
  it('"What did Llama 4 cost to train?" points at Scout’s GPU-hours beside the card’s 5.0M', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await page.getByTestId('total-params').waitFor();
    const link = page.locator('[data-question="llama4-training"]');
    expect(await link.textContent()).toBe('What did Llama 4 cost to train?');
    await link.click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ''))
      .toBe('training-gpu-hours-card');
    const gpuHours = Number(await value(page, 'training-gpu-hours'));
    expect(within(gpuHours, 5.0e6)).toBe(true);
    const card = page.locator('#training-gpu-hours-card');
    expect(await card.getByTestId('training-published').textContent()).toMatch(
      /^Llama 4 Scout card: 5\.0M \(this estimate × \d\.\d\d\)$/,
    );
    expect(await value(page, 'training-fits')).toBe('true');
    expect(page.url()).toContain('#training-gpu-hours-card');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a link carries the settings: Maverick on 22T tokens, beside the card’s 2.38M', async () => {
    const page = await browser().newPage();
    await page.goto(
      `${baseUrl}?v=1&m=llama4-maverick&tk=22000000000000&tpp=4&tep=32#training-gpu-hours-card`,
    );
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ''))
      .toBe('training-gpu-hours-card');
    expect(within(Number(await value(page, 'training-gpu-hours')), 2.38e6)).toBe(true);
    expect(await page.getByTestId('training-published').textContent()).toContain(
      'Llama 4 Maverick card: 2.38M',
    );
    // Typed tokens go into the address bar, defaults left out.
    const tokens = page.getByLabel('Training tokens', { exact: true });
    await tokens.fill('11T');
    await tokens.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('tk')).toBe('11000000000000');
    expect(new URL(page.url()).searchParams.get('tn')).toBeNull();
    await page.close();
  });

  it('a bad value is named in a notice with what is expected; the rest of the link applies', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?v=1&tz=7&tk=22000000000000`);
    await openPanels(page);
    const notice = page.getByRole('alert').filter({ hasText: 'tz:' });
    await expect
      .poll(() => notice.textContent())
      .toContain('tz: expected one of 0, 1, 2, 3, got "7"');
    await page.locator('#training-gpu-hours-card').scrollIntoViewIfNeeded();
    await expect.poll(() => value(page, 'training-gpu-hours')).not.toBeNull();
    expect(await page.getByLabel('Training tokens', { exact: true }).inputValue()).toBe('22T');
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const)
    it(`embed=1&view=training shows the numbers and charts, no axe violations (${theme})`, async () => {
      const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
      const errors = collectErrors(page);
      await page.goto(`${baseUrl}?embed=1&view=training&theme=${theme}`, {
        waitUntil: 'networkidle',
      });
      await page.getByTestId('training-gpu-hours').waitFor();
      expect(within(Number(await value(page, 'training-gpu-hours')), 5.0e6)).toBe(true);
      await page.getByRole('figure', { name: /GPU-hours against training tokens/ }).waitFor();
      await page.addScriptTag({ content: axe.source });
      await page.evaluate(() => {
        for (const s of document.querySelectorAll('details:not([open]) > summary'))
          (s as HTMLElement).click();
      });
      const violations = await page.evaluate(async () => {
        const { axe: engine } = window as unknown as { axe: typeof axe };
        return (await engine.run(document, { resultTypes: ['violations'] })).violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      });
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });

  it('the page’s Training section has no axe violations in the dark theme', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}?th=dark#training-gpu-hours-card`, { waitUntil: 'networkidle' });
    await page.locator('#training-heading').waitFor();
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const { axe: engine } = window as unknown as { axe: typeof axe };
      const section = document.querySelector('section[aria-labelledby="training-heading"]')!;
      for (const s of section.querySelectorAll('details:not([open]) > summary'))
        (s as HTMLElement).click();
      await new Promise((r) => requestAnimationFrame(r));
      return (await engine.run(section, { resultTypes: ['violations'] })).violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
