import { describe, expect, it } from 'vitest';
import {
  EXACT_SIMULATION_LIMIT,
  mulberry32,
  parseHFConfig,
  routeToken,
  simulateBatchLoad,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig, fixtureSpec } from '../../helpers/fixtures.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

describe('mulberry32', () => {
  it('mulberry32 of different seeds gives different sequences', () => {
    const a = mulberry32(1);
    const b = mulberry32(2);
    const first = Array.from({ length: 8 }, () => [a(), b()]);
    expect(first.some(([x, y]) => x !== y)).toBe(true);
  });

  it('mulberry32 draws average 1/2 over 100,000 draws (within 0.01)', () => {
    const random = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += random();
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
  });
});

describe('routeToken', () => {
  it('routeToken of a dense model lights no expert in any of its 32 layers (Llama 3.1 8B)', () => {
    expect(routeToken(fixtureSpec('llama3.1-8b'), 1).layers).toEqual(Array(32).fill(null));
  });

  it('routeToken(Maverick) routes only the odd (MoE) layers, to one of 128 experts each', () => {
    const { layers } = routeToken(fixtureSpec('llama4-maverick'), 5);
    expect(layers).toHaveLength(48);
    layers.forEach((lit, i) => {
      expect(lit === null, `layer ${i}`).toBe(i % 2 === 0);
    });
    for (const lit of layers.filter((l) => l !== null)) {
      expect(lit).toHaveLength(1);
      expect(lit![0]).toBeGreaterThanOrEqual(0);
      expect(lit![0]).toBeLessThan(128);
    }
  });

  it("routeToken lists each layer's experts in ascending order", () => {
    for (const lit of routeToken(fixtureSpec('deepseek-v3'), 9).layers.slice(3))
      expect(lit).toEqual([...lit!].sort((a, b) => a - b));
  });
});

describe('simulateBatchLoad', () => {
  it('simulateBatchLoad(4 experts, top-8, 10 tokens) clamps k to 4: every expert gets all 10 tokens', () => {
    // assignments 10 x 4; capacity max(4, floor(1 x 40 / 4)) = 10: nothing dropped
    const load = simulateBatchLoad(4, 8, 10, 0, 1, 1);
    expect([...load.loads]).toEqual([10, 10, 10, 10]);
    expect(load).toMatchObject({ assignments: 40, distinctExperts: 4, capacity: 10, dropped: 0 });
  });

  it('simulateBatchLoad of one token, top-2 of 16, lights 2 experts, under the minimum capacity of 4', () => {
    const load = simulateBatchLoad(16, 2, 1, 0, 1.25, 3);
    expect(load.distinctExperts).toBe(2);
    expect(load.capacity).toBe(4);
    expect(load.dropped).toBe(0);
  });

  it('simulateBatchLoad above EXACT_SIMULATION_LIMIT keeps each load within 6 sd of its binomial mean', () => {
    // 8 experts, top-2, 100,000 tokens: 200,000 assignments > 4096; each expert Binomial(100,000, 1/4):
    // mean 25,000, sd sqrt(100,000 x 1/4 x 3/4) = 136.9
    expect(EXACT_SIMULATION_LIMIT).toBe(4096);
    const load = simulateBatchLoad(8, 2, 100_000, 0, 1.25, 11);
    for (const l of load.loads) expect(Math.abs(l - 25_000)).toBeLessThan(6 * 136.9);
    expect(load.capacity).toBe(31_250); // floor(1.25 x 200,000 / 8)
    expect(load.dropped).toBe(0);
  });

  it('simulateBatchLoad is the same for the same seed and differs for another seed', () => {
    const a = simulateBatchLoad(64, 4, 500, 0.5, 1.25, 1);
    expect(simulateBatchLoad(64, 4, 500, 0.5, 1.25, 1)).toEqual(a);
    expect([...simulateBatchLoad(64, 4, 500, 0.5, 1.25, 2).loads]).not.toEqual([...a.loads]);
  });
});

describe('expert activation', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('routeToken lights top-k distinct experts in every MoE layer and nothing in dense layers', () => {
    const spec = parseHFConfig(fixtureConfig('deepseek-v3'));
    const route = routeToken(spec, 3);
    expect(route.layers).toHaveLength(61);
    expect(route.layers.slice(0, 3)).toEqual([null, null, null]); // first_k_dense_replace = 3
    for (const lit of route.layers.slice(3)) {
      expect(new Set(lit).size).toBe(8);
      for (const e of lit!) expect(e).toBeLessThan(256);
    }
    expect(routeToken(spec, 3)).toEqual(route);
    expect(routeToken(spec, 4)).not.toEqual(route);
  });

  it('simulateBatchLoad hands out tokens x k assignments and drops what is over capacity', () => {
    const load = simulateBatchLoad(16, 2, 500, 0, 1.0, 1);
    expect(load.assignments).toBe(1000);
    expect(load.loads.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(load.capacity).toBe(62); // max(4, floor(1.0 x 1000 / 16))
    let over = 0;
    for (const l of load.loads) over += Math.max(0, l - load.capacity);
    expect(load.dropped).toBe(over);
  });

  it('skew concentrates load on the first experts', () => {
    const load = simulateBatchLoad(64, 4, 2000, 1.5, 1.25, 1);
    expect(load.loads[0]!).toBeGreaterThan(load.loads[63]! * 5);
  });

  // Its speed is checked in tests/perf/activation.perf.test.ts, in CPU time.
  it('large batches use the normal approximation: all 384 experts loaded, loads summing to within 1% of tokens x k, the same every time', () => {
    const load = simulateBatchLoad(384, 8, 100_000, 0, 1.25, 1);
    expect(load.assignments).toBe(800_000);
    expect(load.assignments).toBeGreaterThan(EXACT_SIMULATION_LIMIT);
    expect(load.distinctExperts).toBe(384);
    // Each expert's load is drawn on its own around 800,000 / 384 = 2083 (sd about 45), so the
    // sum is no longer exactly tokens x k: within 1% of it.
    const sum = load.loads.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 800_000)).toBeLessThan(8_000);
    expect(simulateBatchLoad(384, 8, 100_000, 0, 1.25, 1)).toEqual(load);
  });
});

describe('drawing experts without replacement', () => {
  it('routeToken with top-k of all experts lights every expert once, even under strong skew', () => {
    const spec = fixtureSpec('mixtral-8x7b');
    const all = { ...spec, moe: { ...spec.moe!, topK: 8 } };
    for (const lit of routeToken(all, 3, 4).layers) expect(lit).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('the first expert a token draws follows the popularity: with skew 1 over 4 experts, 12/25 pick expert 0', () => {
    // Zipf(1) over 4 experts: 1, 1/2, 1/3, 1/4, normalised: 12/25, 6/25, 4/25, 3/25.
    const spec = { ...fixtureSpec('mixtral-8x7b'), layers: 1 };
    const four = { ...spec, moe: { ...spec.moe!, experts: 4, topK: 1 } };
    let zero = 0;
    for (let seed = 0; seed < 20_000; seed++)
      if (routeToken(four, seed, 1).layers[0]![0] === 0) zero++;
    expect(zero / 20_000).toBeCloseTo(12 / 25, 1);
  });

  it('finding 2: simulateBatchLoad of 4,096 assignments over 65,536 experts under skew 4 is fast', () => {
    const start = cpuNow();
    const load = simulateBatchLoad(65_536, 64, 64, 4, 1.25, 1);
    expect(load.assignments).toBe(4096);
    expect(load.loads.reduce((a, b) => a + b, 0)).toBe(4096);
    expect(cpuNow() - start).toBeLessThan(1000);
  });
});
