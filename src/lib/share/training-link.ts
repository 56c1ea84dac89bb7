/**
 * The share link's Training view parameters (issue 14), all prefixed with `t`, each left out
 * when it equals DEFAULT_TRAINING (Llama 4 Scout as its card states it):
 *   t=run          the linked model's published run as it stands (published-runs.ts), in place
 *                  of its keys: `m=kimi-k2&t=run`
 *   tk tn          training tokens, GPUs
 *   tg tw          GPU type, precision (bf16 fp8)
 *   tm tf          MFU (0.01 to 1), TFLOP/s per GPU; left out: the default throughput
 *   ttp tpp tep tcp  tensor, pipeline, expert, context parallel
 *   tz tmb tsl trc ZeRO stage (0-3), micro-batch, sequence length, recompute (none selective full;
 *                  left out: the default for the method)
 *   tft tr         fine-tuning (full lora qlora; left out: pre-training), LoRA rank
 * The writer and the reader (decode-training.ts) load with the link decoders (link-decoders.ts):
 * until they have, a link writes no training settings (the page then shows the default ones,
 * and a link that sets them waits for the decoders).
 *
 * @example encodeTraining(p, { ...DEFAULT_TRAINING, tokens: 22e12 }) // p: tk=22000000000000
 */
import {
  DEFAULT_PRESET_ID,
  DEFAULT_TRAINING,
  isPublishedRun,
  type ModelSource,
  type TrainingNumberField,
  type TrainingSettings,
} from '../core/index.ts';
import { canonicalNumber } from './decimals.ts';

export const TRAINING_NUMBER_KEYS: readonly [string, TrainingNumberField][] = [
  ['tk', 'tokens'],
  ['tn', 'gpus'],
  ['tm', 'mfu'],
  ['tf', 'tflopsPerGpu'],
  ['ttp', 'tp'],
  ['tpp', 'pp'],
  ['tep', 'ep'],
  ['tcp', 'cp'],
  ['tmb', 'microBatch'],
  ['tsl', 'seqLen'],
  ['tr', 'loraRank'],
];

export const TRAINING_CHOICE_KEYS = ['tg', 'tw', 'tz', 'trc', 'tft'] as const;

/**
 * Writes the settings that differ from the default into `p`; the published run of the linked
 * model (`source`, a preset), unchanged, as `t=run`.
 */
export function encodeTraining(
  p: URLSearchParams,
  s: TrainingSettings,
  source: ModelSource | null = null,
): void {
  const d = DEFAULT_TRAINING;
  // The default preset's run (Scout's) is the default, which writes nothing.
  if (
    source?.kind === 'preset' &&
    !isPublishedRun(DEFAULT_PRESET_ID, s) &&
    isPublishedRun(source.id, s)
  ) {
    p.set('t', 'run');
    return;
  }
  for (const [key, field] of TRAINING_NUMBER_KEYS) {
    const value = s[field];
    // The rank is a LoRA setting: without LoRA it is not read, so not written.
    if (field === 'loraRank' && s.finetune !== 'lora' && s.finetune !== 'qlora') continue;
    if (value !== d[field] && value !== null) p.set(key, String(canonicalNumber(value)));
  }
  if (s.deviceId !== d.deviceId) p.set('tg', s.deviceId);
  if (s.precision !== d.precision) p.set('tw', s.precision);
  if (s.zero !== d.zero) p.set('tz', String(s.zero));
  if (s.recompute !== null) p.set('trc', s.recompute);
  if (s.finetune !== d.finetune) p.set('tft', s.finetune);
}
