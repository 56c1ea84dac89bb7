import { describe, expect, it } from 'vitest';
import {
  resolveTrainingOptions,
  type TrainingMemoryOptions,
} from '../../../../src/lib/core/training/memory-options.ts';

const base: TrainingMemoryOptions = {
  device: 'h100-sxm',
  gpus: 8,
  precision: 'bf16',
  microBatch: 1,
  seqLen: 4096,
};

describe('resolveTrainingOptions', () => {
  it('fills the defaults: ZeRO-1, selective recomputation, fp32 grads, rank 16 on attention and FFN', () => {
    const o = resolveTrainingOptions(base);
    expect(o).toMatchObject({
      zero: 1,
      recompute: 'selective',
      method: 'pretrain',
      gradients: 'fp32',
      loraRank: 16,
      loraTargets: ['attention', 'ffn'],
      capacityFactor: 1,
    });
    expect(o.device.id).toBe('h100-sxm');
  });

  it('fine-tuning checkpoints every layer by default (gradient checkpointing)', () => {
    expect(resolveTrainingOptions({ ...base, finetune: 'qlora' }).recompute).toBe('full');
  });

  const bad: [string, Partial<TrainingMemoryOptions>, string][] = [
    [
      'an unknown device',
      { device: 'h1000' },
      'device: expected a known device id, e.g. h100-sxm, got "h1000"',
    ],
    ['a precision', { precision: 'fp4' as 'fp8' }, 'precision: expected bf16, fp8, got "fp4"'],
    ['a ZeRO stage', { zero: 4 as 3 }, 'zero: expected 0, 1, 2, 3, got 4'],
    ['a micro-batch', { microBatch: 0 }, 'microBatch: expected an integer >= 1, got 0'],
    [
      'a sequence cp does not split',
      { seqLen: 4097, cp: 2 },
      'seqLen: expected a multiple of cp (2)',
    ],
    [
      'a recompute mode',
      { recompute: 'half' as 'full' },
      'recompute: expected none, selective, full, got "half"',
    ],
    [
      'a fine-tuning method',
      { finetune: 'dora' as 'lora' },
      'finetune: expected pretrain, full, lora, qlora, got "dora"',
    ],
    ['a capacity factor', { capacityFactor: 0 }, 'capacityFactor: expected a number > 0, got 0'],
  ];
  for (const [what, over, message] of bad) {
    it(`names the field of ${what}`, () => {
      expect(() => resolveTrainingOptions({ ...base, ...over })).toThrow(message);
    });
  }
});
