import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DECODE_BAND,
  KNOWN_PREFILL_MISSES,
  PREFILL_BAND,
  localCases,
  localResults,
  within,
  type LocalResult,
} from '../../../scripts/local-validation.ts';
import {
  readmeWithValidation,
  SERVING_DECODE_BAND,
  servingThroughputRatios,
} from '../../../scripts/validation.ts';
import { TRACK_RECORD_DATA, trackRecordSource } from '../../../scripts/track-record.ts';
import { PUBLISHED_RUNS_DATA, publishedRunsSource } from '../../../scripts/published-runs.ts';

/**
 * Published decode throughputs the serving model misses by more than x2, each with its reason.
 * Issue 13 stays open while this list is not empty.
 */
const KNOWN_DECODE_MISSES: Readonly<Record<string, string>> = {
  // Empty since 2026-12-05: vllm-gptoss-120b-2xa100-tp2-bs1 (2.67x) ran on piecewise CUDA graphs,
  // whose launches bound both its TP1 and TP2 steps (assumptions.ts PIECEWISE_LAUNCH_SECONDS).
};

describe('README VALIDATION section', () => {
  it('is what `npm run validation` writes from the core (run it after changing a number)', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(await readmeWithValidation(readme)).toBe(readme);
  });

  it('has the serving track record the page shows written from the same runs', async () => {
    const data = readFileSync(
      join(import.meta.dirname, '..', '..', '..', TRACK_RECORD_DATA),
      'utf8',
    );
    expect(await trackRecordSource()).toBe(data);
  });

  it('has the published runs the Serving panel lists written from the same runs', async () => {
    const data = readFileSync(
      join(import.meta.dirname, '..', '..', '..', PUBLISHED_RUNS_DATA),
      'utf8',
    );
    expect(await publishedRunsSource()).toBe(data);
  });
});

/** published, explorer, explorer / published, as the test prints them. */
function row(id: string, published: number | null, explorer: number): string {
  const ratio = published === null ? '' : (explorer / published).toFixed(2);
  const p = published === null ? '-' : published.toFixed(1);
  return `${id.padEnd(44)} ${p.padStart(8)} ${explorer.toFixed(1).padStart(8)} ${ratio.padStart(6)}`;
}

describe('serving fixtures: decode throughput against the published figures (issue 13)', () => {
  const ratios = servingThroughputRatios();
  const within = (r: { ratio: number }, band: number) => r.ratio <= band && r.ratio >= 1 / band;

  it(`at least ${SERVING_DECODE_BAND.mostShare * 100}% within x${SERVING_DECODE_BAND.most}`, () => {
    const outside = ratios.filter((r) => !within(r, SERVING_DECODE_BAND.most));
    expect(
      1 - outside.length / ratios.length,
      outside.map((r) => `${r.id} ${r.ratio.toFixed(2)}x`).join(', '),
    ).toBeGreaterThanOrEqual(SERVING_DECODE_BAND.mostShare);
  });

  it(`every one within x${SERVING_DECODE_BAND.all}, but for the named misses`, () => {
    const outside = ratios.filter(
      (r) => !within(r, SERVING_DECODE_BAND.all) && !Object.hasOwn(KNOWN_DECODE_MISSES, r.id),
    );
    expect(outside.map((r) => `${r.id} ${r.key} ${r.ratio.toFixed(2)}x`)).toEqual([]);
    // A named miss must still be a miss: a fixed one leaves the list.
    const missed = new Set(
      ratios.filter((r) => !within(r, SERVING_DECODE_BAND.all)).map((r) => r.id),
    );
    expect(Object.keys(KNOWN_DECODE_MISSES).filter((id) => !missed.has(id))).toEqual([]);
  });
});

describe('local-cases.json: the local model against published runs (issue 12)', () => {
  let results: LocalResult[];
  beforeAll(() => {
    results = localResults();
  });

  it('gives every case that validates decode or prefill a cli', () => {
    const raw = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../fixtures/local-cases.json'), 'utf8'),
    ) as { cases: { id: string; validate: { decode: boolean; prefill: boolean } }[] };
    const withCli = new Set(localCases().map((c) => c.id));
    const missing = raw.cases.filter(
      (c) => (c.validate.decode || c.validate.prefill) && !withCli.has(c.id),
    );
    expect(missing.map((c) => c.id)).toEqual([]);
    expect(results.filter((r) => r.decode.validated).length).toBeGreaterThanOrEqual(15);
  });

  it(`decode: all within x${DECODE_BAND.all}, and at least two thirds within x${DECODE_BAND.most}`, () => {
    const decode = results.filter((r) => r.decode.validated);
    console.log(
      ['decode tok/s (batch 1)                        published explorer  ratio']
        .concat(decode.map((r) => row(r.id, r.decode.published, r.decode.explorer)))
        .join('\n'),
    );
    const outside = (band: number) =>
      decode
        .filter((r) => !within(r.decode.explorer, r.decode.published, band))
        .map((r) => `${r.id} ${(r.decode.explorer / r.decode.published).toFixed(2)}x`);
    expect(outside(DECODE_BAND.all)).toEqual([]);
    const most = decode.length - outside(DECODE_BAND.most).length;
    expect(most / decode.length, outside(DECODE_BAND.most).join(', ')).toBeGreaterThanOrEqual(
      DECODE_BAND.mostShare,
    );
  });

  it(`prefill: within x${PREFILL_BAND} where the case validates it, but for the named misses`, () => {
    const prefill = results.filter((r) => r.prefill.validated && r.prefill.published !== null);
    console.log(
      ['prefill tok/s                                 published explorer  ratio']
        .concat(
          prefill.map(
            (r) =>
              `${row(r.id, r.prefill.published, r.prefill.explorer)}${Object.hasOwn(KNOWN_PREFILL_MISSES, r.id) ? '  (known miss)' : ''}`,
          ),
        )
        .join('\n'),
    );
    const unexplained = prefill.filter(
      (r) =>
        !within(r.prefill.explorer, r.prefill.published!, PREFILL_BAND) &&
        !Object.hasOwn(KNOWN_PREFILL_MISSES, r.id),
    );
    expect(unexplained.map((r) => r.id)).toEqual([]);
    // A named miss is a prefill-validated case, so the list cannot name what is not held.
    const ids = new Set(prefill.map((r) => r.id));
    expect(Object.keys(KNOWN_PREFILL_MISSES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('the Qwen3-Coder-Next pair keeps its order: fewer host layers decode faster (40.6 > 33.5 tok/s)', () => {
    const find = (id: string) => results.find((r) => r.id === id)!.decode.explorer;
    expect(find('llamacpp-4070-qwen3-coder-next-ncmoe40')).toBeGreaterThan(
      find('llamacpp-4070-qwen3-coder-next-allcpu'),
    );
  });
});
