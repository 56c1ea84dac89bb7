/**
 * The Serving panel's benchmark run in Chromium: typed prompt and answer tokens, a prompt count
 * and a request rate give the run the core simulates (on the page's worker, as the CLI's `serve
 * --prompts --request-rate`); the settings go into the link and come back on reload; a run the
 * core cannot simulate names its field.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import {
  addServingModel,
  benchmarkRunFor,
  findPreset,
  presetSpec,
  SERVING_MODEL,
} from '../../src/lib/core/index.ts';
import { decode } from '../../src/lib/share/url-codec.ts';
import { collectErrors, describeInChromium } from './chromium.ts';

const baseUrl = inject('baseUrl');
addServingModel(SERVING_MODEL);

async function setNumber(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.press('Enter');
}

/** The run's sentence once the worker has answered. */
async function runText(page: Page): Promise<string> {
  const told = page.getByTestId('benchmark-run');
  await expect.poll(() => told.getAttribute('aria-busy')).toBe('false');
  return (await told.textContent())!.trim();
}

/** What the core gives for the page's link, as its worker computes it. */
function expected(query: string): string {
  const { deployment } = decode(query).config;
  const told = benchmarkRunFor(presetSpec(findPreset('deepseek-v3')!), deployment);
  return told!.text;
}

describeInChromium('the benchmark run', (browser) => {
  it('simulates typed prompts sent at a rate, keeps them in the link, and reopens them', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}?m=deepseek-v3&g=h200&w=fp8&b=64&ctx=4096`);
    await page.locator('#serving-heading').scrollIntoViewIfNeeded();
    await setNumber(page, 'Prompt tokens per request', '1024');
    await setNumber(page, 'Answer tokens per request', '1024');
    await page.getByTestId('benchmark-run').waitFor();
    expect(await runText(page)).toMatch(/^A benchmark sends a set number of prompts/);
    await setNumber(page, 'Prompts in the run', '200');
    await setNumber(page, 'Requests a second', '4');
    await page.getByLabel('Answer lengths').selectOption('uniform');
    // InferenceX's --random-range-ratio 0.8: the shortest answer 819, the longest 1,229.
    await setNumber(page, 'Shortest answer', '819');
    await expect.poll(() => runText(page)).toMatch(/^A run of 200 prompts sent at 4 a second/);
    await expect.poll(() => page.url()).toContain('wmin=819');
    const query = new URL(page.url()).search.slice(1);
    expect(query).toMatch(/(^|&)wn=200(&|$)/);
    expect(query).toMatch(/(^|&)wr=4(&|$)/);
    expect(query).toMatch(/(^|&)ws=uniform(&|$)/);
    expect(await runText(page)).toBe(expected(query));
    expect(await runText(page)).toMatch(
      /answers of 819 to 1,229 tokens: .* mean time to first token/,
    );
    // The run's timeline is drawn: an area of requests in flight under the batch's dashed line.
    const chart = page.getByRole('figure', { name: /Requests in flight over the run/ });
    await chart.locator('path.area').waitFor();
    expect(await chart.locator('line.cap').count()).toBe(1);

    await page.reload();
    await page.locator('#serving-heading').scrollIntoViewIfNeeded();
    await page.getByTestId('benchmark-run').waitFor();
    expect(await page.getByLabel('Prompts in the run', { exact: true }).inputValue()).toBe('200');
    expect(await page.getByLabel('Shortest answer', { exact: true }).inputValue()).toBe('819');
    await expect.poll(() => runText(page)).toBe(expected(query));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('simulates a rate under speculative decoding, and names what stops a run: one too long to simulate', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const errors = collectErrors(page);
    const query = 'm=deepseek-v3&g=h200&w=fp8&b=64&ctx=8192&wi=1024&wo=512&wn=100&wr=2&sd=mtp';
    await page.goto(`${baseUrl}?${query}`);
    await page.locator('#serving-heading').scrollIntoViewIfNeeded();
    await page.getByTestId('benchmark-run').waitFor();
    await expect.poll(() => runText(page)).toMatch(/^A run of 100 prompts sent at 2 a second/);
    expect(await runText(page)).toBe(expected(query));
    // 10,000 answers of 4,000 tokens: past the 30,000,000 a run simulates step by step.
    await setNumber(page, 'Answer tokens per request', '4000');
    await setNumber(page, 'Prompts in the run', '10000');
    await expect
      .poll(() => runText(page))
      .toMatch(
        /^This run cannot be simulated\. request rate: expected a run simulated step by step: of at most 30,000,000 output tokens/,
      );
    expect(errors).toEqual([]);
    await page.close();
  });
});
