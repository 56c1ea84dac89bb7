/**
 * The Training view's fields: each numeric setting's range, and token counts as training runs
 * are quoted ("40T"). A module apart from training-settings.ts, whose defaults every share link
 * writes: only the panel and the link's decoder (both loaded on demand) read these.
 */
import type { ControlRange } from './controls.ts';
import type { TrainingNumberField } from './training-settings.ts';

type Range = Omit<ControlRange, 'id' | 'group'>;

/**
 * Each numeric setting's label, unit, hint and range: the fields' and the link's. Written out
 * (no helper call), so that a bundle that does not read it leaves it out.
 */
export const TRAINING_RANGES: Readonly<Record<TrainingNumberField, Range>> = {
  tokens: {
    label: 'Training tokens',
    unit: 'tokens',
    hint: 'Tokens trained on: 40T, 500B, 1.5e12',
    min: 1,
    max: 1e15,
    step: 1,
    scale: 'log',
  },
  gpus: {
    label: 'Training GPUs',
    unit: 'GPUs',
    hint: 'GPUs in the job',
    min: 1,
    max: 1_048_576,
    step: 1,
    scale: 'log',
  },
  mfu: { label: 'MFU', unit: '', hint: '', min: 0.01, max: 1, step: 0.01, scale: 'linear' },
  tflopsPerGpu: {
    label: 'TFLOP/s per GPU',
    unit: 'TFLOP/s',
    hint: '',
    min: 1,
    max: 100_000,
    step: 0.1,
    scale: 'linear',
  },
  tp: {
    label: 'Tensor parallel (tp)',
    unit: 'GPUs',
    hint: 'Attention and dense layers split',
    min: 1,
    max: 1024,
    step: 1,
    scale: 'log',
  },
  pp: {
    label: 'Pipeline parallel (pp)',
    unit: 'stages',
    hint: 'Layers split into stages',
    min: 1,
    max: 1024,
    step: 1,
    scale: 'log',
  },
  ep: {
    label: 'Expert parallel (ep)',
    unit: 'GPUs',
    hint: 'Routed experts split by expert',
    min: 1,
    max: 1024,
    step: 1,
    scale: 'log',
  },
  cp: {
    label: 'Context parallel (cp)',
    unit: 'GPUs',
    hint: 'The sequence split into chunks',
    min: 1,
    max: 1024,
    step: 1,
    scale: 'log',
  },
  microBatch: {
    label: 'Micro-batch',
    unit: 'sequences',
    hint: 'Sequences per GPU per step',
    min: 1,
    max: 4096,
    step: 1,
    scale: 'log',
  },
  seqLen: {
    label: 'Sequence length',
    unit: 'tokens',
    hint: 'Tokens per training sequence',
    min: 1,
    max: 16_777_216,
    step: 1,
    scale: 'log',
  },
  loraRank: {
    label: 'LoRA rank',
    unit: 'rank',
    hint: 'Rank of the adapters',
    min: 1,
    max: 4096,
    step: 1,
    scale: 'log',
  },
};

/**
 * A token count in the short form training runs are quoted in, 4 significant digits at most.
 *
 * @example formatTrainingTokens(40e12) // '40T'
 * @example formatTrainingTokens(1.5e9) // '1.5B'
 */
export function formatTrainingTokens(tokens: number): string {
  for (const [scale, suffix] of [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const)
    if (tokens >= scale) return `${Number((tokens / scale).toPrecision(4))}${suffix}`;
  return String(tokens);
}

/**
 * A token count as a training run is quoted: trillions with T ("40T"), else k, M, G or B as
 * elsewhere on the page (`parse`, typed-number.ts `parseNumberText`).
 *
 * @example parseTrainingTokens('40T', parseNumberText) // 40_000_000_000_000
 */
export function parseTrainingTokens(
  text: string,
  parse: (text: string) => number | null,
): number | null {
  const trillions = /^\s*(\d+(?:\.\d+)?)\s*t\s*$/i.exec(text.replace(/[_,]/g, ''));
  return trillions ? Math.round(Number(trillions[1]) * 1e12) : parse(text);
}
