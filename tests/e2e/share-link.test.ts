import { expect, inject, it } from 'vitest';
import { FUZZ_SEED, random } from '../unit/helpers/hostile.ts';
import { choosePreset, collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

/**
 * The mangled-links fuzz below: its seed is the fuzz suites' (FUZZ_SEED) and its size follows
 * their bound (FUZZ_MS, default 20 s): 48 links at the default, more in proportion to a longer
 * bound. A count, not a clock, so a seed always checks the same links; a failure names the
 * seed and the link.
 */
const LINKS = Math.max(48, Math.round((Number(process.env.FUZZ_MS ?? 20_000) / 20_000) * 48));

describeInChromium('share links in Chromium', (browser) => {
  it('the address after some changes reopens the same state', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await choosePreset(page, 'Qwen3-235B-A22B');
    await page.getByLabel('Active experts per token', { exact: true }).fill('4');
    await page.getByLabel('GPU type').selectOption({ label: 'NVIDIA H200 SXM 141GB' });
    await page.getByLabel('Bytes in').selectOption('GiB');
    // The address bar is written 250 ms after the last change: wait for every change to be in it.
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toMatch(/^(?=.*[?&]k=4(&|$))(?=.*[?&]g=h200(&|$))(?=.*[?&]u=GiB(&|$))/);
    const link = page.url();
    const total = await page.getByTestId('total-params').getAttribute('data-value');
    const active = await page.getByTestId('active-params').getAttribute('data-value');
    const weights = await page.getByTestId('weights-memory').textContent();
    const other = await browser().newPage();
    await other.goto(link);
    expect(await other.getByTestId('total-params').getAttribute('data-value')).toBe(total);
    expect(await other.getByTestId('active-params').getAttribute('data-value')).toBe(active);
    expect(await other.getByTestId('weights-memory').textContent()).toBe(weights);
    expect(link.length - link.indexOf('?')).toBeLessThan(200);
    expect(errors).toEqual([]);
    await page.close();
    await other.close();
  });

  it(`${LINKS} mangled and hostile links (seed ${FUZZ_SEED}): no uncaught error, no script run, calculator or notice shown`, async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await page.exposeFunction('__pwned', () => errors.push('script ran'));
    const valid =
      'v=1&m=deepseek-v3&k=4&g=h200&n=16&ctx=1048576&b=64&tp=1&ep=16&u=GiB&th=dark&L=40&sk=0.5&cf=2&w=fp8&kd=fp8&kl=full';
    const hostile = [
      '<img src=x onerror=__pwned()>',
      '"><script>__pwned()</script>',
      'javascript:__pwned()',
      '__proto__',
      'constructor',
      'NaN',
      'Infinity',
      '-1',
      '1e309',
      '99999999999999999999',
      '%00',
      '%E0%A4%A',
      '\u0000',
      '{{7*7}}',
      '${__pwned()}',
      '',
    ];
    const r = random(FUZZ_SEED + 5);
    const below = r.int;
    const pick = r.pick;
    /** The i-th link: truncated, a value replaced, a key added, or five characters broken. */
    const mangled = (i: number): string => {
      const parts = valid.split('&');
      switch (i % 4) {
        case 0:
          return valid.slice(0, below(valid.length));
        case 1: {
          const j = below(parts.length);
          parts[j] = parts[j]!.split('=')[0] + '=' + encodeURIComponent(pick(hostile));
          return parts.join('&');
        }
        case 2: {
          const key = pick(['__proto__', 'constructor', 'x', 'm', 'k', 'embed', 'view', 'theme']);
          return [...parts, `${key}=${encodeURIComponent(pick(hostile))}`].join('&');
        }
        default: {
          const chars = [...valid];
          for (let e = 0; e < 5; e++)
            chars[below(chars.length)] = pick([
              '&',
              '=',
              '%',
              '<',
              '>',
              '"',
              "'",
              '#',
              '?',
              ' ',
              'é',
            ]);
          return chars.join('');
        }
      }
    };
    for (let n = 0; n < LINKS; n++) {
      const link = mangled(n);
      await page.goto(`${baseUrl}?${link}`);
      await page.locator('[data-testid=total-params], [role=alert]').first().waitFor();
      expect(errors, `seed ${FUZZ_SEED}, link ${n}: ?${link}`).toEqual([]);
    }
    await page.close();
  }, 600_000); // the limit only catches a hang

  it('mangled and hostile links show the calculator or a notice, never run script, never throw', async () => {
    const page = await browser().newPage();
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
      '?v=1&m=mixtral-8x7b&mn=<img src=x onerror=__pwned()>&x.hidden_size=4096',
      '?v=1&m=mixtral-8x7b&x.model_type="<b>x</b>"',
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
    // A name carrying markup is shown as text.
    await page.goto(
      `${baseUrl}?v=1&m=mixtral-8x7b&mn=${encodeURIComponent('<img src=x onerror=__pwned()>')}`,
    );
    await expect
      .poll(() => page.locator('#preset option').first().textContent())
      .toBe('Imported: <img src=x onerror=__pwned()>');
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
