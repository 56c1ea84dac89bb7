import { expect, inject, it } from 'vitest';
import { collectErrors, cpuOf, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** Each link of issue 10's findings 1, 2, 7 and 11, and the setting its notice must name. */
const LINKS: [finding: string, query: string, field: string][] = [
  ['finding 1', 'v=1&m=deepseek-v3&x.first_k_dense_replace=1000', 'x.first_k_dense_replace'],
  ['finding 1', 'v=1&m=mixtral-8x7b&x.vocab_size=1000000000000000', 'x.vocab_size'],
  ['finding 1', 'v=1&m=mixtral-8x7b&x.num_hidden_layers=1000000000', 'x.num_hidden_layers'],
  [
    'finding 2',
    'v=1&m=mixtral-8x7b&x.num_local_experts=1000000000&x.hidden_size=64&x.intermediate_size=1&x.num_attention_heads=8&x.num_key_value_heads=8&x.num_hidden_layers=1',
    'x.num_local_experts',
  ],
  ['finding 2', 'v=1&x.text_config.num_hidden_layers=100000', 'x.text_config.num_hidden_layers'],
  ['finding 2', 'v=1&m=mixtral-8x7b&x.num_hidden_layers=1000000', 'x.num_hidden_layers'],
  ['finding 7', 'v=1&m=mixtral-8x7b&x.rope_theta=3', 'x.rope_theta'],
  ['finding 7', `v=1&m=dbrx&mn=${'n'.repeat(200)}`, 'mn'],
  ['finding 7', 'v=1&embed=yes', 'embed'],
  ['finding 11', `v=1&${Array(1500).fill('k=2').join('&')}`, 'k'],
  ['finding 11', 'v=1&mn=%E2%80%AEgnp.exe', 'mn'],
  ['finding 11', 'v=1&m=dbrx&mn=', 'mn'],
];

/**
 * Main-thread CPU time a link may take to show the calculator (a whole page load included):
 * the freezes it replaces took 2 to 160 s. CPU time, from the trace; and at least REFERENCE_TIMES
 * the same page's plain load, measured first in the same run. Those plain loads also warm the
 * page: a CI run on a busy 2-core machine took 1,116 ms for the first link of a fresh page, which
 * takes 130-140 ms warm, as a plain load does (100-140 ms on this machine).
 */
const BOUND_MS = 1000;
const REFERENCE_TIMES = 3;

/** The median main-thread CPU of three plain loads of DeepSeek-V3, as the links load it. */
async function plainLoadMs(
  browser: Parameters<typeof cpuOf>[0],
  page: Parameters<typeof cpuOf>[1],
  embed: boolean,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++)
    times.push(
      await cpuOf(browser, page, async () => {
        await page.goto(`${baseUrl}?${embed ? 'embed=1&' : ''}v=1&m=deepseek-v3`);
        await page.getByTestId('total-params').waitFor();
      }),
    );
  return times.sort((a, b) => a - b)[1]!;
}

describeInChromium('hostile links in Chromium', (browser) => {
  for (const embed of [false, true])
    it(`findings 1, 2, 7, 11: each link ${embed ? 'with embed=1 ' : ''}renders the calculator and a notice naming the setting, within ${BOUND_MS} ms of main-thread CPU, without an error`, async () => {
      const page = await browser().newPage();
      const errors = collectErrors(page);
      const plain = await plainLoadMs(browser(), page, embed);
      const bound = Math.max(BOUND_MS, REFERENCE_TIMES * plain);
      console.log(
        `hostile links: plain load ${Math.round(plain)} ms of CPU, bound ${Math.round(bound)} ms`,
      );
      for (const [finding, query, field] of LINKS) {
        if (embed && query.includes('embed=')) continue;
        const ms = await cpuOf(browser(), page, async () => {
          await page.goto(`${baseUrl}?${embed ? 'embed=1&' : ''}${query}`);
          await page.getByTestId('total-params').waitFor();
        });
        const notice = await page
          .getByRole('alert')
          .filter({ hasText: 'were ignored' })
          .textContent();
        expect(notice, `${finding}: ${query.slice(0, 80)}`).toContain(`${field}:`);
        expect(
          ms,
          `${finding}: ${query.slice(0, 80)} (bound ${Math.round(bound)} ms)`,
        ).toBeLessThan(bound);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

  it('finding 11: 20,000 repeated parameters (back to such an entry) give one notice item', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?v=1&m=dbrx`);
    await page.getByTestId('total-params').waitFor();
    // A 60 KB address is past what the test server reads: the page gets it from the history.
    await page.evaluate(
      (query) => {
        history.pushState(null, '', `?${query}`);
        dispatchEvent(new PopStateEvent('popstate'));
      },
      `v=1&m=mixtral-8x7b&${Array(20_000).fill('k=1').join('&')}`,
    );
    const items = page.getByRole('alert').filter({ hasText: 'were ignored' }).getByRole('listitem');
    await expect
      .poll(() => items.allTextContents())
      .toEqual(['k: given 20,000 times; the first value is used']);
    await expect.poll(() => page.getByLabel('Preset').inputValue()).toBe('mixtral-8x7b');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 11: a name with a right-to-left override reads "gnp.exe", never "exe.png"', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?v=1&mn=%E2%80%AEgnp.exe&k=2`);
    await page.getByTestId('total-params').waitFor();
    const option = await page.locator('#preset option').first().textContent();
    expect(option).toBe('Imported: gnp.exe');
    expect(await page.locator('body').innerText()).not.toContain('exe.png');
    await page.close();
  });
});
