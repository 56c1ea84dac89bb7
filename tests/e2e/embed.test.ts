import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

describeInChromium('embed and <moe-explorer> in Chromium', (browser) => {
  it('embed=1 shows the headline, the chosen view and a link to the full explorer', async () => {
    const page = await browser().newPage({ colorScheme: 'light' });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?embed=1&view=serving&theme=dark&m=kimi-k2`);
    await page.locator('.title').getByText('Kimi K2', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Serving' }).waitFor();
    // The compact serving view: its four numbers and one chart, not the whole panel.
    expect(
      Number(await page.getByTestId('weights-memory').getAttribute('data-value')),
    ).toBeGreaterThan(1e12);
    await page.getByText('Memory per device').waitFor();
    expect(await page.getByText('Memory against context length').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Preset' }).count()).toBe(0);
    const href = await page
      .getByRole('link', { name: 'Open in MoE Explorer' })
      .getAttribute('href');
    expect(href).toContain('m=kimi-k2');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('two elements on a hostile host page work independently, in their own styles', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}host.html`);
    const one = page.locator('#one');
    const two = page.locator('#two');
    // Scout with top-2 (k=2): 17,172,894,720 + 48 x 125,829,120 active
    await expect
      .poll(() => one.getByTestId('active-params').getAttribute('data-value'))
      .toBe(String(17172894720 + 48 * 125829120));
    await two.getByRole('heading', { name: 'Serving' }).waitFor();
    const twoWeights = await two.getByTestId('weights-memory').getAttribute('data-value');
    expect(Number(twoWeights)).toBeGreaterThan(6e11);
    const styles = await page.evaluate(() => {
      const inner = document
        .querySelector('#one')!
        .shadowRoot!.querySelector('[data-testid=total-params]')!;
      const link = document.querySelector('#one')!.shadowRoot!.querySelector('a')!;
      return {
        innerColor: getComputedStyle(inner).color,
        innerFont: getComputedStyle(inner).fontSize,
        linkDisplay: getComputedStyle(link).display,
        prose: getComputedStyle(document.querySelector('#before')!).fontFamily,
        proseColor: getComputedStyle(document.querySelector('#after')!).color,
      };
    });
    expect(styles.innerColor).not.toBe('rgb(200, 0, 0)');
    expect(styles.innerFont).toBe(`${1.45 * 16}px`); // .value: 1.45rem of the element's own 16px
    expect(styles.linkDisplay).not.toBe('none');
    expect(styles.prose).toBe('serif');
    expect(styles.proseColor).toBe('rgb(200, 0, 0)');
    // Changing one element's state leaves the other alone.
    await page.evaluate(() =>
      document.querySelector('#one')!.setAttribute('state', 'm=mixtral-8x7b'),
    );
    await expect
      .poll(() => one.getByTestId('total-params').getAttribute('data-value'))
      .toBe('46702792704');
    expect(await two.getByTestId('weights-memory').getAttribute('data-value')).toBe(twoWeights);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the Embed dialog gives both snippets for the current state', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?m=gpt-oss-120b`);
    await page.getByRole('button', { name: 'Embed' }).click();
    const element = await page
      .getByRole('textbox', { name: 'The <moe-explorer> element' })
      .inputValue();
    expect(element).toContain('<moe-explorer state="v=1&amp;m=gpt-oss-120b" view="params"');
    expect(element).toContain('/sub/path/moe-explorer.js');
    await page.getByLabel('View', { exact: true }).selectOption('serving');
    expect(await page.getByRole('textbox', { name: 'An iframe' }).inputValue()).toContain(
      'embed=1&amp;view=serving',
    );
    await page.close();
  });

  it('the iframe embed reports its height to the parent', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}host.html`);
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0),
      )
      .toBeGreaterThan(300);
    await page.close();
  });
});
