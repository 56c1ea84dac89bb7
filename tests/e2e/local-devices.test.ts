import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');
/** The chunk with the local devices (core serving/local-devices.ts). */
const LOCAL_DEVICES = /local-devices[^/]*\.js$/;

describeInChromium('local devices loaded on demand, in Chromium', (browser) => {
  it('a share link with g=rtx-4090 reopens it: the headline names the RTX 4090, the select has it', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?m=gpt-oss-120b&g=rtx-4090`);
    await expect.poll(() => page.locator('#headline-title').textContent()).toContain('RTX 4090');
    const select = page.getByLabel('GPU type', { exact: true });
    expect(await select.inputValue()).toBe('rtx-4090');
    // No notice: the link's device was known before the page opened it.
    expect((await page.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the GPU select lists every device in groups, and picking one writes it to the address', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    const select = page.getByLabel('GPU type', { exact: true });
    const groups = () =>
      select
        .locator('optgroup')
        .evaluateAll((all) => all.map((g) => (g as HTMLOptGroupElement).label));
    await expect
      .poll(groups)
      .toEqual([
        'Data centre',
        'Consumer and workstation GPUs',
        'Apple silicon',
        'Other unified memory',
      ]);
    expect(await select.inputValue()).toBe('h100-sxm'); // the default stays selected
    await select.selectOption({ label: 'Apple M3 Ultra 512GB (80-core GPU)' });
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toMatch(/[?&]g=m3-ultra-512gb(&|$)/);
    await expect
      .poll(() => page.locator('#headline-title').textContent())
      .toContain('M3 Ultra 512GB');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an element with state "g=m4-max-128gb" shows it; the element downloads the devices only then', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${baseUrl}host.html`);
    const two = page.locator('#two'); // view="serving"
    await two.getByRole('heading', { name: 'Serving' }).waitFor();
    expect(requested.filter((url) => LOCAL_DEVICES.test(url))).toEqual([]);
    await page.evaluate(() =>
      document.querySelector('#two')!.setAttribute('state', 'm=gpt-oss-120b&g=m4-max-128gb'),
    );
    await two
      .getByText(/× Apple M4 Max 128GB \(40-core GPU\)/)
      .first()
      .waitFor();
    expect(requested.filter((url) => LOCAL_DEVICES.test(url))).toHaveLength(1);
    expect((await two.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });
});
