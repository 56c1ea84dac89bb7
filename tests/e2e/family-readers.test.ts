import { readFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');
/** A family no preset has (GLM's, Qwen3-Next's and MiniMax's have one: their links name it). */
const dotsLlm1 = readFileSync('tests/fixtures/new-families/dots.llm1.inst.config.json', 'utf8');
// dots.llm1.inst: 142,774,381,696 (tests/unit/core/model/families/dots1.test.ts).
const DOTS_TOTAL = '142774381696';
/** dots1's reader: a chunk of its own (core families/registry.ts). */
const DOTS_READER = /\/dots1-[^/]*\.js$/;
/** DeepSeek-V3's config.json and its family's reader: a chunk each (core presets.ts). */
const DEEPSEEK_CHUNKS = /\/deepseek(-v3)?-[^/]*\.js$/;
// DeepSeek-V3: 671,026,419,200 without MTP (tests/fixtures/expected-params.json).
const DEEPSEEK_V3_TOTAL = '671026419200';

describeInChromium('presets and family readers loaded on demand, in Chromium', (browser) => {
  it('the page downloads them only for a model that needs them: an import, then its link', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(baseUrl);
    await page.getByTestId('total-params').waitFor();
    // (Compare's default pins, Maverick and DeepSeek-V3, load when its panel mounts in idle time.)
    expect(requested.filter((url) => DOTS_READER.test(url))).toEqual([]);

    await page.getByLabel('config.json contents').fill(dotsLlm1);
    await page.getByRole('button', { name: 'Count parameters' }).click();
    await expect
      .poll(() => page.getByTestId('total-params').getAttribute('data-value'))
      .toBe(DOTS_TOTAL);
    expect(requested.filter((url) => DOTS_READER.test(url))).toHaveLength(1);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('x.model_type=');

    // The link opens the model in a fresh page, which loads the readers before it starts.
    const other = await browser().newPage();
    const otherErrors = collectErrors(other);
    await other.goto(page.url());
    await expect
      .poll(() => other.getByTestId('total-params').getAttribute('data-value'))
      .toBe(DOTS_TOTAL);
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
    await page.getByLabel('config.json contents').fill(dotsLlm1);
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
      .toBe(DOTS_TOTAL);
    expect((await one.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });

  it('a preset other than the default loads when chosen; a failed load says so and keeps the page', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    let failing = true;
    await page.route(DEEPSEEK_CHUNKS, (route) => (failing ? route.abort() : route.continue()));
    await page.goto(baseUrl);
    const total = page.getByTestId('total-params');
    await total.waitFor();
    const scout = await total.getAttribute('data-value');

    const picker = page.getByLabel('Preset');
    await picker.selectOption('deepseek-v3');
    await expect
      .poll(() => page.locator('.field .status').textContent())
      .toContain('DeepSeek-V3 could not be loaded');
    // The comparison's default DeepSeek-V3 column says so too.
    await page.locator('#compare-title').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('DeepSeek-V3 could not be loaded'));
    expect(await total.getAttribute('data-value')).toBe(scout);
    expect(await picker.inputValue()).toBe('llama4-scout');

    failing = false;
    await picker.selectOption('deepseek-v3');
    await expect.poll(() => total.getAttribute('data-value')).toBe(DEEPSEEK_V3_TOTAL);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('m=deepseek-v3');
    // The browser logs each aborted chunk; nothing else.
    expect(
      errors.filter((e) => !/Failed to fetch dynamically imported module|net::ERR_FAILED/.test(e)),
    ).toEqual([]);
    await page.close();
  });

  it('a link to a preset whose files do not arrive opens the default with a notice that says so', async () => {
    const page = await browser().newPage();
    await page.route(DEEPSEEK_CHUNKS, (route) => route.abort());
    await page.goto(`${baseUrl}?m=deepseek-v3`);
    await expect
      .poll(async () => (await page.getByRole('alert').allTextContents()).join(' '))
      .toContain('m: DeepSeek-V3 could not be loaded');
    expect(await page.getByTestId('total-params').getAttribute('data-value')).toBe('108641793536');
    await page.close();
  });
});
