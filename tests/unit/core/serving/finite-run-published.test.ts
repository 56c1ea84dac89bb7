/**
 * The finite run against the "Concurrency" SGLang's bench_serving prints: the requests' summed
 * latencies over the run's duration (sglang python/sglang/bench_serving.py `calculate_metrics`).
 * Each case is a published SGLang cookbook run (random dataset without --random-range-ratio, a
 * fixed number of prompts at a concurrency cap) from tests/fixtures/issue13-pending-cases.json,
 * whose quote and notes give the printed figure; the explorer runs the case's own command line.
 * The cookbook's ShareGPT runs (1,000 prompts at 100) are held the same way with the exponential
 * spread their cases carry (finite-run.ts `OutputSpread`), and against a uniform one of the same
 * mean, which ends its runs too soon.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../../../src/cli/run.ts';
import { readJson } from '../../helpers/fixtures.ts';

/** Printed "Concurrency" by case id, as each case's quote or notes record it. */
const PRINTED: Record<string, number> = {
  // SGLang cookbook, DeepSeek-R1, Qwen3-235B-A22B, GLM-4.6 on 8 x B200 (SGLang 0.5.6).
  'ckbk-dsr1-fp8-8xb200-tp8-c16': 13.93,
  'ckbk-dsr1-fp8-8xb200-tp8-c100': 92.26,
  'ckbk-qwen3-235b-bf16-8xb200-tp8-c16': 13.61,
  'ckbk-qwen3-235b-bf16-8xb200-tp8-c100': 90.5,
  'ckbk-glm46-bf16-8xb200-tp8-c16': 13.71,
  'ckbk-glm46-bf16-8xb200-tp8-c100': 90.91,
  // SGLang cookbook, Llama 4 Maverick and Qwen3-Coder-480B on 8 x MI300X (SGLang 0.5.7).
  'ckbk-maverick-bf16-8xmi300x-tp8-c16': 13.92,
  'ckbk-maverick-bf16-8xmi300x-tp8-c100': 93.04,
  'ckbk-qwen3-coder-480b-fp8-8xmi300x-tp8ep2-c16': 13.76,
  'ckbk-qwen3-coder-480b-fp8-8xmi300x-tp8ep2-c64': 58.88,
  // SGLang cookbook, Llama 4 Scout and DeepSeek-V3.1 on 8 x MI300X (SGLang 0.5.7).
  'b23-sglcookbook-scout-mi300x-tp8-rand1k-c16-thr': 14.76,
  'b23-sglcookbook-scout-mi300x-tp8-rand1k-c100-thr': 92.24,
  'b27-sglcookbook-dsv31-mi300x8-tp8-r500o505-c100': 91.02,
  'b27-sglcookbook-dsv31-mi300x8-tp8-r497o4066-c64': 56.17,
  'b27-sglcookbook-dsv31-mi300x8-tp8-r3750o521-c16': 14.52,
  'b27-sglcookbook-dsv31-mi300x8-tp8-r3981o531-c64': 59.81,
  // Collected blind (session 28): the same cookbook's 1k/8k, 8k/1k and 1k/1k runs at 16 and 64.
  'b28-sglcookbook-dsr1-fp8-8xb200-tp8-r1000o8000-c16': 14.07,
  'b28-sglcookbook-dsr1-fp8-8xb200-tp8-r1000o8000-c64': 57.03,
  'b28-sglcookbook-dsr1-fp8-8xb200-tp8-r8000o1000-c16': 14.25,
  'b28-sglcookbook-dsr1-fp8-8xb200-tp8-r8000o1000-c64': 59.45,
  'b28-sglcookbook-qwen3-235b-bf16-8xb200-tp8-r1000o8000-c16': 13.85,
  'b28-sglcookbook-qwen3-235b-bf16-8xb200-tp8-r1000o8000-c64': 56.35,
  'b28-sglcookbook-qwen3-235b-bf16-8xb200-tp8-r8000o1000-c16': 13.9,
  'b28-sglcookbook-qwen3-235b-bf16-8xb200-tp8-r8000o1000-c64': 58.63,
  'b28-sglcookbook-kimilinear-mi300x4-tp4-r1000o1000-c16': 14.13,
  'b28-sglcookbook-ernie45-21b-mi300x-tp1-r1000o1000-c16': 14.14,
  'b28-sglcookbook-ernie45-21b-mi300x-tp1-r1000o8000-c16': 14.35,
  'b28-sglcookbook-ernie45-21b-mi300x-tp1-r1000o8000-c64': 57.08,
  'b28-sglcookbook-ernie45-21b-mi300x-tp1-r8000o1000-c64': 58.79,
};

interface Case {
  id: string;
  model: string;
  cli: string[];
  quote: string;
  notes: string;
}

describe('a run’s concurrency against what bench_serving prints', () => {
  const { cases } = readJson('issue13-pending-cases.json') as { cases: Case[] };
  const printed = cases.filter((c) => Object.hasOwn(PRINTED, c.id));

  it('holds every case listed', () => {
    expect(printed.map((c) => c.id).sort()).toEqual(Object.keys(PRINTED).sort());
  });

  for (const c of printed)
    it(`${c.id}: ${PRINTED[c.id]} printed, within 5%, where the steady state’s full batch is not`, () => {
      const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout);
      const want = PRINTED[c.id]!;
      expect(`${c.quote} ${c.notes}`).toContain(String(want));
      const concurrency: number = out.workload.finiteRun.meanConcurrency;
      expect(Math.abs(concurrency / want - 1)).toBeLessThan(0.05);
      // Every slot busy to the end (--batch) is 7 to 18% above what was printed.
      const batch = Number(c.cli[c.cli.indexOf('--batch') + 1]);
      expect(batch / want).toBeGreaterThan(1.06);
    });
});

/** Printed "Concurrency" of the cookbook's ShareGPT runs, 1,000 prompts at 100, by case id. */
const SHAREGPT: Record<string, number> = {
  'ckbk-dsv31-fp8-8xmi300x-dpattn-ep8-c100': 80.69,
  'b26-sglcookbook-dsv3-mi300x8-tp1dp8ep8-sharegpt-c100': 87.53,
  'b23-sglcookbook-dsv32exp-b200-tp8ep8dp8-sharegpt-c100-otps': 88.05,
  'b23-sglcookbook-kimik2-b200-tp8ep4dp4-sharegpt-c100-otps': 89.6,
  'ckbk-gptoss-120b-8xb200-tp8-c100': 89.23,
  'ckbk-qwen3-next-bf16-8xb200-tp8-c100': 93.05,
  // Collected blind with their runs (session 31, ids b31-), after the spread was built.
  'b31-sglcookbook-dsmathv2-b200x8-tp8ep8-sharegpt-c100': 89.81,
  'b31-sglcookbook-qwen3codernext-b200x2-tp2-sharegpt-c100': 95.07,
};

describe('a ShareGPT run’s concurrency against what bench_serving prints', () => {
  const { cases } = readJson('issue13-pending-cases.json') as { cases: Case[] };
  const shareGpt = cases.filter((c) => Object.hasOwn(SHAREGPT, c.id));
  const concurrency = (c: Case, spread: string[]) => {
    const argv = [...c.cli.slice(0, c.cli.indexOf('--output-spread')), ...spread, '--json'];
    return JSON.parse(run(['serve', c.model, ...argv]).stdout).workload.finiteRun
      .meanConcurrency as number;
  };
  const errors = shareGpt.map((c) => ({
    exponential: Math.abs(
      concurrency(c, ['--output-spread', 'exponential', '--output-min', '2']) / SHAREGPT[c.id]! - 1,
    ),
    uniform: Math.abs(concurrency(c, ['--output-min', '2']) / SHAREGPT[c.id]! - 1),
  }));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('holds every case listed, each with its printed figure and the exponential spread', () => {
    expect(shareGpt.map((c) => c.id).sort()).toEqual(Object.keys(SHAREGPT).sort());
    for (const c of shareGpt) {
      expect(`${c.quote} ${c.notes}`).toContain(`Concurrency: ${SHAREGPT[c.id]!.toFixed(2)}`);
      expect(c.cli.slice(-6)).toEqual([
        '--prompts',
        '1000',
        '--output-spread',
        'exponential',
        '--output-min',
        '2',
      ]);
    }
  });

  // 2026-12-06 (session 31): 1.3 to 6.3% off, 3.3% on average (the six the rule did not see:
  // 1.3 to 5.8%, 3.0%; the two collected blind after it: 1.7 and 6.3%); uniform answers 0.9 to
  // 16.7%, 7.1% on average.
  it('gives each within 7%, and closer on average than answers uniform over the same mean', () => {
    for (const e of errors) expect(e.exponential).toBeLessThan(0.07);
    const exponential = mean(errors.map((e) => e.exponential));
    expect(exponential).toBeLessThan(0.035);
    expect(mean(errors.map((e) => e.uniform))).toBeGreaterThan(2 * exponential);
  });
});
