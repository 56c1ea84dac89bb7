/**
 * The panels mount as a reader reaches them (issue 9: start-up does only the first screen's
 * work), and all at once wherever a reader may look past the screen: focus entering the charts,
 * find in page, printing, a link's #fragment. Until then each holds its place with its heading.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectErrors, describeInChromium, firstScreenSettled } from './chromium.ts';

const baseUrl = inject('baseUrl');

/** Each panel in order: M mounted, P pending (its heading only). */
const states = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#charts > .panel')]
      .map((p) => (p.classList.contains('pending') ? 'P' : 'M'))
      .join(''),
  );
const allMounted = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelectorAll('#charts > .panel').length === 7 &&
      !document.querySelector('#charts > .panel.pending, #charts .loading'),
  );

describeInChromium('panels mounted as they are reached, in Chromium', (browser) => {
  it('at 375 px the first screen mounts no panel; each keeps its heading; scrolling to one mounts it', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    const errors = collectErrors(page);
    await page.goto(baseUrl);
    await firstScreenSettled(page);
    expect(await states(page)).toBe('PPPPPPP');
    const headings = await page.locator('#charts h2').allTextContents();
    expect(headings).toEqual([
      'Parameter breakdown',
      'Architecture',
      'Expert activation',
      'Serving',
      'Compare',
      'Training',
      'Plan',
    ]);
    await page.locator('#serving-heading').scrollIntoViewIfNeeded();
    await expect.poll(() => states(page)).toMatch(/^...M/);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [how, act] of [
    ['focus entering the charts (the skip link)', (page: Page) => page.locator('#charts').focus()],
    ['Ctrl+F (find in page)', (page: Page) => page.keyboard.press('Control+f')],
    ['printing', (page: Page) => page.evaluate(() => void dispatchEvent(new Event('beforeprint')))],
  ] as const)
    it(`${how} mounts every panel`, async () => {
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(baseUrl);
      await firstScreenSettled(page);
      expect(await states(page)).toMatch(/P$/);
      await act(page);
      await allMounted(page);
      expect(await page.getByRole('heading', { name: 'Plan', exact: true }).count()).toBe(1);
      await page.close();
    });

  it('a link to a panel heading opens with that panel on screen and focused', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}#training-heading`);
    await allMounted(page);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('training-heading');
    const box = await page.locator('#training-heading').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    await page.close();
  });
});
