import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING,
  isPublishedRun,
  PUBLISHED_SETTINGS,
  TRAINING_SCENARIOS,
  trainingForPreset,
} from '../../../../src/lib/core/index.ts';

describe('PUBLISHED_SETTINGS', () => {
  it('holds the settings of every published scenario, by its preset, and Scout’s is the default', () => {
    for (const s of TRAINING_SCENARIOS) expect(PUBLISHED_SETTINGS[s.presetId]).toBe(s.settings);
    expect(Object.keys(PUBLISHED_SETTINGS)).toHaveLength(TRAINING_SCENARIOS.length);
    expect(PUBLISHED_SETTINGS['llama4-scout']).toEqual(DEFAULT_TRAINING);
  });
});

describe('trainingForPreset', () => {
  it('the default (Scout’s card) follows the model to its published run', () => {
    // The DeepSeek-V3 report, section 3.2: 14.8T tokens of 4K on 2,048 H800s, pp 16, ep 64.
    expect(trainingForPreset('deepseek-v3', { ...DEFAULT_TRAINING })).toEqual(
      PUBLISHED_SETTINGS['deepseek-v3'],
    );
    // The Llama 4 card: Maverick on ~22T tokens.
    expect(trainingForPreset('llama4-maverick', { ...DEFAULT_TRAINING }).tokens).toBe(22e12);
  });

  it('a published run goes back to the default for a model without one', () => {
    const dv3 = { ...PUBLISHED_SETTINGS['deepseek-v3']! };
    expect(trainingForPreset('mixtral-8x7b', dv3)).toEqual(DEFAULT_TRAINING);
    expect(trainingForPreset('llama4-scout', dv3)).toEqual(DEFAULT_TRAINING);
  });

  it('settings the reader changed stay as they are, whatever the model', () => {
    const mine = { ...DEFAULT_TRAINING, gpus: 4096 };
    expect(trainingForPreset('deepseek-v3', mine)).toBe(mine);
    const fp8Off = { ...PUBLISHED_SETTINGS['deepseek-v3']!, precision: 'bf16' as const };
    expect(trainingForPreset('llama4-scout', fp8Off)).toBe(fp8Off);
  });

  it('gives a copy: changing it leaves the published run as it is', () => {
    const next = trainingForPreset('deepseek-v3', { ...DEFAULT_TRAINING });
    next.gpus = 1;
    expect(PUBLISHED_SETTINGS['deepseek-v3']!.gpus).toBe(2048);
  });
});

describe('isPublishedRun', () => {
  it('is true only for the preset’s own run, as it stands', () => {
    expect(isPublishedRun('llama4-scout', { ...DEFAULT_TRAINING })).toBe(true);
    expect(isPublishedRun('deepseek-v3', { ...DEFAULT_TRAINING })).toBe(false);
    expect(isPublishedRun('deepseek-v3', { ...PUBLISHED_SETTINGS['deepseek-v3']! })).toBe(true);
    expect(isPublishedRun('llama4-scout', { ...DEFAULT_TRAINING, zero: 3 })).toBe(false);
    expect(isPublishedRun('mixtral-8x7b', { ...DEFAULT_TRAINING })).toBe(false);
    expect(isPublishedRun(null, { ...DEFAULT_TRAINING })).toBe(false);
  });
});
