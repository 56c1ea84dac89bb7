import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, TRAIN_OPTIONS } from '../../../src/cli/train-options.ts';

describe('TRAIN_OPTIONS', () => {
  it('lists every flag of issue 14 once', () => {
    const names = TRAIN_OPTIONS.map((o) => o.name);
    for (const flag of [
      'tokens',
      'gpu',
      'gpus',
      'precision',
      'mfu',
      'tflops',
      'tp',
      'pp',
      'ep',
      'cp',
      'zero',
      'micro-batch',
      'seq-len',
      'recompute',
      'finetune',
      'lora-rank',
      'gpu-hour-usd',
      'json',
    ])
      expect(
        names.filter((n) => n === flag),
        flag,
      ).toHaveLength(1);
  });

  it('shows the defaults the command falls back to', () => {
    const shown = (name: string) => TRAIN_OPTIONS.find((o) => o.name === name)!.default;
    expect(shown('gpus')).toBe(String(TRAIN_DEFAULTS.gpus));
    expect(shown('seq-len')).toBe(String(TRAIN_DEFAULTS.seqLen));
    expect(shown('zero')).toBe('1');
  });
});
