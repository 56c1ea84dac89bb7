import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_TRAINING,
  findPreset,
  matchingScenario,
  presetSpec,
  trainingFacts,
  TRAINING_SCENARIOS,
  type TrainingSettings,
} from '../../../../src/lib/core/index.ts';
import { readJson } from '../../helpers/fixtures.ts';

const fixture = readJson('training-runs.json') as Record<string, Record<string, unknown>[]>;
const run = (id: string) =>
  [...fixture.runs!, ...fixture.throughputFacts!].find((r) => r.id === id)!;

function facts(presetId: string, settings: TrainingSettings) {
  const spec = presetSpec(findPreset(presetId)!);
  return trainingFacts(spec, countParams(spec), settings, presetId, 'GB');
}

describe('TRAINING_SCENARIOS', () => {
  // Each figure from tests/fixtures/training-runs.json (the Llama 4 card and blog).
  it.each([
    ['llama4-scout', 'llama4-scout', 40e12, 5.0e6],
    ['llama4-maverick', 'llama4-maverick', 22e12, 2.38e6],
  ])('%s states the card: tokens and GPU-hours of run %s', (id, runId, tokens, gpuHours) => {
    const s = TRAINING_SCENARIOS.find((x) => x.id === id)!;
    expect(s.settings.tokens).toBe(run(runId).tokens);
    expect(s.settings.tokens).toBe(tokens);
    expect(s.publishedGpuHours).toBe(run(runId).gpuHours);
    expect(s.publishedGpuHours).toBe(gpuHours);
    expect(s.settings).toMatchObject({ deviceId: 'h100-sxm', precision: 'fp8', seqLen: 8192 });
  });

  it('Behemoth: FP8, 32K GPUs at 390 TFLOP/s, ~30T tokens, no published GPU-hours (blog)', () => {
    const s = TRAINING_SCENARIOS.find((x) => x.id === 'llama4-behemoth')!;
    expect(s.settings).toMatchObject({ precision: 'fp8', gpus: 32_000, tflopsPerGpu: 390 });
    expect(s.settings.gpus).toBe(run('llama4-behemoth').gpus);
    expect(s.settings.tflopsPerGpu).toBe(run('llama4-behemoth').tflopsPerGpu);
    expect(s.settings.tokens).toBe(30e12);
    expect(s.publishedGpuHours).toBeNull();
    expect(s.quote).toContain('more than 30 trillion tokens');
  });

  it('the default settings are Scout as the card states it', () => {
    expect(TRAINING_SCENARIOS[0]!.settings).toEqual(DEFAULT_TRAINING);
  });

  it.each(TRAINING_SCENARIOS.map((s) => [s.id, s] as const))(
    'trainingFacts(%s) computes a run and a memory that fits in 80 GB',
    (_, s) => {
      const f = facts(s.presetId, s.settings);
      expect(f.runError).toBeNull();
      expect(f.memoryError).toBeNull();
      expect(f.memory!.fits).toBe(true);
      expect(f.memory!.capacityBytes).toBe(f.device!.memoryBytes);
    },
  );
});

describe('the DeepSeek-V3 scenario', () => {
  const s = TRAINING_SCENARIOS.find((x) => x.id === 'deepseek-v3')!;

  it("states the report: 14.8T tokens of 4K on 2,048 H800s in FP8, pp 16, ep 64, no tp; 2,664K GPU-hours (tests/fixtures/training-runs.json's deepseek-v3-pretraining)", () => {
    const published = run('deepseek-v3-pretraining');
    expect(s.settings).toMatchObject({
      tokens: published.tokens,
      deviceId: published.device,
      gpus: published.gpus,
      precision: published.precision,
      seqLen: published.seqLen,
      tp: 1,
      pp: 16,
      ep: 64,
      zero: 1,
    });
    expect(s.publishedGpuHours).toBe(published.gpuHours);
    expect(s.publishedGpuHours).toBe(2.664e6);
    expect(s.quote).toContain('2664K GPU hours');
  });

  it("lands within x1.5 of the report's GPU-hours with the default throughput, and the chart calls its point the report's", () => {
    const f = facts('deepseek-v3', s.settings);
    const ratio = f.run!.gpuHours / 2.664e6;
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
    expect(matchingScenario('deepseek-v3', s.settings)).toBe(s);
    expect(f.curve!.published).toEqual({
      tokens: 14.8e12,
      gpuHours: 2.664e6,
      label: 'DeepSeek-V3 report',
      text: '2664K',
    });
  });
});

describe('the Kimi K2 scenario', () => {
  const s = TRAINING_SCENARIOS.find((x) => x.id === 'kimi-k2')!;

  it('states the report: 15.5T tokens of 4K on H800s in BF16, pp 16, ep 16, ZeRO-1, no GPU-hours', () => {
    expect(s.settings).toMatchObject({
      tokens: 15.5e12,
      deviceId: 'h800',
      precision: 'bf16',
      seqLen: 4096,
      tp: 1,
      pp: 16,
      ep: 16,
      zero: 1,
    });
    expect(s.publishedGpuHours).toBeNull();
    expect(s.quote).toContain('model-parallel group of 256 GPUs');
  });

  it('keeps about 30 GB of weights and gradients a GPU, as the report says of its layout', () => {
    // "storing the model parameters in BF16 and their gradient accumulation buffer in FP32
    // requires approximately 6 TB of GPU memory, distributed over a model-parallel group of 256
    // GPUs ... letting each GPU hold approximately 30 GB of GPU memory for all states"
    const m = facts('kimi-k2', s.settings).memory!.memoryPerGpuBytes;
    expect((m.weights + m.gradients) / 30e9).toBeGreaterThan(0.9);
    expect((m.weights + m.gradients) / 30e9).toBeLessThan(1.1);
  });
});
