/**
 * The Training view's settings of a share link, read back (training-keys.ts writes them). Never
 * throws: a value that is unknown, malformed or out of range is left out with a warning naming
 * the key, the value and what is expected (decode-v1.ts LinkReader); the default stays. Whether
 * the settings fit together (a layout that divides the GPUs) is the panel's to say, beside its
 * controls. Loaded with the other link decoders (link-decoders.ts).
 */
import {
  DEFAULT_TRAINING,
  DEVICE_IDS,
  PUBLISHED_SETTINGS,
  TRAINING_RANGES,
  type ModelSource,
  type TrainingSettings,
} from '../core/index.ts';
import type { LinkReader } from './decode-v1.ts';
import { TRAINING_NUMBER_KEYS } from './training-link.ts';

/**
 * The settings from the default, or with `t=run` from the published run of the linked model
 * (`source`, a preset), each key given changing them.
 *
 * @example readTraining(new LinkReader(new URLSearchParams('tk=22000000000000&tw=bf16'), [])).tokens
 *   // 22e12
 * @example readTraining(new LinkReader(new URLSearchParams('t=run'), []), { kind: 'preset', id: 'deepseek-v3' }).gpus // 2048
 */
export function readTraining(r: LinkReader, source: ModelSource | null = null): TrainingSettings {
  const s: TrainingSettings = { ...startOf(r, source?.kind === 'preset' ? source.id : null) };
  for (const [key, field] of TRAINING_NUMBER_KEYS) {
    const range = TRAINING_RANGES[field];
    const value = r.number(key, { ...range, integer: range.step === 1 }, range.step === 1);
    if (value !== undefined) s[field] = value;
  }
  s.deviceId = r.oneOf('tg', DEVICE_IDS) ?? s.deviceId;
  s.precision = r.oneOf('tw', ['bf16', 'fp8'] as const) ?? s.precision;
  const zero = r.oneOf('tz', ['0', '1', '2', '3'] as const);
  if (zero !== undefined) s.zero = Number(zero) as TrainingSettings['zero'];
  s.recompute = r.oneOf('trc', ['none', 'selective', 'full'] as const) ?? s.recompute;
  s.finetune = r.oneOf('tft', ['pretrain', 'full', 'lora', 'qlora'] as const) ?? s.finetune;
  if (r.get('tr') !== null && s.finetune !== 'lora' && s.finetune !== 'qlora') {
    r.warnings.push('tr: only read with tft=lora or tft=qlora; ignored');
    s.loraRank = DEFAULT_TRAINING.loraRank;
  }
  return s;
}

/** The settings a link's training keys change: the default, or the model's run with `t=run`. */
function startOf(r: LinkReader, presetId: string | null): TrainingSettings {
  if (!r.oneOf('t', ['run'] as const)) return DEFAULT_TRAINING;
  const run = presetId === null ? undefined : PUBLISHED_SETTINGS[presetId];
  if (run) return run;
  r.warnings.push(
    `t: "run" is the linked model’s published training run, and ${presetId === null ? 'an imported model' : presetId} has none; ignored`,
  );
  return DEFAULT_TRAINING;
}
