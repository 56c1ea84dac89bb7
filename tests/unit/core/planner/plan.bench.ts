import { bench, describe } from 'vitest';
import {
  countParams,
  findPreset,
  loadAll,
  planDeployments,
  presetSpec,
  type PlanOptions,
  type PlanWorkload,
} from '../../../../src/lib/core/index.ts';

// npm run bench: one whole plan (search, frontier, cheapest) over the default devices (H100,
// H200, B200, MI300X) up to 16 GPUs a replica. Issue 15's target: 10,000 candidate deployments
// scored in under 100 ms; each bench's name carries its count of candidates, so that
// ms per 10,000 = mean x 10,000 / candidates.
await loadAll();
const workload: PlanWorkload = {
  inputTokens: 1024,
  outputTokens: 1024,
  users: 256,
  targets: { tokensPerSecondPerUser: 30, ttftSeconds: 2 },
};

for (const id of ['deepseek-v3', 'llama4-maverick', 'llama4-scout']) {
  const spec = presetSpec(findPreset(id)!);
  const count = countParams(spec);
  describe(`planDeployments: ${id}`, () => {
    for (const [name, options] of [
      ['one pool', { disaggregated: false }],
      ['with separate prefill pools', {}],
    ] as [string, PlanOptions][]) {
      const { searched } = planDeployments(spec, workload, options, count);
      bench(`${name}: ${searched.toLocaleString('en-US')} candidates`, () => {
        planDeployments(spec, workload, options, count);
      });
    }
  });
}
