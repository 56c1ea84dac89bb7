import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { iframeSnippet } from '../../src/lib/share/snippets.ts';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** A strict host policy: nothing inline, neither scripts nor styles; everything from the host. */
const STRICT_CSP = "default-src 'self'";

/** Inherited properties a host page may set around the element, each far from the default. */
const HOSTILE_CSS = `
.post, .post * {
  -webkit-text-fill-color: transparent;
  letter-spacing: 20px;
  word-spacing: 30px;
  text-transform: uppercase;
  text-indent: 80px;
  text-align: right;
  color: red;
  font: italic small-caps 900 40px/5 serif;
  white-space: pre;
  text-shadow: 3px 3px lime;
  text-decoration: underline wavy blue;
  cursor: wait;
  direction: rtl;
  word-break: break-all;
  font-kerning: none;
  tab-size: 40;
  quotes: '<' '>';
  list-style: square inside;
  caret-color: red;
  color-scheme: dark;
  --bg: red;
  --fg: lime;
  --border: red;
  --muted: red;
  --surface: red;
  --accent: red;
}
.hidden-section { visibility: hidden; }`;

/** What the tests compare inside the element, between a neutral and a hostile host. */
const PROPERTIES = [
  'color',
  '-webkit-text-fill-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-variant-caps',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-indent',
  'text-align',
  'text-shadow',
  'white-space',
  'word-break',
  'cursor',
  'direction',
  'visibility',
  'background-color',
  'border-top-color',
  'border-top-width',
  'border-top-left-radius',
  'display',
  'padding-top',
  'width',
  'height',
];
const INNER = ['.moe-root', '.embed', '.title', '[data-testid=total-params]', 'h2', 'a', 'button'];

/**
 * Serves host pages at the site's origin (so the element's module is 'self'): `pages` maps a
 * file name to its HTML; `host.css` holds the hostile styles; every page has a strict CSP.
 */
async function serveHosts(page: Page, pages: Record<string, string>, csp = STRICT_CSP) {
  await page.route(`${baseUrl}host-hostile.css`, (route) =>
    route.fulfill({ contentType: 'text/css', body: HOSTILE_CSS }),
  );
  for (const [name, body] of Object.entries(pages))
    await page.route(`${baseUrl}${name}`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: csp ? { 'content-security-policy': csp } : {},
        body,
      }),
    );
}

/** A host page: the element's module, and `body`, with or without the hostile styles. */
const hostPage = (body: string, hostile: boolean) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Host</title>` +
  `<link rel="icon" href="favicon.svg">` +
  (hostile ? `<link rel="stylesheet" href="host-hostile.css">` : '') +
  `<script type="module" src="moe-explorer.js"></script></head>` +
  `<body>${body}</body></html>`;

/** Records Content-Security-Policy violations from the first script on. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

/**
 * The computed PROPERTIES of the first match of each INNER selector in element `id`, by
 * property name, with the selector ('missing' when nothing matches).
 */
function innerStyles(page: Page, id: string): Promise<Record<string, string>[]> {
  return page.evaluate(
    ({ id, selectors, properties }) => {
      const root = document.getElementById(id)!.shadowRoot!;
      return selectors.map((selector): Record<string, string> => {
        const node = root.querySelector(selector);
        if (!node) return { selector, missing: 'missing' };
        const style = getComputedStyle(node);
        return {
          selector,
          ...Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)])),
        };
      });
    },
    { id, selectors: INNER, properties: PROPERTIES },
  );
}

const ELEMENTS =
  `<moe-explorer id="params" state="v=1&m=mixtral-8x7b" view="params" theme="light"></moe-explorer>` +
  `<moe-explorer id="serving" state="v=1&m=deepseek-v3" view="serving" chart="context" theme="dark"></moe-explorer>`;

describeInChromium('<moe-explorer> on hostile host pages', (browser) => {
  async function rendered(page: Page) {
    await expect
      .poll(() => page.locator('#params').getByTestId('total-params').getAttribute('data-value'))
      .toBe('46702792704');
    await page.locator('#serving').getByRole('heading', { name: 'Serving' }).waitFor();
    await page.locator('#serving').locator('svg').first().waitFor();
    await page.waitForTimeout(300);
  }

  it("finding 9: under a host CSP of default-src 'self' and hostile inherited CSS, the element renders styled and unchanged", async () => {
    const page = await browser().newPage({ viewport: { width: 900, height: 2400 } });
    const errors = collectErrors(page);
    const violations = await recordViolations(page);
    await serveHosts(page, {
      'host-neutral.html': hostPage(`<div>${ELEMENTS}</div>`, false),
      'host-strict.html': hostPage(`<div class="post">${ELEMENTS}</div>`, true),
    });
    await page.goto(`${baseUrl}host-neutral.html`);
    await rendered(page);
    const neutral = {
      params: await innerStyles(page, 'params'),
      serving: await innerStyles(page, 'serving'),
      shot: await page.locator('#params').screenshot(),
    };
    // Styled: the theme and the components' styles apply (not the browser's defaults).
    expect(neutral.params[0]).toMatchObject({
      'border-top-width': '1px',
      'border-top-left-radius': '8px',
      'font-size': '16px',
      'background-color': 'rgb(255, 255, 255)',
    });
    expect(neutral.params[0]!['font-family']).toContain('system-ui');
    expect(neutral.params[1]).toMatchObject({ display: 'flex', 'padding-top': '12px' });
    expect(neutral.serving[1]).toMatchObject({ 'background-color': 'rgb(15, 19, 24)' });

    await page.goto(`${baseUrl}host-strict.html`);
    await rendered(page);
    // The hostile styles apply on the host page, the element included...
    const host = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('params')!);
      return [style.color, style.letterSpacing, style.direction];
    });
    expect(host).toEqual(['rgb(255, 0, 0)', '20px', 'rtl']);
    // ... and nothing inside the element: it is as on the neutral page, to the pixel.
    expect(await innerStyles(page, 'params')).toEqual(neutral.params);
    expect(await innerStyles(page, 'serving')).toEqual(neutral.serving);
    expect((await page.locator('#params').screenshot()).equals(neutral.shot)).toBe(true);
    const shadow = await page.evaluate(() =>
      ['params', 'serving'].map((id) => {
        const root = document.getElementById(id)!.shadowRoot!;
        return {
          styles: root.querySelectorAll('style').length,
          adopted: root.adoptedStyleSheets.length,
        };
      }),
    );
    for (const root of shadow) {
      expect(root.styles).toBe(0);
      expect(root.adopted).toBeGreaterThan(2);
    }
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 9: a view chosen later brings its styles into every element, under the strict CSP', async () => {
    const page = await browser().newPage({ viewport: { width: 900, height: 2400 } });
    const errors = collectErrors(page);
    const violations = await recordViolations(page);
    await serveHosts(page, {
      'host-later.html': hostPage(`<div class="post">${ELEMENTS}</div>`, true),
    });
    await page.goto(`${baseUrl}host-later.html`);
    await rendered(page);
    const before = await innerStyles(page, 'params');
    await page.evaluate(() =>
      document.getElementById('params')!.setAttribute('view', 'activation'),
    );
    const element = page.locator('#params');
    await element.getByRole('heading', { name: 'Expert activation' }).waitFor();
    // The activation panel's own rules (a chunk loaded only now) apply, as on the page.
    const panel = await element.locator('.token').evaluate((token) => {
      const h3 = token.closest('section')!.querySelector('h3')!;
      return [getComputedStyle(token).display, getComputedStyle(h3).marginTop];
    });
    expect(panel).toEqual(['flex', '20px']);
    const { height: _, ...frame } = (await innerStyles(page, 'params'))[0]!;
    const { height: __, ...frameBefore } = before[0]!;
    expect(frame).toEqual(frameBefore);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without adoptedStyleSheets, the element falls back to one <style> per shadow root, styled the same', async () => {
    const page = await browser().newPage({ viewport: { width: 900, height: 2400 } });
    const errors = collectErrors(page);
    const body = `<div>${ELEMENTS}</div>`;
    await serveHosts(page, { 'host-plain.html': hostPage(body, false) }, '');
    await page.goto(`${baseUrl}host-plain.html`);
    await rendered(page);
    const adopted = await innerStyles(page, 'params');
    await page.addInitScript(() => {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    });
    await page.reload();
    await rendered(page);
    expect(await innerStyles(page, 'params')).toEqual(adopted);
    expect(
      await page.evaluate(
        () => document.getElementById('params')!.shadowRoot!.querySelectorAll('style').length,
      ),
    ).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 9: a host that hides a section with visibility: hidden hides the element in it', async () => {
    const page = await browser().newPage();
    await serveHosts(page, {
      'host-hidden.html': hostPage(
        `<div class="hidden-section"><moe-explorer id="params" state="v=1&m=mixtral-8x7b"></moe-explorer></div>`,
        true,
      ),
    });
    await page.goto(`${baseUrl}host-hidden.html`);
    await page.locator('#params').getByTestId('total-params').waitFor({ state: 'attached' });
    const styles = await innerStyles(page, 'params');
    expect(styles[0]).toMatchObject({ visibility: 'hidden' });
    await page.close();
  });

  it('finding 7: invalid view, chart and theme attributes render the default, with a notice naming each attribute, its value and the allowed values', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    await serveHosts(page, {
      'host-bad-attributes.html': hostPage(
        `<moe-explorer id="params" state="v=1&m=mixtral-8x7b" view="pie" chart="donut" theme="neon"></moe-explorer>`,
        true,
      ),
    });
    await page.goto(`${baseUrl}host-bad-attributes.html`);
    const element = page.locator('#params');
    await expect
      .poll(() => element.getByTestId('total-params').getAttribute('data-value'))
      .toBe('46702792704');
    const notice = element.getByRole('alert');
    await expect.poll(() => notice.innerText()).toContain('view');
    const text = await notice.innerText();
    expect(text).toMatch(/view\b.*params, activation, serving, compare.*"pie"/);
    expect(text).toMatch(/chart\b.*memory, context, speed.*"donut"/);
    expect(text).toMatch(/theme\b.*light, dark, auto.*"neon"/);
    expect(await notice.isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 1: a state whose model cannot be built still renders a model, with a notice saying why, and no error on the host page', async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const states = [
      'v=1&m=mixtral-8x7b&x.vocab_size=1000000000000000',
      'v=1&m=deepseek-v3&x.first_k_dense_replace=1000',
      'v=1&m=mixtral-8x7b&x.num_hidden_layers=1000000000',
    ];
    await serveHosts(page, {
      'host-bad-state.html': hostPage(
        states
          .map(
            (s, i) =>
              `<moe-explorer id="e${i}" state="${s.replace(/&/g, '&amp;')}"></moe-explorer>`,
          )
          .join(''),
        true,
      ),
    });
    await page.goto(`${baseUrl}host-bad-state.html`);
    for (const [i, state] of states.entries()) {
      const element = page.locator(`#e${i}`);
      await expect
        .poll(() => element.getByTestId('total-params').getAttribute('data-value'))
        .toMatch(/^\d+$/);
      const field = /x\.([a-z_]+)=/.exec(state)![1]!;
      expect(await element.getByRole('alert').innerText()).toContain(field);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describeInChromium('the iframe embed and its snippet', (browser) => {
  /** A host page (inline scripts allowed: the snippet's own) with `body`. */
  const snippetHost = (body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>Host</title>` +
    `<link rel="icon" href="favicon.svg"></head><body>${body}</body></html>`;

  it('finding 9: the iframe height shrinks when its content shrinks', async () => {
    const page = await browser().newPage({ viewport: { width: 700, height: 900 } });
    const errors = collectErrors(page);
    // A link with settings that are ignored: the embed opens with a notice, then dismisses it.
    const snippet = iframeSnippet(baseUrl, 'v=1&m=kimi-k2&nope=1&zz=2', {
      view: 'serving',
      chart: 'memory',
      theme: 'auto',
      height: 'auto',
    });
    await serveHosts(page, { 'host-iframe.html': snippetHost(snippet) }, '');
    await page.goto(`${baseUrl}host-iframe.html`);
    const iframe = page.locator('iframe[title="MoE Explorer"]');
    const frame = page.frameLocator('iframe[title="MoE Explorer"]');
    await frame.getByRole('button', { name: 'Dismiss' }).waitFor();
    await frame.getByTestId('weights-memory').waitFor();
    const contentHeight = () =>
      frame.locator('main').evaluate((main) => Math.ceil(main.getBoundingClientRect().bottom));
    await expect
      .poll(async () => Number(await iframe.getAttribute('height')))
      .toBeGreaterThanOrEqual(await contentHeight());
    const tall = Number(await iframe.getAttribute('height'));
    expect(tall).toBeLessThan(640 + 400);

    await frame.getByRole('button', { name: 'Dismiss' }).click();
    await expect
      .poll(async () => Number(await iframe.getAttribute('height')))
      .toBeLessThan(tall - 40);
    const short = Number(await iframe.getAttribute('height'));
    expect(short).toBeGreaterThanOrEqual(await contentHeight());
    expect(short).toBeLessThanOrEqual((await contentHeight()) + 24);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finding 9: the snippet ignores a hostile frame's height 99999999, and heights from other windows", async () => {
    const page = await browser().newPage();
    const errors = collectErrors(page);
    const snippet = iframeSnippet(baseUrl, 'v=1', {
      view: 'params',
      chart: 'memory',
      theme: 'auto',
      height: 'auto',
    });
    // The snippet's frame, on the embed's origin, posts heights a frame must not get, then 321.
    const hostile = `<!doctype html><script>
      for (const height of [99999999, 1e308, -5, 640.5, NaN, '700', null, 99, 5001])
        parent.postMessage({ type: 'moe-explorer:height', height }, '*');
      parent.postMessage({ type: 'moe-explorer:height', height: 321 }, '*');
    </script>`;
    const other = `<!doctype html><script>
      parent.postMessage({ type: 'moe-explorer:height', height: 222 }, '*');
    </script>`;
    await serveHosts(
      page,
      {
        'frame-hostile.html': hostile,
        'frame-other.html': other,
        'host-snippet.html': snippetHost(
          `<div id="slot"></div><iframe id="other" title="MoE Explorer" height="150"></iframe>`,
        ),
      },
      '',
    );
    await page.goto(`${baseUrl}host-snippet.html`);
    // The snippet as a host pastes it, its iframe pointing at the hostile page; every height
    // the iframe is given is recorded.
    await page.evaluate(
      ({ snippet, src }) => {
        const slot = document.getElementById('slot')!;
        slot.innerHTML = snippet
          .replace(/src="[^"]*"/, `src="${src}"`)
          .replace(/<script>[\s\S]*/, '');
        const frame = slot.querySelector('iframe')!;
        const w = window as unknown as { given: (string | null)[] };
        w.given = [];
        new MutationObserver(() => w.given.push(frame.getAttribute('height'))).observe(frame, {
          attributes: true,
          attributeFilter: ['height'],
        });
        const script = document.createElement('script');
        script.textContent = /<script>([\s\S]*)<\/script>/.exec(snippet)![1]!;
        slot.append(script);
      },
      { snippet, src: `${baseUrl}frame-hostile.html` },
    );
    const given = () => page.evaluate(() => (window as unknown as { given: string[] }).given);
    await expect.poll(() => page.locator('#slot iframe').getAttribute('height')).toBe('321');
    // Another frame, and the page itself, post valid heights: the snippet's frame keeps 321.
    await page.evaluate((src) => {
      document.querySelector<HTMLIFrameElement>('#other')!.src = src;
      window.postMessage({ type: 'moe-explorer:height', height: 444 }, '*');
    }, `${baseUrl}frame-other.html`);
    await page.waitForTimeout(500);
    expect(await page.locator('#slot iframe').getAttribute('height')).toBe('321');
    expect(await page.locator('#other').getAttribute('height')).toBe('150');
    expect(await given()).toEqual(['321']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 9: the snippet ignores heights from its own iframe once it shows another origin', async () => {
    const page = await browser().newPage();
    const snippet = iframeSnippet(baseUrl, 'v=1', {
      view: 'params',
      chart: 'memory',
      theme: 'auto',
      height: 'auto',
    });
    const elsewhere = baseUrl.replace('127.0.0.1', 'localhost');
    await page.route(`${elsewhere}frame-elsewhere.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><script>parent.postMessage({ type: 'moe-explorer:height', height: 700 }, '*'); document.title = 'sent';</script>`,
      }),
    );
    await serveHosts(
      page,
      {
        'host-elsewhere.html': snippetHost(
          snippet.replace(/src="[^"]*"/, `src="${elsewhere}frame-elsewhere.html"`),
        ),
      },
      '',
    );
    await page.goto(`${baseUrl}host-elsewhere.html`);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(elsewhere))).toBe(true);
    await page.waitForTimeout(500);
    expect(await page.locator('iframe').getAttribute('height')).toBe('640');
    await page.close();
  });
});
