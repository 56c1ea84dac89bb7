/**
 * The Training view's settings as data: what a run is (tokens, GPUs, device, precision,
 * throughput), how it is laid out (tp, pp, ep, cp, ZeRO, micro-batch, sequence length,
 * recompute) and whether it fine-tunes. Small and free of the training model, so the share
 * link can write them without loading it (training-view.ts computes what they give).
 */
export type TrainingFinetune = 'pretrain' | 'full' | 'lora' | 'qlora';
export type TrainingRecompute = 'none' | 'selective' | 'full';

export interface TrainingSettings {
  /** Tokens trained on (D). */
  tokens: number;
  deviceId: string;
  gpus: number;
  precision: 'bf16' | 'fp8';
  /** Achieved MFU in (0, 1]; null: the core's default (throughput.ts `defaultMfu`). */
  mfu: number | null;
  /** Achieved TFLOP/s per GPU; null: none given. Wins over `mfu`. */
  tflopsPerGpu: number | null;
  tp: number;
  pp: number;
  ep: number;
  cp: number;
  zero: 0 | 1 | 2 | 3;
  microBatch: number;
  seqLen: number;
  /** null: the core's default (selective for pre-training, full when fine-tuning). */
  recompute: TrainingRecompute | null;
  finetune: TrainingFinetune;
  loraRank: number;
}

/**
 * Llama 4 Scout's pre-training as its model card states it: ~40T tokens on H100-80GB in FP8,
 * 8,192 tokens per sequence (tests/fixtures/training-runs.json). The card and the blog give no
 * GPU count for Scout: 8,192 GPUs (1,024 nodes of 8) is assumed; GPU-hours and cost do not
 * depend on it, days do. The layout (tp 8, ep 16, ZeRO-1, micro-batch 1) is one that fits in
 * 80 GB; Meta has not published Scout's.
 */
export const DEFAULT_TRAINING: Readonly<TrainingSettings> = {
  tokens: 40e12,
  deviceId: 'h100-sxm',
  gpus: 8192,
  precision: 'fp8',
  mfu: null,
  tflopsPerGpu: null,
  tp: 8,
  pp: 1,
  ep: 16,
  cp: 1,
  zero: 1,
  microBatch: 1,
  seqLen: 8192,
  recompute: null,
  finetune: 'pretrain',
  loraRank: 16,
};

/** The numeric settings that have a field. */
export type TrainingNumberField =
  | 'tokens'
  | 'gpus'
  | 'mfu'
  | 'tflopsPerGpu'
  | 'tp'
  | 'pp'
  | 'ep'
  | 'cp'
  | 'microBatch'
  | 'seqLen'
  | 'loraRank';
