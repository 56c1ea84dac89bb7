/**
 * Published serving measurements (tests/fixtures/serving-cases.json, more-serving-cases.json),
 * each checked end to end through `serve --json`: the result of estimateServing
 * (core/serving/estimate.ts) for a model read by the CLI, on a catalog device.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.ts';
import { KV_CACHE_CAP } from '../../../src/lib/core/index.ts';
import { readJson } from '../helpers/fixtures.ts';

interface ServingCase {
  id: string;
  model: string;
  cli: string[];
  expect: Record<string, unknown>;
  source: string;
}

/** `[target, band]`: within +-band (a fraction) when band < 1, within a factor of band when >= 1. */
function expectApprox(value: number, [target, band]: [number, number], source: string) {
  if (band < 1) expect(Math.abs(value / target - 1), source).toBeLessThanOrEqual(band);
  else {
    expect(value, source).toBeGreaterThanOrEqual(target / band);
    expect(value, source).toBeLessThanOrEqual(target * band);
  }
}

function checkCase(c: ServingCase) {
  const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout);
  for (const [key, want] of Object.entries(c.expect)) {
    const band = want as [number, number];
    switch (key) {
      case 'kvBytesPerToken':
      case 'weightsBytes':
      case 'fits':
        expect(out[key], c.source).toBe(want);
        break;
      case 'kvBytesApprox':
        expectApprox(out.kvBytes, band, c.source);
        break;
      case 'weightsBytesApprox':
        expectApprox(out.weightsBytes, band, c.source);
        break;
      case 'decodeTokensPerSecondApprox':
        expectApprox(out.decode.tokensPerSecond, band, c.source);
        break;
      case 'decodeTokensPerSecondPerUserApprox':
        expectApprox(out.decode.tokensPerSecondPerUser, band, c.source);
        break;
      case 'outputTokensPerSecondApprox':
        // A case's benchmark run of --prompts where it gives one (finite-run.ts).
        expectApprox(
          (out.workload.finiteRun ?? out.workload).outputTokensPerSecond,
          band,
          c.source,
        );
        break;
      case 'outputTokensPerSecondPerUserApprox':
        expectApprox(out.workload!.outputTokensPerSecondPerUser, band, c.source);
        break;
      case 'tpotTokensPerSecondPerUserApprox':
        expectApprox(
          1 / (out.workload.finiteRun ?? out.workload).timePerOutputTokenSeconds,
          band,
          c.source,
        );
        break;
      case 'prefillTokensPerSecondApprox':
        expectApprox(out.prefill.tokensPerSecond, band, c.source);
        break;
      case 'ttftSecondsApprox':
        expectApprox(out.workload!.timeToFirstTokenSeconds, band, c.source);
        break;
      case 'maxContextTokensAtLeast':
        expect(out.maxContextTokens, c.source).toBeGreaterThanOrEqual(want as number);
        break;
      default:
        throw new Error(`unknown expectation ${key} in ${c.id}`);
    }
  }
}

describe('published serving facts (tests/fixtures/serving-cases.json)', () => {
  const { cases } = readJson('serving-cases.json') as { cases: ServingCase[] };
  for (const c of cases) it(`${c.id}: ${JSON.stringify(c.expect)}`, () => checkCase(c));
});

describe('more published serving facts (tests/fixtures/more-serving-cases.json, quotes and sources inside)', () => {
  const { cases } = readJson('more-serving-cases.json') as { cases: ServingCase[] };
  for (const c of cases) it(`${c.id}: ${JSON.stringify(c.expect)}`, () => checkCase(c));
});

describe('pending serving cases (tests/fixtures/issue13-pending-cases.json) still run as written', () => {
  const { cases } = readJson('issue13-pending-cases.json') as { cases: ServingCase[] };
  for (const c of cases)
    it(`${c.id}: fits, or its run holds what the KV cache does, with the throughput it publishes`, () => {
      const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout);
      // A flood of more requests than the cache holds runs those it does (workload.ts benchmarkRun).
      const queued = out.workload?.running.capBy?.startsWith(KV_CACHE_CAP) ?? false;
      expect(out.fits || queued, c.source).toBe(true);
      // A run keyed by a decode step alone (llama-bench's tg128) gives no prompt and answer.
      const stepOnly = Object.keys(c.expect).every((k) => k.startsWith('decodeTokensPerSecond'));
      if (stepOnly) expect(out.decode.tokensPerSecond, c.source).toBeGreaterThan(0);
      else expect(out.workload.outputTokensPerSecond, c.source).toBeGreaterThan(0);
    });
});
