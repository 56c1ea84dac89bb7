/**
 * The finite run against the "Concurrency" SGLang's bench_serving prints: the requests' summed
 * latencies over the run's duration (sglang python/sglang/bench_serving.py `calculate_metrics`).
 * Each case is a published SGLang cookbook run (random dataset without --random-range-ratio, a
 * fixed number of prompts at a concurrency cap) from tests/fixtures/issue13-pending-cases.json,
 * whose quote and notes give the printed figure; the explorer runs the case's own command line.
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
