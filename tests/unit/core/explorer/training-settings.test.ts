import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../../../src/lib/core/index.ts';
import { readJson } from '../../helpers/fixtures.ts';

const runs = (readJson('training-runs.json') as { runs: Record<string, unknown>[] }).runs;
const scout = runs.find((r) => r.id === 'llama4-scout')!;

describe('DEFAULT_TRAINING', () => {
  it('is Scout as the Llama 4 card states it: ~40T tokens on H100 in FP8, 8,192 per sequence', () => {
    expect(DEFAULT_TRAINING).toMatchObject({
      tokens: scout.tokens,
      deviceId: scout.device,
      precision: scout.precision,
      seqLen: scout.seqLen,
      finetune: 'pretrain',
    });
  });

  it('leaves the throughput to the default (no MFU, no TFLOP/s) and recompute to the method', () => {
    expect(DEFAULT_TRAINING).toMatchObject({ mfu: null, tflopsPerGpu: null, recompute: null });
  });

  it('lays the 8,192 GPUs out whole: tp x pp x cp and ep x pp divide them', () => {
    const { gpus, tp, pp, cp, ep } = DEFAULT_TRAINING;
    expect(gpus % (tp * pp * cp)).toBe(0);
    expect(gpus % (ep * pp)).toBe(0);
  });
});
