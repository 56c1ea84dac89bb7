import { describe, expect, it } from 'vitest';
import {
  batchLoadFacts,
  LOAD_SEED,
  MAX_SIMULATED_TOKENS,
  routeToken,
  tokenRouteView,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

describe('tokenRouteView', () => {
  it('tokenRouteView of a dense model is null', () => {
    expect(tokenRouteView(fixtureSpec('llama3.1-8b'), 0, 0)).toBeNull();
  });

  it("tokenRouteView(Scout, token 3) is the token's route over 16 experts, top-1, 1 shared", () => {
    const scout = fixtureSpec('llama4-scout');
    expect(tokenRouteView(scout, 3, 0.5)).toEqual({
      route: routeToken(scout, 3, 0.5).layers,
      experts: 16,
      topK: 1,
      sharedCount: 1,
      token: 3,
    });
  });
});

describe('batchLoadFacts', () => {
  it('batchLoadFacts of one token, top-1 of 16: no drops at the minimum capacity of 4', () => {
    // mean 1/16 = 0.06 per expert; capacity max(4, floor(1.25 x 0.0625)) = 4; expected busiest 1,
    // 16 x the mean (load-imbalance.ts)
    const f = batchLoadFacts({ experts: 16, topK: 1, batch: 1, skew: 0, capacityFactor: 1.25 });
    expect(f.tokens).toBe(1);
    expect(f.distinct).toBe('1');
    expect(f.formula).toBe('E = 16, k = 1, B = 1');
    expect(f.chart).toBe(
      '1 token × top-1 over 16 experts; bars above the dashed capacity line drop tokens.',
    );
    expect(f.facts).toEqual([
      'Dropped: 0 of 1 token-expert assignment (0.0%) at capacity max(4, ⌊1.25 × 0.06⌋) = 4 per expert.',
      'Busiest expert: 1 token vs a mean of 0.06 (16.00×); expected busiest 1.',
      'Capacity factor for no drops: 16.00 (expected); at 1.25, 0.0% of assignments are expected to drop.',
    ]);
  });

  it('batchLoadFacts above 8192 tokens simulates 8192 and says so; the distinct experts are for the whole batch', () => {
    expect(MAX_SIMULATED_TOKENS).toBe(8192);
    const f = batchLoadFacts({
      experts: 16,
      topK: 1,
      batch: 10_000,
      skew: 0,
      capacityFactor: 1.25,
    });
    expect(f.tokens).toBe(8192);
    expect(f.load.assignments).toBe(8192);
    expect(f.chart).toMatch(/ Simulated for 8,192 tokens \(capped for speed\)\.$/);
    expect(f.distinct).toBe('16'); // 16 x (1 - (15/16)^10000)
    expect(f.formula).toBe('E = 16, k = 1, B = 10,000');
  });

  it('batchLoadFacts uses the fixed seed LOAD_SEED: the same inputs give the same chart', () => {
    expect(LOAD_SEED).toBe(1);
    const inputs = { experts: 64, topK: 4, batch: 300, skew: 1, capacityFactor: 1.25 };
    expect(batchLoadFacts(inputs)).toEqual(batchLoadFacts(inputs));
  });
});

describe('batchLoadFacts at scale', () => {
  it('finding 6: batchLoadFacts of 130,000 experts does not overflow the stack (no Math.max(...loads))', () => {
    const start = cpuNow();
    const facts = batchLoadFacts({
      experts: 130_000,
      topK: 8,
      batch: 8192,
      skew: 0.5,
      capacityFactor: 1.25,
    });
    expect(facts.load.loads).toHaveLength(130_000);
    expect(facts.facts[1]).toMatch(/^Busiest expert: /);
    expect(cpuNow() - start).toBeLessThan(5000);
  });

  it('finding 2: tokenRouteView of 4,096 MoE layers of 65,536 experts, top-64, is linear in the route, fast', () => {
    const spec = { ...fixtureSpec('mixtral-8x7b'), layers: 4096 };
    const wide = { ...spec, moe: { ...spec.moe!, experts: 65_536, topK: 64 } };
    const start = cpuNow();
    const view = tokenRouteView(wide, 1, 2)!;
    expect(cpuNow() - start).toBeLessThan(3000);
    expect(view.route).toHaveLength(4096);
    for (const lit of view.route) expect(new Set(lit).size).toBe(64);
  });
});
