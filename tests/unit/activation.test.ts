import { describe, expect, it } from 'vitest';
import {
  mulberry32,
  parseHFConfig,
  routeToken,
  simulateBatchLoad,
} from '../../src/lib/core/index.ts';
import { fixtureConfig } from './fixtures.ts';

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

  it('large batches use the normal approximation and stay cheap', () => {
    const start = performance.now();
    const load = simulateBatchLoad(384, 8, 100_000, 0, 1.25, 1);
    expect(performance.now() - start).toBeLessThan(20);
    expect(load.distinctExperts).toBe(384);
  });
});
