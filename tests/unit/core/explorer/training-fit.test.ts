import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_TRAINING,
  DEVICES,
  findDevice,
  findPreset,
  presetSpec,
  trainingFacts,
  trainingFitSuggestions,
  type TrainingSettings,
} from '../../../../src/lib/core/index.ts';

function model(presetId: string) {
  const spec = presetSpec(findPreset(presetId)!);
  return { spec, count: countParams(spec) };
}

/** The Training view's memory for a model and settings, as the page computes it. */
function memory(presetId: string, s: TrainingSettings) {
  const { spec, count } = model(presetId);
  return trainingFacts(spec, count, s, presetId, 'GB').memory!;
}

describe('trainingFitSuggestions', () => {
  it('is empty when the layout fits (Scout at its default layout) or is not valid (tp 3)', () => {
    expect(memory('llama4-scout', DEFAULT_TRAINING).fits).toBe(true);
    expect(trainingFitSuggestions(model('llama4-scout'), DEFAULT_TRAINING)).toEqual([]);
    const invalid = { ...DEFAULT_TRAINING, tp: 3 };
    expect(trainingFitSuggestions(model('llama4-scout'), invalid)).toEqual([]);
  });

  it('Kimi K2 at Scout’s layout (481 GB a GPU): ZeRO-3, or pipeline parallel 8, each fits', () => {
    const before = memory('kimi-k2', DEFAULT_TRAINING);
    expect(before.fits).toBe(false);
    const found = trainingFitSuggestions(model('kimi-k2'), DEFAULT_TRAINING);
    expect(found.map((f) => f.patch)).toEqual([{ zero: 3 }, { pp: 8 }]);
    expect(found[1]!.label).toBe('Pipeline parallel 8 (8 layers a stage)');
    // The smallest doubling: pp 4 does not fit, pp 8 does (61 layers, 8 a stage).
    expect(memory('kimi-k2', { ...DEFAULT_TRAINING, pp: 4 }).fits).toBe(false);
  });

  it('each suggestion, applied, fits, and its memory is the page’s memory after it', () => {
    const cases: [string, Partial<TrainingSettings>][] = [
      ['kimi-k2', {}],
      ['deepseek-v3', {}],
      ['llama4-maverick', {}],
      ['qwen3-235b-a22b', {}],
      ['llama4-scout', { microBatch: 4 }],
      ['llama4-scout', { ep: 1 }],
    ];
    for (const [id, patch] of cases) {
      const s = { ...DEFAULT_TRAINING, ...patch };
      const found = trainingFitSuggestions(model(id), s);
      expect(found.length, id).toBeGreaterThan(0);
      for (const f of found) {
        const after = memory(id, { ...s, ...f.patch });
        expect(after.fits, `${id} ${f.label}`).toBe(true);
        expect(f.memoryBytes).toBe(after.memoryPerGpuBytes.total);
        expect(f.capacityBytes).toBe(after.capacityBytes);
      }
    }
  });

  it('a micro-batch of 4 finds full recompute, micro-batch 2, pp 2, cp 2 and a larger GPU', () => {
    const found = trainingFitSuggestions(model('llama4-scout'), {
      ...DEFAULT_TRAINING,
      microBatch: 4,
    });
    expect(found.map((f) => f.axis)).toEqual([
      'recompute',
      'zero',
      'microBatch',
      'pp',
      'cp',
      'device',
    ]);
    expect(found.find((f) => f.axis === 'cp')!.label).toBe(
      'Context parallel 2 (4096 tokens a GPU)',
    );
  });

  it('offers only devices with more memory, and with FP8 tensor cores for an FP8 run', () => {
    const s = { ...DEFAULT_TRAINING, ep: 1, microBatch: 8 };
    const fp8 = trainingFitSuggestions(model('llama4-scout'), s).find((f) => f.axis === 'device');
    const device = findDevice(fp8!.patch.deviceId!)!;
    expect(device.flopsPerSecond.fp8).not.toBeNull();
    expect(device.memoryBytes).toBeGreaterThan(findDevice('h100-sxm')!.memoryBytes);
    expect(fp8!.label).toBe(`8192 × ${device.name}`);
    // In BF16 from an A100 40GB: the smallest larger card that fits (the 48 GB L40S does not),
    // the cheapest of its size.
    const bf16 = { ...DEFAULT_TRAINING, precision: 'bf16' as const, deviceId: 'a100-40gb' };
    const step = trainingFitSuggestions(model('llama4-scout'), bf16).find(
      (f) => f.axis === 'device',
    );
    const up = findDevice(step!.patch.deviceId!)!;
    const larger = DEVICES.filter((d) => d.memoryBytes > findDevice('a100-40gb')!.memoryBytes);
    for (const d of larger.filter((d) => d.memoryBytes < up.memoryBytes))
      expect(memory('llama4-scout', { ...bf16, deviceId: d.id }).fits, d.id).toBe(false);
    const sameSize = larger.filter((d) => d.memoryBytes === up.memoryBytes);
    expect(up.usdPerHour).toBe(Math.min(...sameSize.map((d) => d.usdPerHour)));
  });

  it('when no single change fits, the layout with the fewest model-parallel GPUs that does', () => {
    // DeepSeek-V3 on 256 H100s without tp or ep: no one setting fits; Megatron-Core's guideline
    // "Keep TP/EP/PP as small as possible while avoiding OOM" gives pp 8 x ep 16 (128).
    const s = { ...DEFAULT_TRAINING, gpus: 256, tp: 1, ep: 1 };
    const found = trainingFitSuggestions(model('deepseek-v3'), s);
    expect(found.map((f) => f.axis)).toEqual(['layout']);
    expect(found[0]!.patch).toEqual({ tp: 1, pp: 8, ep: 16, recompute: 'full' });
    expect(found[0]!.label).toBe('Layout tp 1, pp 8, ep 16, full recompute');
    // Every layout of fewer model-parallel GPUs is over (or not valid).
    for (const [pp, ep] of [
      [8, 8],
      [4, 16],
      [2, 32],
      [1, 64],
    ] as const) {
      const m = (() => {
        try {
          return memory('deepseek-v3', { ...s, pp, ep, recompute: 'full' });
        } catch {
          return null;
        }
      })();
      expect(m?.fits ?? false, `pp ${pp} ep ${ep}`).toBe(false);
    }
  });

  it('finds nothing where nothing tried fits: Kimi K2 on 64 GPUs', () => {
    const s = { ...DEFAULT_TRAINING, gpus: 64, tp: 1, ep: 1, zero: 0 as const };
    expect(trainingFitSuggestions(model('kimi-k2'), s)).toEqual([]);
  });
});
