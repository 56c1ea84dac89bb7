import { describe, expect, it } from 'vitest';
import {
  defaultComparison,
  defaultConfig,
  DEFAULT_TRAINING,
  PUBLISHED_SETTINGS,
  type TrainingSettings,
} from '../../../src/lib/core/index.ts';
import { HOST_KEYS } from '../../../src/lib/share/host-keys.ts';
import {
  ARCH_KEYS,
  COMPARE_KEYS,
  ENGINE_KEYS,
  KNOWN,
  LAYOUT_KEYS,
  NUMBER_KEYS,
} from '../../../src/lib/share/link-format.ts';
import { PRESENTATION_KEYS } from '../../../src/lib/share/presentation.ts';
import { TRAINING_KEYS } from '../../../src/lib/share/training-keys.ts';
import { encodeTraining } from '../../../src/lib/share/training-link.ts';
import { encode, type SharedState } from '../../../src/lib/share/url-codec.ts';

const state = (training: TrainingSettings): SharedState => ({
  config: defaultConfig(),
  view: { unit: 'GB', theme: 'system' },
  compare: defaultComparison(),
  training,
});

describe('training link keys', () => {
  it('are new names: none clashes with another parameter of the link', () => {
    const others = [
      ...[...ARCH_KEYS, ...NUMBER_KEYS, ...LAYOUT_KEYS].map(([key]) => key),
      ...HOST_KEYS,
      ...ENGINE_KEYS,
      ...COMPARE_KEYS,
      ...PRESENTATION_KEYS,
      ...['v', 'm', 'mn', 'g', 'w', 'ew', 'kd', 'kl', 'u', 'th', 'hf', 'hub', 'gguf'],
    ];
    for (const key of TRAINING_KEYS) {
      expect(others, key).not.toContain(key);
      expect(KNOWN.has(key), key).toBe(true);
    }
    expect(new Set(TRAINING_KEYS).size).toBe(TRAINING_KEYS.length);
    expect(TRAINING_KEYS.every((k) => k.startsWith('t'))).toBe(true);
  });

  it('the default settings (Scout as the card states it) write nothing: ?v=1', () => {
    expect(encode(state({ ...DEFAULT_TRAINING }))).toBe('v=1');
  });

  it.each([
    [{ tokens: 22e12 }, 'tk=22000000000000'],
    [{ gpus: 32_000, tflopsPerGpu: 390 }, 'tn=32000&tf=390'],
    [{ mfu: 0.35 }, 'tm=0.35'],
    [{ tp: 4, pp: 2, ep: 8, cp: 2 }, 'ttp=4&tpp=2&tep=8&tcp=2'],
    [{ deviceId: 'h200', precision: 'bf16' as const }, 'tg=h200&tw=bf16'],
    [{ zero: 3 as const, microBatch: 2, seqLen: 4096 }, 'tmb=2&tsl=4096&tz=3'],
    [{ recompute: 'full' as const }, 'trc=full'],
    [{ finetune: 'qlora' as const, loraRank: 64 }, 'tr=64&tft=qlora'],
    [{ loraRank: 64 }, ''],
  ])('encodeTraining(%j) writes %j', (patch, query) => {
    const p = new URLSearchParams();
    encodeTraining(p, { ...DEFAULT_TRAINING, ...patch });
    expect(p.toString()).toBe(query);
  });

  it('the linked model’s published run, unchanged, is t=run: 84 characters fewer for Kimi K2', () => {
    const written = (presetId: string | null, s: TrainingSettings) => {
      const p = new URLSearchParams();
      encodeTraining(p, s, presetId === null ? null : { kind: 'preset', id: presetId });
      return p.toString();
    };
    const kimi = PUBLISHED_SETTINGS['kimi-k2']!;
    expect(written('kimi-k2', { ...kimi })).toBe('t=run');
    expect(written('deepseek-v3', { ...PUBLISHED_SETTINGS['deepseek-v3']! })).toBe('t=run');
    // Without the model, or edited, the run is written key by key, from the default.
    expect(written(null, { ...kimi })).toBe(
      'tk=15500000000000&tn=4096&ttp=1&tpp=16&tsl=4096&tg=h800&tw=bf16&trc=full',
    );
    expect(written('mixtral-8x7b', { ...kimi })).toBe(written(null, { ...kimi }));
    expect(written('kimi-k2', { ...kimi, gpus: 2048 })).toBe(
      'tk=15500000000000&tn=2048&ttp=1&tpp=16&tsl=4096&tg=h800&tw=bf16&trc=full',
    );
    // Scout's run is the default: nothing, for any model.
    expect(written('llama4-scout', { ...DEFAULT_TRAINING })).toBe('');
    expect(written('kimi-k2', { ...DEFAULT_TRAINING })).toBe('');
  });
});
