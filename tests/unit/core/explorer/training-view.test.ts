import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_TRAINING,
  findPreset,
  matchingScenario,
  presetSpec,
  TOKEN_AXIS,
  trainingCurve,
  trainingFacts,
  TRAINING_SCENARIOS,
  type TrainingSettings,
} from '../../../../src/lib/core/index.ts';

function facts(presetId: string, settings: TrainingSettings) {
  const spec = presetSpec(findPreset(presetId)!);
  return trainingFacts(spec, countParams(spec), settings, presetId, 'GB');
}

describe('trainingFacts', () => {
  it('Llama 4 Scout lands within x1.5 of the card’s 5.0M GPU-hours (validation band)', () => {
    const f = facts('llama4-scout', DEFAULT_TRAINING);
    const ratio = f.run!.gpuHours / 5.0e6;
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
    expect(f.curve!.published).toEqual({
      tokens: 40e12,
      gpuHours: 5.0e6,
      label: 'Llama 4 Scout card',
      text: '5.0M',
    });
  });

  it('Behemoth at the stated 390 TFLOP/s: FLOPs / 390e12 / 3600 GPU-hours', () => {
    const s = TRAINING_SCENARIOS.find((x) => x.id === 'llama4-behemoth')!;
    const f = facts('llama4-behemoth', s.settings);
    expect(f.run!.gpuHours).toBeCloseTo(f.run!.totalFlops / 390e12 / 3600, 0);
    expect(f.run!.days).toBeCloseTo(f.run!.gpuHours / 32_000 / 24, 6);
    expect(f.curve!.published).toBeNull();
  });

  it("the default layout fits any model's experts: Mixtral's 8 take ep 8, a dense model ep 1", () => {
    const mixtral = facts('mixtral-8x7b', DEFAULT_TRAINING);
    expect(mixtral.memoryError).toBeNull();
    expect(mixtral.memory!.layout.ep).toBe(8);
    const dense = facts('llama3.1-8b', DEFAULT_TRAINING);
    expect(dense.memoryError).toBeNull();
    expect(dense.memory!.layout.ep).toBe(1);
  });

  it('a layout the model refuses gives a memory problem naming the field; the run still computes', () => {
    const f = facts('llama4-scout', { ...DEFAULT_TRAINING, tp: 3 });
    expect(f.memory).toBeNull();
    expect(f.memoryError).toMatchObject({ field: 'tp x pp x cp', value: '3' });
    expect(f.memoryError!.expected).toContain('divisor');
    expect(f.run).not.toBeNull();
  });

  it('FP8 on a device without FP8 tensor cores gives a run problem naming precision', () => {
    const f = facts('llama4-scout', { ...DEFAULT_TRAINING, deviceId: 'a100-80gb' });
    expect(f.runError).toMatchObject({ field: 'precision', value: 'fp8' });
    expect(f.curve).toBeNull();
  });

  it('a TFLOP/s override wins over MFU; MFU sets achieved = MFU x peak', () => {
    const both = facts('llama4-scout', { ...DEFAULT_TRAINING, mfu: 0.2, tflopsPerGpu: 400 });
    expect(both.run!.throughput.from).toBe('tflops');
    const mfu = facts('llama4-scout', { ...DEFAULT_TRAINING, mfu: 0.2 });
    expect(mfu.run!.throughput.from).toBe('mfu');
    expect(mfu.run!.mfu).toBeCloseTo(0.2, 12);
  });

  it('LoRA freezes the weights: 4N instead of 6N FLOPs per token, and no published point', () => {
    const pre = facts('llama4-scout', DEFAULT_TRAINING);
    const lora = facts('llama4-scout', { ...DEFAULT_TRAINING, finetune: 'lora' });
    expect(lora.run!.flopsPerToken.dense / pre.run!.flopsPerToken.dense).toBeCloseTo(4 / 6, 6);
    expect(lora.memory!.method).toBe('lora');
    expect(lora.curve!.published).toBeNull();
  });

  it('explains each headline with its formula and today’s values', () => {
    const f = facts('llama4-scout', DEFAULT_TRAINING);
    expect(f.explanations!.gpuHours.formula).toContain('3600');
    expect(f.explanations!.cost.substituted).toContain('$2.69');
    expect(f.explanations!.memory.substituted).toMatch(/ GB$/);
  });

  it('does not mutate its settings', () => {
    const s = structuredClone(DEFAULT_TRAINING);
    facts('llama4-scout', s);
    expect(s).toEqual(DEFAULT_TRAINING);
  });
});

describe('trainingCurve', () => {
  const f = facts('llama4-scout', DEFAULT_TRAINING);

  it('spans 1e9 to 1e14 tokens, 6 points a decade, linear in tokens', () => {
    const c = trainingCurve(f.run!, 40e12, null);
    expect(c.points).toHaveLength(31);
    expect(c.points[0]!.tokens).toBe(TOKEN_AXIS.min);
    expect(c.points.at(-1)!.tokens).toBe(TOKEN_AXIS.max);
    for (const p of c.points)
      expect(p.gpuHours / p.tokens).toBeCloseTo(f.run!.gpuHours / 40e12, 12);
    expect(c.chosen).toEqual({ tokens: 40e12, gpuHours: f.run!.gpuHours });
  });
});

describe('matchingScenario', () => {
  it.each([
    ['llama4-scout', DEFAULT_TRAINING, 'llama4-scout'],
    ['llama4-scout', { ...DEFAULT_TRAINING, tokens: 1e12 }, 'llama4-scout'],
    ['llama4-scout', { ...DEFAULT_TRAINING, precision: 'bf16' as const }, null],
    ['llama4-scout', { ...DEFAULT_TRAINING, deviceId: 'h200' }, null],
    ['llama4-behemoth', DEFAULT_TRAINING, null],
    [null, DEFAULT_TRAINING, null],
  ])('matchingScenario(%s, …) is %s', (preset, settings, expected) => {
    expect(matchingScenario(preset, settings)?.id ?? null).toBe(expected);
  });
});
