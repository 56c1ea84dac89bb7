import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultComparison,
  defaultConfig,
  DEFAULT_TRAINING,
  DEVICE_IDS,
  PUBLISHED_SETTINGS,
  TRAINING_SCENARIOS,
  type TrainingSettings,
} from '../../../src/lib/core/index.ts';
import {
  TRAINING_CHOICE_KEYS,
  TRAINING_NUMBER_KEYS,
} from '../../../src/lib/share/training-link.ts';
import { decode, encode, type SharedState } from '../../../src/lib/share/url-codec.ts';

const state = (training: TrainingSettings): SharedState => ({
  config: defaultConfig(),
  view: { unit: 'GB', theme: 'system' },
  compare: defaultComparison(),
  training,
});

describe('readTraining (through decode)', () => {
  it.each(TRAINING_SCENARIOS.map((s) => [s.id, s.settings] as const))(
    'decode(encode(%s)) gives its settings back, without warnings',
    (_, settings) => {
      const decoded = decode(encode(state(settings)));
      expect(decoded.warnings).toEqual([]);
      expect(decoded.training).toEqual(settings);
    },
  );

  it('decode(encode(s)) is s for any settings a person can set', () => {
    const int = (max: number) => fc.integer({ min: 1, max });
    const arb = fc.record({
      tokens: fc.integer({ min: 1, max: 1e15 }),
      deviceId: fc.constantFrom(...DEVICE_IDS),
      gpus: int(1_048_576),
      precision: fc.constantFrom('bf16' as const, 'fp8' as const),
      mfu: fc.option(fc.integer({ min: 1, max: 100 }).map((n) => n / 100)),
      tflopsPerGpu: fc.option(fc.integer({ min: 10, max: 9999 }).map((n) => n / 10)),
      tp: int(1024),
      pp: int(1024),
      ep: int(1024),
      cp: int(1024),
      zero: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      microBatch: int(4096),
      seqLen: int(16_777_216),
      recompute: fc.option(fc.constantFrom('none' as const, 'selective' as const, 'full' as const)),
      finetune: fc.constantFrom('lora' as const, 'qlora' as const),
      loraRank: int(4096),
    });
    fc.assert(
      fc.property(arb, (training) => {
        const decoded = decode(encode(state(training)));
        expect(decoded.warnings).toEqual([]);
        expect(decoded.training).toEqual(training);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [
      'tk=-5',
      'tk (Training tokens): expected a whole number from 1 to 1000000000000000, got "-5"; ignored',
    ],
    [
      'tk=40T',
      'tk (Training tokens): expected a whole number from 1 to 1000000000000000, got "40T"; ignored',
    ],
    ['tn=1.5', 'tn (Training GPUs): expected a whole number from 1 to 1048576, got "1.5"; ignored'],
    ['tm=2', 'tm (MFU): expected a number from 0.01 to 1, got "2"; ignored'],
    ['tg=tpu', 'tg: expected one of'],
    ['tw=fp4', 'tw: expected one of bf16, fp8, got "fp4"; ignored'],
    ['tz=4', 'tz: expected one of 0, 1, 2, 3, got "4"; ignored'],
    ['trc=some', 'trc: expected one of none, selective, full, got "some"; ignored'],
    ['tft=rlhf', 'tft: expected one of pretrain, full, lora, qlora, got "rlhf"; ignored'],
    ['tr=8', 'tr: only read with tft=lora or tft=qlora; ignored'],
  ])('a bad value (%s) is named in a notice and the default stays', (query, warning) => {
    const decoded = decode(`v=1&${query}&tmb=2`);
    expect(decoded.warnings).toHaveLength(1);
    expect(decoded.warnings[0]).toContain(warning);
    const [key] = query.split('=');
    const field = TRAINING_NUMBER_KEYS.find(([k]) => k === key)?.[1];
    if (field) expect(decoded.training[field]).toBe(DEFAULT_TRAINING[field]);
    expect(decoded.training.microBatch).toBe(2); // the rest of the link applies
  });

  it('every choice key is read: tg, tw, tz, trc, tft', () => {
    const decoded = decode('v=1&tg=h200&tw=bf16&tz=2&trc=none&tft=full');
    expect(decoded.warnings).toEqual([]);
    expect(decoded.training).toMatchObject({
      deviceId: 'h200',
      precision: 'bf16',
      zero: 2,
      recompute: 'none',
      finetune: 'full',
    });
    expect(TRAINING_CHOICE_KEYS).toEqual(['tg', 'tw', 'tz', 'trc', 'tft']);
  });
});

describe('t=run: the linked model’s published run', () => {
  const withPreset = (id: string, training: TrainingSettings): SharedState => ({
    ...state(training),
    config: defaultConfig(id),
  });

  it.each(Object.entries(PUBLISHED_SETTINGS))(
    '%s: its run goes out as one key and comes back whole',
    (id, run) => {
      const query = encode(withPreset(id, { ...run }));
      const decoded = decode(query);
      expect(decoded.warnings).toEqual([]);
      expect(decoded.training).toEqual(run);
      if (id !== 'llama4-scout') expect(query).toBe(`v=1&m=${id}&t=run`);
    },
  );

  it('keys beside it change the run: m=deepseek-v3&t=run&tn=4096 is the report’s run on 4,096 GPUs', () => {
    const decoded = decode('v=1&m=deepseek-v3&t=run&tn=4096');
    expect(decoded.warnings).toEqual([]);
    expect(decoded.training).toEqual({ ...PUBLISHED_SETTINGS['deepseek-v3'], gpus: 4096 });
  });

  it('a model without a published run, or another value, is named and left at the default', () => {
    const none = decode('v=1&m=mixtral-8x7b&t=run&tn=64');
    expect(none.warnings).toEqual([
      't: "run" is the linked model’s published training run, and mixtral-8x7b has none; ignored',
    ]);
    expect(none.training).toEqual({ ...DEFAULT_TRAINING, gpus: 64 });
    const other = decode('v=1&m=kimi-k2&t=published');
    expect(other.warnings).toEqual(['t: expected one of run, got "published"; ignored']);
    expect(other.training).toEqual(DEFAULT_TRAINING);
  });
});
