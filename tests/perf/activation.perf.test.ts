/**
 * The load simulation of the Expert activation panel stays cheap for large batches: above
 * EXACT_SIMULATION_LIMIT token-expert assignments, simulateBatchLoad draws each expert's load
 * from a normal approximation instead of routing token by token, so its cost follows the number
 * of experts, not of tokens. Measured in CPU time, interleaved with a fixed reference workload
 * and a no-op (see cpu-time.ts), so that a busy machine does not fail it:
 *   - 100,000 tokens must cost under twice what 1,000 tokens cost (both approximated; routed
 *     token by token, 800,000 assignments would cost thousands of times more);
 *   - 100,000 tokens must cost under 10 times the reference workload.
 *
 * On the 2-core test machine, `npm run test:perf` alone: 24 to 39 µs of CPU time for either
 * size, ratio 100,000 / 1,000 tokens 1.00 to 1.02, ratio to the reference 4.1 to 5.0; while a
 * whole `npm test` runs beside it: the same (ratios 1.00 to 1.02 and 4.0 to 5.1). The
 * reference limit, 10, is about twice the quiet ratio: a 3x slowdown (12 or more) fails.
 */
import { describe, expect, it } from 'vitest';
import { EXACT_SIMULATION_LIMIT, simulateBatchLoad } from '../../src/lib/core/index.ts';
import { measureCpu, referenceWorkload } from './cpu-time.ts';

const MAX_SCALING = 2;
const MAX_RATIO = 10;

describe('simulateBatchLoad speed', () => {
  it(`384 experts, top-8: 100,000 tokens cost under ${MAX_SCALING} times 1,000 tokens and under ${MAX_RATIO} times a reference workload, in CPU time`, () => {
    expect(1_000 * 8).toBeGreaterThan(EXACT_SIMULATION_LIMIT); // both sizes are approximated
    const t = measureCpu(
      {
        large: () => simulateBatchLoad(384, 8, 100_000, 0, 1.25, 1),
        small: () => simulateBatchLoad(384, 8, 1_000, 0, 1.25, 1),
        reference: referenceWorkload,
      },
      { rounds: 100, batch: 20, warmup: 100 },
    );
    const scaling = t.ratio('large', 'small');
    const ratio = t.ratio('large', 'reference');
    console.log(
      `simulateBatchLoad(384 experts, top-8): 100,000 tokens ${t.cpu.large.toFixed(1)} µs CPU (${t.wall.large.toFixed(1)} µs wall), ` +
        `1,000 tokens ${t.cpu.small.toFixed(1)} µs CPU; ratio ${scaling.toFixed(2)} (at most ${MAX_SCALING}); ` +
        `reference ${t.cpu.reference.toFixed(2)} µs, ratio ${ratio.toFixed(2)} (at most ${MAX_RATIO})`,
    );
    expect(scaling).toBeLessThan(MAX_SCALING);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });
});
