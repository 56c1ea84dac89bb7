/**
 * countParams speed, in CPU time, so that a busy machine does not fail it (see cpu-time.ts):
 * countParams on the largest preset, a fixed reference workload and a no-op are measured
 * interleaved in the same rounds, and the test asserts on
 *   - the median CPU time of one call: a budget a slider move can afford many times over;
 *   - the median, over the rounds, of countParams' CPU time over the reference's in the same
 *     round: the regression guard, independent of how fast the machine runs at the moment.
 *
 * On the 2-core test machine, `npm run test:perf` alone: countParams 5.3 to 9.5 µs of CPU time,
 * reference 5.3 to 8.3 µs, ratio 0.91 to 1.26 (the CPU time moves with the machine's state, the
 * ratio much less); while a whole `npm test` runs beside it (load average 5 to 9): countParams
 * 6.0 to 9.5 µs, ratio 0.93 to 1.31. The allowed ratio, 2.2, is about twice the quiet one: a 3x
 * slowdown of countParams (ratio 2.7 or more) fails.
 */
import { describe, expect, it } from 'vitest';
import { countParams, parseHFConfig, presets } from '../../src/lib/core/index.ts';
import { measureCpu, referenceWorkload } from './cpu-time.ts';

const BUDGET_MICROS = 50;
const MAX_RATIO = 2.2;

describe('countParams speed', () => {
  const largest = presets
    .map((p) => ({ p, total: countParams(parseHFConfig(p.config)).total }))
    .sort((a, b) => b.total - a.total)[0]!.p;

  it(`counts the largest preset in a median under ${BUDGET_MICROS} µs of CPU time, and under ${MAX_RATIO} times a reference workload`, () => {
    const spec = parseHFConfig(largest.config);
    const t = measureCpu({
      count: () => countParams(spec),
      parseAndCount: () => countParams(parseHFConfig(largest.config)),
      reference: referenceWorkload,
    });
    const ratio = t.ratio('count', 'reference');
    console.log(
      `${largest.id}: countParams median ${t.cpu.count.toFixed(2)} µs CPU (${t.wall.count.toFixed(2)} µs wall); ` +
        `parseHFConfig + countParams ${t.cpu.parseAndCount.toFixed(2)} µs CPU; ` +
        `reference ${t.cpu.reference.toFixed(2)} µs CPU; countParams / reference ${ratio.toFixed(2)} (at most ${MAX_RATIO})`,
    );
    expect(t.cpu.count).toBeLessThan(BUDGET_MICROS);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });
});
