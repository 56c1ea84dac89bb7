import { readFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');
const glm45Air = readFileSync('tests/fixtures/new-families/glm-4.5-air.config.json', 'utf8');
// GLM-4.5-Air without its MTP layer: 106,852,251,264 (tests/unit/core/model/families/glm4-moe.test.ts).
const GLM_45_AIR_TOTAL = '106852251264';
/** The chunk with the readers of families without a preset (core families/more-readers.ts). */
const MORE_READERS = /more-readers[^/]*\.js$/;

describeInChromium('family readers loaded on demand, in Chromium', (browser) => {
  it('the page downloads them only for a model that needs them: an import, then its link', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(baseUrl);
    await page.getByTestId('total-params').waitFor();
    expect(requested.filter((url) => MORE_READERS.test(url))).toEqual([]);

    await page.getByLabel('config.json contents').fill(glm45Air);
    await page.getByRole('button', { name: 'Count parameters' }).click();
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe(GLM_45_AIR_TOTAL);
    expect(requested.filter((url) => MORE_READERS.test(url))).toHaveLength(1);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('x.model_type=');

    // The link opens the model in a fresh page, which loads the readers before it starts.
    const other = await browser().newPage();
    const otherErrors = collectErrors(other);
    await other.goto(page.url());
    await expect
      .poll(() => other.getByTestId('total-params').getAttribute('data-value'))
      .toBe(GLM_45_AIR_TOTAL);
    // No notice: the page's alert regions stay empty.
    expect((await other.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect([...errors, ...otherErrors]).toEqual([]);
    await page.close();
    await other.close();
  });

  it('an element whose state names such a family shows it, without a notice', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await page.getByLabel('config.json contents').fill(glm45Air);
    await page.getByRole('button', { name: 'Count parameters' }).click();
    await expect.poll(() => page.evaluate(() => location.search)).toContain('x.model_type=');
    const query = await page.evaluate(() => location.search.slice(1));

    const host = await browser().newPage();
    collectErrors(host).forEach((e) => errors.push(e));
    await host.goto(`${baseUrl}host.html`);
    const one = host.locator('#one');
    await one.getByTestId('total-params').waitFor();
    await host.evaluate(
      (state) => document.querySelector('#one')!.setAttribute('state', state),
      query,
    );
    await expect
      .poll(() => one.getByTestId('total-params').getAttribute('data-value'))
      .toBe(GLM_45_AIR_TOTAL);
    expect((await one.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
