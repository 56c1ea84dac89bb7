/**
 * The deployment planner scores 10,000 candidate deployments in under 100 ms (issue 15), in CPU
 * time so that a busy machine does not fail it (cpu-time.ts), on the default search: the four
 * default devices, up to 16 GPUs a replica, separate prefill pools included. Each plan is measured
 * interleaved with a fixed reference workload, and the test asserts on
 *   - the median CPU time per 10,000 candidates: issue 15's budget, 100 ms;
 *   - the median ratio of a plan's CPU time to the reference's in the same round: the regression
 *     guard, independent of how fast the machine runs at the moment.
 *
 * On the 2-core test machine, with a fresh-clone CI and a browser test run beside it (load
 * average 10 to 12): DeepSeek-V3, 22,025 candidates in 78 to 120 ms of CPU time, 35 to 54 ms per
 * 10,000, ratio 2.25 to the reference; Llama 4 Scout, 115,069 candidates in 109 to 117 ms, 9.5 to
 * 10 ms per 10,000, ratio 4.2. The allowed ratio, 9, is about twice the worst seen. Before the
 * decode step stopped spreading its breakdown into a new object (serving/step.ts stepFields),
 * Scout's plan took 160 to 200 ms of CPU time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  countParams,
  findPreset,
  loadAll,
  planDeployments,
  presetSpec,
  type PlanWorkload,
} from '../../src/lib/core/index.ts';
import { measureCpu, referenceWorkload } from './cpu-time.ts';

const BUDGET_MS_PER_10K = 100;
const MAX_RATIO = 9;

/** The reference workload 2,000 times over (10 to 16 ms): a plan's size, so one call each a round measures both well. */
function reference(): number {
  let sum = 0;
  for (let i = 0; i < 2000; i++) sum += referenceWorkload();
  return sum;
}

beforeAll(loadAll);

const workload: PlanWorkload = {
  inputTokens: 1024,
  outputTokens: 1024,
  users: 256,
  targets: { tokensPerSecondPerUser: 30, ttftSeconds: 2 },
};

describe('planDeployments speed', () => {
  it.each(['deepseek-v3', 'llama4-scout'])(
    `%s: scores 10,000 candidates in under ${BUDGET_MS_PER_10K} ms of CPU time`,
    (id) => {
      const spec = presetSpec(findPreset(id)!);
      const count = countParams(spec);
      const searched = planDeployments(spec, workload, {}, count).searched;
      const t = measureCpu(
        { plan: () => planDeployments(spec, workload, {}, count), reference },
        { rounds: 7, batch: 1, warmup: 2 },
      );
      const perTenThousandMs = ((t.cpu.plan / searched) * 10_000) / 1000;
      const ratio = t.ratio('plan', 'reference');
      console.log(
        `${id}: ${searched} candidates in ${(t.cpu.plan / 1000).toFixed(1)} ms CPU (${(t.wall.plan / 1000).toFixed(1)} ms wall): ` +
          `${perTenThousandMs.toFixed(1)} ms per 10,000 (at most ${BUDGET_MS_PER_10K}); ` +
          `reference ${(t.cpu.reference / 1000).toFixed(1)} ms, ratio ${ratio.toFixed(2)} (at most ${MAX_RATIO})`,
      );
      expect(searched).toBeGreaterThan(10_000);
      expect(perTenThousandMs).toBeLessThan(BUDGET_MS_PER_10K);
      expect(ratio).toBeLessThan(MAX_RATIO);
    },
  );
});
