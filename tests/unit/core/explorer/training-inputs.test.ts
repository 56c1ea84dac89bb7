import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_TRAINING,
  findDevice,
  findPreset,
  modelEp,
  presetSpec,
  trainingInputs,
} from '../../../../src/lib/core/index.ts';

const spec = (id: string) => presetSpec(findPreset(id)!);

describe('modelEp', () => {
  it('keeps an ep that divides the experts, else their gcd; 1 for a dense model', () => {
    expect(modelEp(spec('llama4-scout'), 16)).toBe(16);
    expect(modelEp(spec('mixtral-8x7b'), 16)).toBe(8);
    expect(modelEp(spec('llama3.1-8b'), 16)).toBe(1);
  });
});

describe('trainingInputs', () => {
  const scout = spec('llama4-scout');
  const device = findDevice('h100-sxm')!;

  it('passes the layout and run through; the default recompute and MFU stay unset', () => {
    const { run, memory } = trainingInputs(scout, countParams(scout), DEFAULT_TRAINING, device);
    expect(memory).toMatchObject({ gpus: 8192, tp: 8, pp: 1, ep: 16, zero: 1, seqLen: 8192 });
    expect(memory.recompute).toBeUndefined();
    expect(memory.finetune).toBeUndefined();
    expect(run).toMatchObject({ tokens: 40e12, gpus: 8192, frozenWeights: false });
    expect('mfu' in run).toBe(false);
  });

  it('LoRA freezes the weights and passes its rank; TFLOP/s wins over MFU', () => {
    const s = { ...DEFAULT_TRAINING, finetune: 'lora' as const, mfu: 0.3, tflopsPerGpu: 400 };
    const { run, memory } = trainingInputs(scout, countParams(scout), s, device);
    expect(run.frozenWeights).toBe(true);
    expect(run.tflopsPerGpu).toBe(400);
    expect('mfu' in run).toBe(false);
    expect(memory).toMatchObject({ finetune: 'lora', loraRank: 16 });
  });
});
