import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, hasChromium, launchChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

describe.skipIf(!hasChromium)('share links in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the address after some changes reopens the same state', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await page.getByLabel('Preset').selectOption({ label: 'Qwen3-235B-A22B' });
    await page.getByLabel('Active experts per token', { exact: true }).fill('4');
    await page.getByLabel('GPU type').selectOption({ label: 'NVIDIA H200 SXM 141GB' });
    await page.getByLabel('Bytes in').selectOption('GiB');
    await expect
      .poll(() => page.evaluate(() => location.search), { timeout: 3000 })
      .toContain('k=4');
    const link = page.url();
    const total = await page.getByTestId('total-params').getAttribute('data-value');
    const active = await page.getByTestId('active-params').getAttribute('data-value');
    const weights = await page.getByTestId('weights-bytes').textContent();
    const other = await browser.newPage();
    await other.goto(link);
    expect(await other.getByTestId('total-params').getAttribute('data-value')).toBe(total);
    expect(await other.getByTestId('active-params').getAttribute('data-value')).toBe(active);
    expect(await other.getByTestId('weights-bytes').textContent()).toBe(weights);
    expect(link.length - link.indexOf('?')).toBeLessThan(200);
    expect(errors).toEqual([]);
    await page.close();
    await other.close();
  });

  it('mangled and hostile links show the calculator or a notice, never run script, never throw', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.exposeFunction('__pwned', () => errors.push('script ran'));
    const links = [
      '?v=1&m=<img src=x onerror=__pwned()>',
      '?v=1&k=NaN&L=-1&h=1e309&b=99999999999999999999',
      '?v=1&__proto__[x]=1&constructor=1&m=__proto__',
      '?v=%E0%A4%A&m=dbrx',
      '?v=1&g=javascript:__pwned()&w=<script>__pwned()</script>',
      '?v=99&m=kimi-k2&tp=7&ep=3&pp=1000',
      '?' + 'x'.repeat(5000),
      '?v=1&m=deepseek-v3&E=1&k=8&s=9999',
      '?v=1&ctx=10M&n=0&usd=-3&th=<svg/onload=__pwned()>',
    ];
    for (const link of links) {
      await page.goto(baseUrl + link);
      await page.getByTestId('total-params').waitFor();
      const state = await page.evaluate(() => ({
        calculator: !!document.querySelector('[data-testid=total-params]'),
        alert: !!document.querySelector('[role=alert]'),
      }));
      expect(state.calculator || state.alert, link).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
