import axe from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { choosePreset, collectErrors, describeInChromium, openPanels } from './chromium.ts';

const baseUrl = inject('baseUrl');
const value = (page: Page, testid: string) => page.getByTestId(testid).getAttribute('data-value');
/** An element's text as read: whitespace runs as one space. */
const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ').trim();
/** The chunk with the local model and the host's link codec (state/local-model.ts). */
const LOCAL_MODEL = /local-model[^/]*\.js$/;

describeInChromium('one GPU with system RAM (llama.cpp), in Chromium', (browser) => {
  it('RTX 4090 + 64 GB DDR5 for gpt-oss-120b: fits only with experts in RAM, and decodes; its link reopens it', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(baseUrl);
    await choosePreset(page, 'gpt-oss-120b');
    const gpu = page.getByLabel('GPU type', { exact: true });
    await gpu.locator('option[value="rtx-4090"]').waitFor({ state: 'attached' });
    await gpu.selectOption({ label: 'NVIDIA GeForce RTX 4090 24GB' });
    // The local model is not part of the page until system RAM is asked for.
    expect(requested.filter((url) => LOCAL_MODEL.test(url))).toEqual([]);

    await page.getByText('System RAM (llama.cpp)').click();
    await page.getByLabel('Use system RAM (one GPU)').check();
    const ram = page.getByLabel('System RAM (GB)', { exact: true });
    await ram.fill('64');
    await ram.press('Enter');
    await page.getByLabel('RAM type').selectOption({ label: 'DDR5-5600' });
    await page.getByLabel('Channels').selectOption('2');
    await expect.poll(() => page.getByLabel('RAM bandwidth (GB/s)').inputValue()).toBe('89.6');
    // Everything on the GPU (no expert in RAM): 24 GB is far too little.
    expect(await page.getByLabel('Expert layers in RAM (--n-cpu-moe)').inputValue()).toBe('0');
    await expect.poll(() => value(page, 'fits')).toBe('false');
    expect(await value(page, 'decode-tps')).toBeNull();

    const suggestion = page.getByTestId('n-cpu-moe-suggestion');
    await expect
      .poll(() => text(suggestion))
      .toMatch(/--n-cpu-moe \d+ is the fewest expert layers in RAM for the GPU to fit/);
    const n = /--n-cpu-moe (\d+)/.exec((await text(suggestion))!)![1]!;
    await suggestion.getByRole('button', { name: `Apply --n-cpu-moe ${n}` }).click();
    await expect.poll(() => value(page, 'fits')).toBe('true');
    const tps = Number(await value(page, 'decode-tps'));
    expect(tps).toBeGreaterThan(5);
    expect(tps).toBeLessThan(100);
    await expect.poll(() => page.getByTestId('host-fit').locator('li').count()).toBe(2);

    // The address carries the host; opened anew, it shows the same deployment and figure.
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toMatch(new RegExp(`[?&]ram=64&ncmoe=${n}(&|$)`));
    const link = await page.evaluate(() => location.href);
    const again = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const againErrors = collectErrors(again);
    await again.goto(link);
    await expect.poll(() => value(again, 'fits')).toBe('true');
    expect(Number(await value(again, 'decode-tps'))).toBe(tps);
    expect(await again.getByTestId('deployment-label').textContent()).toBeTruthy();
    expect((await again.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(await again.locator('#headline-title').textContent()).toContain('RTX 4090');
    await again.locator('#deployment-controls summary').first().click();
    await expect
      .poll(() => again.getByLabel('Expert layers in RAM (--n-cpu-moe)').inputValue())
      .toBe(n);
    expect(await again.getByLabel('Use system RAM (one GPU)').isChecked()).toBe(true);
    const overflow = await again.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    expect(againErrors).toEqual([]);
    await page.close();
    await again.close();
  });

  it("Apple M4 Max 128GB: its GPU share (macOS's wired limit) set lower stops gpt-oss-120b fitting; the advice raises it; the link keeps it", async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?m=gpt-oss-120b&g=m4-max-128gb&n=1&ctx=8192&ram=64`);
    await openPanels(page);
    await expect.poll(() => value(page, 'fits')).toBe('true');
    const share = page.getByLabel('GPU share of the pool (%)');
    expect(await share.inputValue()).toBe('75');
    expect(await text(page.getByTestId('unified-note'))).toContain('its GPU may use 75% of it');
    // 40% of 128 GiB is 55 GB: gpt-oss-120b's 65 GB of weights no longer fit the GPU's share.
    await share.fill('40');
    await share.press('Enter');
    await expect.poll(() => value(page, 'fits')).toBe('false');
    await expect.poll(() => page.evaluate(() => location.search)).toMatch(/[?&]gshare=0\.4(&|$)/);
    const advice = page.getByTestId('fit-advice');
    const raise = advice.getByRole('button', { name: /^GPU share \d+% of the pool$/ });
    await raise.waitFor();
    const percent = Number(/(\d+)%/.exec((await raise.textContent())!)![1]);
    expect(percent).toBeGreaterThan(40);
    expect(percent).toBeLessThan(75);
    await raise.click();
    await expect.poll(() => value(page, 'fits')).toBe('true');
    expect(await share.inputValue()).toBe(String(percent));
    // The memory chart against context: the GPU and the unified pool, each against its capacity.
    await expect
      .poll(() => text(page.getByTestId('host-memory-context-legend')))
      .toMatch(/^GPU: fits up to .* usable Pool: fits/);
    // Opened anew at 375 px, the link gives the same share and figure.
    const gshare = String(percent / 100).replace('.', '\\.');
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toMatch(new RegExp(`[?&]gshare=${gshare}(&|$)`));
    const link = await page.evaluate(() => location.href);
    const tps = await value(page, 'decode-tps');
    const again = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const againErrors = collectErrors(again);
    await again.goto(link);
    await expect.poll(() => value(again, 'decode-tps')).toBe(tps);
    expect((await again.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    // A share out of range in a link: the default, with a notice naming it.
    const bad = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await bad.goto(link.replace(/gshare=[\d.]+/, 'gshare=3'));
    await expect
      .poll(async () => (await bad.getByRole('alert').allTextContents()).join(' '))
      .toContain(
        'gshare (GPU share of the unified pool): expected a number from 0.05 to 1, got "3"',
      );
    await expect.poll(() => value(bad, 'fits')).toBe('true');
    expect(errors).toEqual([]);
    expect(againErrors).toEqual([]);
    await page.close();
    await again.close();
    await bad.close();
  });

  it('the serving panel draws GPU and RAM as two bars, and the CPU+GPU speed line', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?m=gpt-oss-120b&g=rtx-4090&n=1&ctx=8192&ram=64&ncmoe=24`);
    await openPanels(page);
    await expect.poll(() => value(page, 'fits')).toBe('true');
    const verdict = page.getByTestId('host-memory-verdict');
    await verdict.scrollIntoViewIfNeeded();
    await expect.poll(() => text(verdict)).toMatch(/^Fits: the GPU holds .* system RAM/);
    await expect
      .poll(() => text(page.getByTestId('speed-lines')))
      .toContain('CPU + GPU, part of the model in system RAM');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an element with state "…&ram=64&ncmoe=27" loads the local model, then shows GPU and RAM', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${baseUrl}host.html`);
    const two = page.locator('#two'); // view="serving"
    await two.getByRole('heading', { name: 'Serving' }).waitFor();
    expect(requested.filter((url) => LOCAL_MODEL.test(url))).toEqual([]);
    await page.evaluate(() =>
      document
        .querySelector('#two')!
        .setAttribute('state', 'm=gpt-oss-120b&g=rtx-4090&n=1&ram=64&ncmoe=27'),
    );
    await two.getByText('Memory: GPU and system RAM').waitFor();
    expect(requested.filter((url) => LOCAL_MODEL.test(url))).toHaveLength(1);
    expect((await two.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [width, colorScheme, deployment] of [
    [375, 'light', 'g=rtx-4090&n=1&ram=64'],
    [1280, 'dark', 'g=rtx-4090&n=1&ram=64'],
    // A unified pool's GPU share field and its advice.
    [375, 'dark', 'g=m4-max-128gb&n=1&ram=64&gshare=0.4'],
  ] as const) {
    it(`a host link (${deployment}) at ${width} px (${colorScheme}): no axe violation with the system-RAM controls open, no horizontal scroll`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${baseUrl}?m=gpt-oss-120b&${deployment}`, {
        waitUntil: 'networkidle',
      });
      // On a phone the deployment group starts folded.
      if (width <= 760) await page.locator('#deployment-controls summary').first().click();
      await page.getByTestId('n-cpu-moe-suggestion').waitFor();
      await page.getByTestId('fit-advice').getByRole('button').first().waitFor();
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const { axe: engine } = window as unknown as { axe: typeof axe };
        // The results and the controls (the rest of the page has tests/e2e/axe.test.ts).
        const results = await engine.run(
          { include: [['#results'], ['#deployment-controls']] },
          { resultTypes: ['violations'] },
        );
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
      });
      expect(violations).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  }
});
