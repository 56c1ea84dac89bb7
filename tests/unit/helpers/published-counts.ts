/**
 * The published parameter counts of the fixture configs, as test cases: each family's test
 * file runs them for the configs its parser reads (fixtureIdsOfType), so every fixture is
 * counted once, next to the parser it exercises.
 */
import { expect, it } from 'vitest';
import { countParams, parseHFConfig } from '../../../src/lib/core/index.ts';
import { expectedParams, fixtureSpec, moreExpectedParams, moreModelConfig } from './fixtures.ts';

/** Significant digits of a rounded headline figure: 1.3e9 -> 2, 132e9 -> 3. */
function significantDigits(headline: number): number {
  return String(headline).replace(/0+$/, '').replace('.', '').replace(/^0+/, '').length;
}

/** countParams of configs in tests/fixtures/models against tests/fixtures/expected-params.json. */
export function itMatchesExpectedParams(ids: readonly string[]): void {
  for (const id of ids) {
    const expected = expectedParams[id]!;
    // Source of each figure: the `published` field of expected-params.json.
    it(`countParams(${id}) matches the published total and active to the parameter`, () => {
      const count = countParams(fixtureSpec(id));
      expect(count.total).toBe(expected.total);
      expect(count.active).toBe(expected.active);
      if (expected.textTotal !== undefined) expect(count.textTotal).toBe(expected.textTotal);
      if (expected.mtp !== undefined) expect(count.mtp).toBe(expected.mtp);
      if (expected.activeExcludingEmbedding !== undefined) {
        expect(count.activeExcludingEmbedding).toBe(expected.activeExcludingEmbedding);
      }
    });
  }
}

/** countParams of configs in tests/fixtures/more-models against more-expected-params.json. */
export function itMatchesMoreExpectedParams(ids: readonly string[]): void {
  for (const id of ids) {
    const expected = moreExpectedParams[id]!;
    const count = () => countParams(parseHFConfig(moreModelConfig(id)));
    if (expected.total !== null) {
      // Source: the entry's `published` field (safetensors totals, papers, HF API figures).
      it(`countParams(${id}) is the published exact total ${expected.total}`, () => {
        expect(count().total).toBe(expected.total);
        if (expected.active !== null) expect(count().active).toBe(expected.active);
      });
    } else {
      it(`countParams(${id}) rounds to the published headline ${expected.headlineTotal}`, () => {
        const headline = expected.headlineTotal!;
        expect(count().total.toPrecision(significantDigits(headline))).toBe(
          headline.toPrecision(significantDigits(headline)),
        );
      });
    }
  }
}
