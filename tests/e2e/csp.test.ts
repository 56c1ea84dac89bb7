import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

describeInChromium('Content-Security-Policy', (browser) => {
  it("works without 'unsafe-inline' scripts and without 'unsafe-eval', mathjs expressions included", async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    await page.goto(`${baseUrl}csp.html?m=mixtral-8x7b`);
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe('46702792704');
    const layers = page.getByRole('textbox', { name: 'Layers, exact value' });
    await layers.fill('2^4 + 128/8');
    await layers.press('Enter');
    await expect
      .poll(() => page.getByRole('slider', { name: 'Layers', exact: true }).inputValue())
      .toBe('32');
    await layers.fill('(2^5)*2');
    await layers.press('Enter');
    await expect
      .poll(() => page.getByRole('slider', { name: 'Layers', exact: true }).inputValue())
      .toBe('64');
    expect(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
