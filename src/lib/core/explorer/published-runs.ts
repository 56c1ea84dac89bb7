/**
 * The settings of the published training runs (training-scenarios.ts has each with its source
 * and quote), by preset, apart from their texts: the page's first script needs only these, to
 * let untouched settings follow the model (`trainingForPreset`).
 */
import { DEFAULT_TRAINING, type TrainingSettings } from './training-settings.ts';

export const PUBLISHED_SETTINGS: Readonly<Record<string, Readonly<TrainingSettings>>> = {
  // The Llama 4 card: ~40T tokens on H100-80GB in FP8 (the default is this run).
  'llama4-scout': { ...DEFAULT_TRAINING },
  // The Llama 4 card: ~22T tokens; GPU count not published, a layout that fits in 80 GB.
  'llama4-maverick': { ...DEFAULT_TRAINING, tokens: 22e12, pp: 4, ep: 32 },
  // The Llama 4 blog: 32K GPUs in FP8 at 390 TFLOP/s, more than 30T tokens.
  'llama4-behemoth': {
    ...DEFAULT_TRAINING,
    tokens: 30e12,
    gpus: 32_000,
    tflopsPerGpu: 390,
    pp: 16,
    ep: 16,
    recompute: 'full',
  },
  // The DeepSeek-V3 report, section 3.2: 14.8T tokens of 4K on 2,048 H800s, pp 16, ep 64, no tp.
  'deepseek-v3': {
    ...DEFAULT_TRAINING,
    tokens: 14.8e12,
    deviceId: 'h800',
    gpus: 2048,
    tp: 1,
    pp: 16,
    ep: 64,
    seqLen: 4096,
    recompute: 'full',
  },
  // The Kimi K2 report, section 2.4: 15.5T tokens of 4K on H800s in BF16, pp 16, ep 16, ZeRO-1;
  // GPU count not published (4,096 assumed: GPU-hours and cost do not depend on it).
  'kimi-k2': {
    ...DEFAULT_TRAINING,
    tokens: 15.5e12,
    deviceId: 'h800',
    gpus: 4096,
    precision: 'bf16',
    tp: 1,
    pp: 16,
    ep: 16,
    seqLen: 4096,
    recompute: 'full',
  },
};

/** Whether two settings describe the same run, field by field. */
function sameRun(a: TrainingSettings, b: TrainingSettings): boolean {
  return (Object.keys(DEFAULT_TRAINING) as (keyof TrainingSettings)[]).every((k) => a[k] === b[k]);
}

/**
 * Whether the settings are preset `presetId`'s published run as it stands (the "As published"
 * button that shows it is pressed); false for a model without one, or an edited one (null).
 */
export function isPublishedRun(presetId: string | null, s: TrainingSettings): boolean {
  const published = presetId === null ? undefined : PUBLISHED_SETTINGS[presetId];
  return published !== undefined && sameRun(published, s);
}

/**
 * The Training view's settings once the model changes to preset `presetId`: while they are still
 * one of the published runs (the default is Scout's), they follow the model, to its published
 * run or, without one, to the default; settings the reader has changed stay as they are.
 *
 * @example trainingForPreset('deepseek-v3', DEFAULT_TRAINING).gpus // 2048 (the report's run)
 * @example trainingForPreset('kimi-k2', { ...DEFAULT_TRAINING, gpus: 4096 }).gpus // 4096
 */
export function trainingForPreset(presetId: string, current: TrainingSettings): TrainingSettings {
  if (!Object.values(PUBLISHED_SETTINGS).some((s) => sameRun(s, current))) return current;
  return { ...(PUBLISHED_SETTINGS[presetId] ?? DEFAULT_TRAINING) };
}
