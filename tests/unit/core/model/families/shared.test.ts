import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import {
  readDeepseekV3Moe,
  slidingFrom,
} from '../../../../../src/lib/core/model/families/shared.ts';

describe('slidingFrom', () => {
  it('global below the first sliding layer, a window of sliding_window from it on, one object for all', () => {
    const kindOf = slidingFrom(new ConfigReader({ sliding_window: 4096 }), 2, 6);
    if (typeof kindOf !== 'function') throw new Error('expected a rule per layer');
    expect(kindOf(1).window).toEqual({ kind: 'global' });
    expect(kindOf(2).window).toEqual({ kind: 'sliding', tokens: 4096 });
    expect(kindOf(5)).toBe(kindOf(2));
  });

  it('every layer global when none slides, without reading sliding_window', () => {
    expect(slidingFrom(new ConfigReader({ sliding_window: null }), 6, 6)).toEqual({
      window: { kind: 'global' },
      rope: true,
    });
  });
});

describe('readDeepseekV3Moe', () => {
  // GLM-4.5-Air's MoE (tests/fixtures/new-families/glm-4.5-air.config.json): 128 experts of 1408,
  // top-8, one shared, groups 1.
  const air = {
    n_routed_experts: 128,
    num_experts_per_tok: 8,
    moe_intermediate_size: 1408,
    n_shared_experts: 1,
    n_group: 1,
    topk_group: 1,
  };

  it('routed experts, top-k, the shared expert as wide as one, the correction bias', () => {
    const moe = readDeepseekV3Moe(new ConfigReader(air), 1);
    expect([moe.experts, moe.topK, moe.expert.intermediateSize]).toEqual([128, 8, 1408]);
    expect(moe.shared).toEqual({
      count: 1,
      mlp: { intermediateSize: 1408, gated: true, bias: false },
      gate: false,
    });
    expect(moe.scoreCorrectionBias).toBe(true);
    expect(moe.groupLimit).toBeNull();
  });

  it('group-limited routing where topk_group is below n_group (DeepSeek-V3: 4 of 8)', () => {
    const moe = readDeepseekV3Moe(new ConfigReader({ ...air, n_group: 8, topk_group: 4 }), 1);
    expect(moe.groupLimit).toEqual({ groups: 8, topGroups: 4 });
  });

  it('n_shared_experts required where the family has no default (dots.llm1)', () => {
    const { n_shared_experts: _s, ...noShared } = air;
    expect(() => readDeepseekV3Moe(new ConfigReader(noShared), null)).toThrow('n_shared_experts');
  });
});
