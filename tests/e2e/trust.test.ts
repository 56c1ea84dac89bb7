/**
 * The page a reader can trust (issue 9): typed values apply only when valid, one value per
 * quantity, no speed or price for a deployment that does not fit, and the guided questions.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium, openPanels } from './chromium.ts';

const baseUrl = inject('baseUrl');
const value = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');
// Llama 4 Scout: 108,641,793,536 parameters (tests/fixtures/expected-params.json)
const SCOUT_TOTAL = '108641793536';

/** Every total the page showed while `act` ran, sampled on each animation frame. */
async function totalsDuring(page: Page, act: () => Promise<void>): Promise<string[]> {
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seen: Set<string> }).seen = seen;
    const sample = () => {
      const v = document.querySelector('[data-testid="total-params"]')?.getAttribute('data-value');
      if (v) seen.add(v);
      requestAnimationFrame(sample);
    };
    sample();
  });
  await act();
  await page.waitForTimeout(400);
  return page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen]);
}

describeInChromium('a page a reader can trust', (browser) => {
  it('typing 1000 layers one key at a time never applies 1, 10 or 100, and the error leaves 48', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await expect.poll(() => value(page, 'total-params')).toBe(SCOUT_TOTAL);
    const field = page.getByRole('textbox', { name: 'Layers, exact value' });
    const seen = await totalsDuring(page, async () => {
      await field.fill('');
      await field.pressSequentially('1000', { delay: 30 });
      await field.press('Tab');
    });
    expect(seen).toEqual([SCOUT_TOTAL]);
    await expect.poll(() => page.getByText(/Layers: expected .* got 1,000/).count()).toBe(1);
    expect(await page.getByRole('slider', { name: 'Layers' }).inputValue()).toBe('48');
    await page.waitForTimeout(400); // the address bar follows the state after 250 ms
    expect(new URL(page.url()).searchParams.get('L')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('typing a context of 20,000,000 never applies 2,000,000; the last good context stays', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    const kv = page.getByTestId('kv-at-context');
    await expect.poll(() => kv.getAttribute('data-context')).toBe('131072');
    const field = page.getByLabel('Context length', { exact: true });
    const contexts = new Set<string>();
    await field.fill('');
    for (const key of '20000000') {
      await field.press(key);
      contexts.add((await kv.getAttribute('data-context'))!);
    }
    await field.press('Enter');
    await expect
      .poll(() => page.getByText(/Context length: expected .* got 20,000,000/).count())
      .toBe(1);
    expect([...contexts]).toEqual(['131072']);
    expect(await kv.getAttribute('data-context')).toBe('131072');
    await page.close();
  });

  it('10M is 10,000,000 and 10Mi is 10,485,760, the same in the field, the cards, the panel and the link', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    await openPanels(page);
    const field = page.getByLabel('Context length', { exact: true });
    const kv = page.getByTestId('kv-at-context');
    await field.fill('10M');
    await field.press('Enter');
    await expect.poll(() => kv.getAttribute('data-context')).toBe('10000000');
    expect(await page.getByTestId('deployment-label').textContent()).toContain(
      '10M tokens of context',
    );
    await page.waitForTimeout(400);
    expect(new URL(page.url()).searchParams.get('ctx')).toBe('10000000');
    await field.fill('10Mi');
    await field.press('Enter');
    await expect.poll(() => kv.getAttribute('data-context')).toBe('10485760');
    expect(await page.getByTestId('deployment-label').textContent()).toContain(
      '10.49M (10 × 2^20) tokens of context',
    );
    expect(await field.inputValue()).toBe('10,485,760');
    // The card and the serving panel state the same memory for the busiest GPU.
    const fits = (await page.locator('#fits-card .detail').textContent())!;
    const perGpu = /^([\d.]+ GB) of/.exec(fits)![1]!;
    await page.locator('#serving-heading').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.serving').textContent()).toContain(perGpu);
    await page.close();
  });

  it('Maverick BF16 on 8 x H100 shows no speed or price, says why, and one click makes it fit', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?v=1&m=llama4-maverick`);
    await expect.poll(() => value(page, 'fits')).toBe('false');
    expect(await value(page, 'decode-tps')).toBeNull();
    expect(await value(page, 'cost-per-million')).toBeNull();
    expect(await page.getByTestId('decode-tps').textContent()).not.toMatch(/\d/);
    const advice = page.getByTestId('fit-advice');
    expect(await advice.textContent()).toContain('The weights alone do not fit');
    await advice.getByRole('button', { name: 'Weights in FP8' }).click();
    await expect.poll(() => value(page, 'fits')).toBe('true');
    expect(Number(await value(page, 'decode-tps'))).toBeGreaterThan(0);
    expect(Number(await value(page, 'cost-per-million'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the price at batch 1 and at the largest batch that fits', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    const one = Number(await value(page, 'cost-per-million'));
    const largest = Number(await value(page, 'cost-at-max-batch'));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(one);
    await page.close();
  });

  for (const [id, check] of [
    [
      'active',
      async (page: Page) => expect(await value(page, 'active-params')).toBe('17172894720'),
    ],
    [
      'scout-10m',
      async (page: Page) => {
        expect(await page.getByTestId('kv-at-context').getAttribute('data-context')).toBe(
          '10000000',
        );
        expect(await value(page, 'fits')).toBe('false');
      },
    ],
    [
      'experts',
      async (page: Page) => expect(await value(page, 'total-params')).toBe('401583781376'),
    ],
    ['maverick-cost', async (page: Page) => expect(await value(page, 'fits')).toBe('true')],
  ] as const) {
    it(`the guided question "${id}" sets its state, is a link, and points at its answer`, async () => {
      const page = await browser().newPage();
      const errors = collectErrors(page);
      await page.goto(baseUrl);
      await page.getByTestId('total-params').waitFor();
      const link = page.locator(`[data-question="${id}"]`);
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('');
      const target = await page.evaluate(() => document.activeElement!.id);
      expect(href.endsWith(`#${target}`)).toBe(true);
      await check(page);
      expect(page.url()).toContain(href.split('#')[0]!.slice(1));
      // Opened as a link, it lands on the same state and answer.
      const other = await browser().newPage();
      await other.goto(new URL(href, baseUrl).toString());
      await other.getByTestId('total-params').waitFor();
      await check(other);
      await expect.poll(() => other.evaluate(() => document.activeElement?.id)).toBe(target);
      expect(errors).toEqual([]);
      await other.close();
      await page.close();
    });
  }
});
