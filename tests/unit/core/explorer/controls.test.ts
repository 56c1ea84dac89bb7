import { describe, expect, it } from 'vitest';
import {
  archControlLimits,
  archValues,
  clampToControl,
  CONTROLS,
  LIMITS,
  sliderBounds,
  type ControlId,
  type LimitId,
  sliderPosition,
  sliderValue,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

describe('controls as data', () => {
  it('linear sliders hold the value itself; log sliders 100 x log2', () => {
    expect(sliderPosition('topK', 2)).toBe(2);
    expect(sliderValue('topK', 2)).toBe(2);
    expect(sliderPosition('context', 131072)).toBe(1700);
    expect(sliderValue('context', 1700)).toBe(131072);
    expect(sliderBounds('context')).toEqual({ min: 0, max: 2400, step: 1 });
  });

  it('every control has the exact label the issue asks for', () => {
    const labels = Object.values(CONTROLS).map((c) => c.label);
    for (const label of [
      'Layers',
      'Hidden size',
      'Routed experts',
      'Active experts per token',
      'Shared experts',
      'Expert FFN size',
      'Context length',
      'Batch size',
      'GPUs',
    ]) {
      expect(labels).toContain(label);
    }
  });
});

describe('clampToControl', () => {
  it.each([
    ['topK', 100, 64],
    ['layers', 0, 1],
    ['layers', 2.6, 3],
    ['skew', 0.123, 0.1], // steps of 0.05
    ['context', 2 ** 30, 16 * 2 ** 20],
  ] as const)('clampToControl(%s, %d) is %d', (id, value, clamped) => {
    expect(clampToControl(id, value)).toBeCloseTo(clamped, 12);
  });

  it('finding 7: a stepped value is exactly the decimal the field shows (1.45, not 1.4500000000000002)', () => {
    // Math.round(1.45 / 0.05) * 0.05 is 1.4500000000000002 in binary floating point.
    for (let i = 10; i <= 80; i++) {
      const shown = Number((i * 0.05).toFixed(2)); // capacity factor: 0.5 to 4 in steps of 0.05
      expect(String(clampToControl('capacityFactor', shown + 1e-9))).toBe(String(shown));
    }
  });
});

describe('log sliders', () => {
  it('sliderPosition(batch, 1) is 0 and sliderValue(context, 2400) is the 16M maximum', () => {
    expect(sliderPosition('batch', 1)).toBe(0);
    expect(sliderValue('context', 2400)).toBe(16 * 2 ** 20); // 2^(2400 / 100) = 2^24
  });

  it('sliderValue(sliderPosition(x)) is x for powers of two', () => {
    for (const x of [1, 2, 1024, 131072])
      expect(sliderValue('context', sliderPosition('context', x))).toBe(x);
  });
});

describe('CONTROLS', () => {
  it('every control is listed under its own id with min < max', () => {
    for (const [id, c] of Object.entries(CONTROLS)) {
      expect(c.id).toBe(id);
      expect(c.min).toBeLessThan(c.max);
    }
  });
});

describe('archControlLimits', () => {
  it('archControlLimits(Scout) caps KV heads at the 40 query heads, top-k at 16 experts, the dense prefix at 48 layers', () => {
    const scout = fixtureSpec('llama4-scout');
    const limits = archControlLimits(scout, archValues(scout));
    expect(limits.kvHeads).toEqual({ max: 40, disabled: false });
    expect(limits.topK).toEqual({ max: 16, disabled: false });
    expect(limits.denseLayers).toEqual({ max: 48, disabled: false });
  });

  it('archControlLimits(DeepSeek-V3) disables KV heads and head dim: MLA has neither', () => {
    const deepseek = fixtureSpec('deepseek-v3');
    const limits = archControlLimits(deepseek, archValues(deepseek));
    expect(limits.kvHeads.disabled).toBe(true);
    expect(limits.headDim.disabled).toBe(true);
    expect(limits.denseLayers.disabled).toBe(false);
  });

  it('archControlLimits(Mixtral) disables the dense prefix and interleave: no dense MLP width', () => {
    const mixtral = fixtureSpec('mixtral-8x7b');
    const limits = archControlLimits(mixtral, archValues(mixtral));
    expect(limits.denseLayers.disabled).toBe(true);
    expect(limits.moeStep.disabled).toBe(true);
  });

  it('archControlLimits(Llama 3.1 8B) disables every expert control of a dense model', () => {
    const llama = fixtureSpec('llama3.1-8b');
    const limits = archControlLimits(llama, archValues(llama));
    for (const id of ['experts', 'topK', 'sharedExperts', 'expertFfn'] as const)
      expect(limits[id].disabled, id).toBe(true);
    expect(limits.topK.max).toBe(1);
  });
});

describe('controls within LIMITS', () => {
  it.each<[ControlId, LimitId]>([
    ['layers', 'layers'],
    ['hiddenSize', 'hiddenSize'],
    ['experts', 'experts'],
    ['topK', 'topK'],
    ['sharedExperts', 'sharedExperts'],
    ['expertFfn', 'intermediateSize'],
    ['kvHeads', 'heads'],
    ['headDim', 'headDim'],
    ['denseLayers', 'layers'],
    ['moeStep', 'layers'],
    ['context', 'contextTokens'],
    ['batch', 'batch'],
    ['devices', 'devices'],
  ])('the %s control offers nothing beyond LIMITS.%s', (control, limit) => {
    expect(CONTROLS[control].max).toBeLessThanOrEqual(LIMITS[limit]);
  });
});
