/**
 * Opening a model by its Hugging Face id, in Chromium, against a loopback Hub (cors-hub.ts):
 * config.json, the count, the safetensors headers by Range requests and the check; a checkpoint
 * that differs; each failure's message; Cancel; links that name a Hub model. Nothing reaches
 * the network: the page's Hub address points at the loopback Hub.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  MIXTRAL_8X7B,
  mixtralTensors,
  safetensorsHead,
} from '../unit/helpers/checkpoint-tensors.ts';
import { fixtureConfig } from '../unit/helpers/fixtures.ts';
import type { HubFile } from '../unit/helpers/hub-server.ts';
import { MIXTRAL_REPO, mixtralHubFiles } from '../unit/helpers/mixtral-hub.ts';
import { choosePreset, describeInChromium } from './chromium.ts';
import { startCorsHub, type CorsHub } from './cors-hub.ts';

const baseUrl = inject('baseUrl');
// Mixtral-8x7B: 46,702,792,704 (Hugging Face safetensors total; tests/fixtures/expected-params.json).
const MIXTRAL_TOTAL = '46702792704';
const SCOUT_TOTAL = '108641793536';
/** One routed expert of Mixtral-8x7B: w1, w2, w3 of 4096 x 14336 (modeling_mixtral.py). */
const EXPERT = (3 * 4096 * 14336).toLocaleString('en-US');

/** Mixtral's checkpoint without layer 0's expert 7, with a rotary buffer and an FP8 scale. */
function prunedFiles(repo: string): Record<string, HubFile> {
  const tensors = mixtralTensors(MIXTRAL_8X7B).filter(
    (t) => !t.name.startsWith('model.layers.0.block_sparse_moe.experts.7.'),
  );
  tensors.push(
    { name: 'model.layers.0.self_attn.rotary_emb.inv_freq', dtype: 'F32', shape: [64] },
    { name: 'model.layers.0.self_attn.q_proj.weight_scale_inv', dtype: 'F32', shape: [32, 32] },
  );
  return {
    [`/${repo}/resolve/main/config.json`]: {
      body: JSON.stringify(fixtureConfig('mixtral-8x7b')),
    },
    [`/${repo}/resolve/main/model.safetensors`]: { body: safetensorsHead(tensors) },
  };
}

let hub: CorsHub;
/** An address where no Hub answers. */
let nowhere: string;
beforeAll(async () => {
  hub = await startCorsHub({
    ...mixtralHubFiles(),
    ...prunedFiles('acme/mixtral-pruned'),
    ...mixtralHubFiles({ repo: 'acme/no-weights', only: 'config' }),
    '/acme/gated/resolve/main/config.json': { status: 401 },
    '/acme/busy/resolve/main/config.json': { status: 429 },
    '/acme/odd/resolve/main/config.json': { body: '{"model_type": "gpt5"}' },
  });
  const closed = await startCorsHub({});
  nowhere = closed.url;
  await closed.close();
});
afterAll(() => hub?.close());

/** Uncaught page errors (a refused request also logs a console error, which is expected). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openById(page: Page, id: string, hubUrl = hub.url): Promise<void> {
  await page.getByLabel('Hub address').fill(hubUrl);
  await page.getByLabel('Hugging Face model id').fill(id);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

const total = (page: Page) => page.getByTestId('total-params').getAttribute('data-value');
const check = (page: Page) => page.getByTestId('hub-check').textContent();
const hubError = (page: Page) => page.locator('.hub .error').textContent();

describeInChromium('opening a model by its Hub id, in Chromium', (browser) => {
  it('id, then config.json, the count, the shard headers by Range, and "matches"; its link reads it again', async () => {
    const page = await browser().newPage();
    const errors = pageErrors(page);
    await page.goto(baseUrl);
    await page.getByTestId('total-params').waitFor();
    hub.delayMs = 300; // long enough to see each step
    await openById(page, `https://huggingface.co/${MIXTRAL_REPO}`);
    const progress = page.locator('.hub .progress');
    await expect
      .poll(() => progress.textContent())
      .toContain(`Reading config.json of ${MIXTRAL_REPO} from ${hub.url}…`);
    await expect.poll(() => progress.textContent()).toContain('Reading 2 safetensors headers…');
    hub.delayMs = 0;
    await expect.poll(() => total(page)).toBe(MIXTRAL_TOTAL);
    await expect
      .poll(() => check(page))
      .toContain(
        'Checked against the checkpoint: 995 tensors, total matches to the parameter (46,702,792,704).',
      );
    expect(await check(page)).toContain(
      `Opened ${MIXTRAL_REPO}: 46.70B parameters in total, 12.88B active per token.`,
    );
    expect(await progress.textContent()).toBe('');
    // Headers only: two ranged requests per shard.
    const ranged = hub.requests.filter((r) => r.includes('.safetensors '));
    expect(ranged).toHaveLength(4);
    expect(ranged.filter((r) => r.endsWith(' bytes=0-7'))).toHaveLength(2);
    await expect
      .poll(() => page.evaluate(() => decodeURIComponent(location.search)))
      .toContain(`hf=${MIXTRAL_REPO}&hub=${hub.url}&`);

    // The link opens the model at once and reads it from the Hub again, checked.
    const before = hub.requests.length;
    const other = await browser().newPage();
    const otherErrors = pageErrors(other);
    await other.goto(page.url());
    expect(await total(other)).toBe(MIXTRAL_TOTAL);
    await expect.poll(() => check(other)).toContain('total matches to the parameter');
    expect(hub.requests.slice(before)).toContain(`/${MIXTRAL_REPO}/resolve/main/config.json`);
    expect((await other.getByRole('alert').allTextContents()).join('').trim()).toBe('');
    expect(await other.getByLabel('Hugging Face model id').inputValue()).toBe(MIXTRAL_REPO);
    expect([...errors, ...otherErrors]).toEqual([]);
    await page.close();
    await other.close();
  });

  it('a checkpoint that differs: the difference by component, and stored extras named apart', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    await openById(page, 'acme/mixtral-pruned');
    await expect
      .poll(() => check(page))
      .toContain(`Checkpoint minus count: Routed experts −${EXPERT}.`);
    const text = await check(page);
    expect(text).toContain(
      "994 tensors hold 46,526,631,936 parameters, not the count's 46,702,792,704.",
    );
    expect(text).toContain(
      'Stored apart, not parameters of inference: saved buffers (rotary inv_freq), 1 tensor of 64 values; quantization scales (FP8, MXFP4), 1 tensor of 1,024 values.',
    );
    expect(await total(page)).toBe(MIXTRAL_TOTAL);
    await page.close();
  });

  it('each failure says what to do; the model, the pasted text and the rest of the page stay', async () => {
    const page = await browser().newPage();
    const errors = pageErrors(page);
    await page.goto(baseUrl);
    await page.getByLabel('config.json contents').fill('{ "model_type": "mixtral"');
    const cases: [string, string, RegExp][] = [
      ['acme/gated', hub.url, /^acme\/gated is gated or private \(HTTP 401\): the page cannot read it\. Accept its terms on the Hub, download its config\.json and paste it below\.$/],
      ['acme/missing', hub.url, /^acme\/missing@main has no config\.json \(HTTP 404\): check the model id and revision, or paste its config\.json below\.$/],
      ['acme/busy', hub.url, /^The Hub is rate-limiting requests \(HTTP 429\): wait a minute and try again, or paste its config\.json below\.$/],
      [MIXTRAL_REPO, nowhere, /^Could not reach http:\/\/127\.0\.0\.1:\d+ for mistralai\/Mixtral-8x7B-v0\.1@main: check the connection or the Hub address, or paste its config\.json below\.$/],
      ['acme/odd', hub.url, /^acme\/odd: config\.json: model_type: expected a supported model type.*The model shown is unchanged; check the model id, or paste an edited config\.json below\.$/],
      ['not a model id', hub.url, /^"not a model id": expected a Hugging Face model id such as/],
    ]; // prettier-ignore
    for (const [id, address, message] of cases) {
      await openById(page, id, address);
      await expect.poll(() => hubError(page)).toMatch(message);
      expect(await total(page)).toBe(SCOUT_TOTAL);
    }
    expect(await page.getByLabel('config.json contents').inputValue()).toBe(
      '{ "model_type": "mixtral"',
    );
    // The paste box says nothing of it, and the rest of the page keeps working.
    expect(await page.locator('.import [role=alert]').textContent()).toBe('');
    await choosePreset(page, 'Mixtral 8x7B');
    await expect.poll(() => total(page)).toBe(MIXTRAL_TOTAL);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a repo without safetensors: the model is shown, with the reason it was not checked', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    await openById(page, 'acme/no-weights');
    await expect
      .poll(() => check(page))
      .toContain(
        'Not checked against the checkpoint: acme/no-weights@main has no safetensors checkpoint: the count cannot be checked against its tensors',
      );
    expect(await total(page)).toBe(MIXTRAL_TOTAL);
    expect(await hubError(page)).toBe('');
    await page.close();
  });

  it('Cancel stops a slow Hub; the model stays', async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    hub.delayMs = 5_000;
    await openById(page, MIXTRAL_REPO);
    await page.getByRole('button', { name: 'Cancel' }).click();
    hub.delayMs = 0;
    expect(await page.locator('.hub .progress').textContent()).toBe('');
    expect(await total(page)).toBe(SCOUT_TOTAL);
    // A new id after it opens as usual.
    await openById(page, MIXTRAL_REPO);
    await expect.poll(() => check(page)).toContain('total matches to the parameter');
    await page.close();
  });
});

describeInChromium('links that name a Hub model, in Chromium', (browser) => {
  it("a Hub that cannot be reached: the link's own copy of the model, and a notice saying why", async () => {
    const page = await browser().newPage();
    await page.goto(baseUrl);
    await openById(page, MIXTRAL_REPO);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('hf=');
    const offline = page.url().replace(`hub=${hub.url}`, `hub=${nowhere}`);
    expect(offline).toContain(nowhere);
    const other = await browser().newPage();
    const errors = pageErrors(other);
    await other.goto(offline);
    await expect
      .poll(() => other.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/hf: Could not reach http:\/\/127\.0\.0\.1:\d+ for mistralai\/Mixtral-8x7B-v0\.1@main: .*; the link's own copy of the model is shown/));
    expect(await total(other)).toBe(MIXTRAL_TOTAL);
    // Links made from it still name the model.
    await expect.poll(() => other.evaluate(() => location.search)).toContain(`hf=${MIXTRAL_REPO}`);
    expect(errors).toEqual([]);
    await page.close();
    await other.close();
  }); // prettier-ignore

  it('a written link with hf= alone opens the model from the Hub; an embed shows the link as it is', async () => {
    const page = await browser().newPage();
    await page.goto(`${baseUrl}?hf=${MIXTRAL_REPO}&hub=${encodeURIComponent(hub.url)}`);
    await expect.poll(() => total(page)).toBe(MIXTRAL_TOTAL);
    await expect.poll(() => check(page)).toContain('total matches to the parameter');
    // The address follows the state 250 ms after it settles (url-sync.svelte.ts).
    await expect.poll(() => page.evaluate(() => location.search)).toContain('m=mixtral-8x7b');
    const link = await page.evaluate(() => location.search);
    expect(link).toContain(`hf=${MIXTRAL_REPO}`);

    // Closed first, and the Hub quiet for 500 ms: a request the page still had in flight (it
    // re-reads config.json once the link settles) must not count as the embed's.
    await page.close();
    let before = -1;
    while (before !== hub.requests.length) {
      before = hub.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The embed's link names the Hub under a path of its own, so that a request of the closed
    // page that arrives late (a loaded CI machine) is not taken for the embed's.
    const own = `${hub.url}/embed-only`;
    const params = new URLSearchParams(link);
    expect(params.get('hub')).toBe(hub.url);
    params.set('hub', own);
    const embedLink = `?${params}`;
    const embed = await browser().newPage();
    await embed.goto(`${baseUrl}${embedLink}&embed=1&view=params`);
    expect(await total(embed)).toBe(MIXTRAL_TOTAL);
    await embed.waitForTimeout(300);
    // the embed reads nothing from the Hub
    expect(hub.requests.slice(before).filter((r) => r.startsWith('/embed-only/'))).toEqual([]);
    await embed.close();
  });

  it('under a strict Content-Security-Policy (connect-src self), the Hub is refused and the page says so', async () => {
    const page = await browser().newPage();
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
      );
    });
    await page.goto(`${baseUrl}csp.html`);
    await openById(page, MIXTRAL_REPO);
    await expect.poll(() => hubError(page)).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+/);
    expect(
      await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    ).toContain('connect-src');
    expect(await total(page)).toBe(SCOUT_TOTAL);
    await page.close();
  });
});
