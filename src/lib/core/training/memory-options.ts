/**
 * The options of a training-memory estimate, checked and with their defaults filled in.
 */
import { ConfigError } from '../model/errors.ts';
import { findDevice, type Device } from '../serving/hardware.ts';
import type { Recompute } from './activations.ts';
import {
  checkLoraRank,
  checkLoraTargets,
  DEFAULT_LORA_TARGETS,
  type FinetuneMethod,
  type LoraTarget,
} from './finetune.ts';
import type { GradientPrecision, TrainingPrecision, ZeroStage } from './memory-states.ts';

export interface TrainingMemoryOptions {
  /** A catalog device id (serving/hardware.ts), or a device. */
  device: string | Device;
  gpus: number;
  precision: TrainingPrecision;
  tp?: number;
  pp?: number;
  ep?: number;
  /** Expert-tensor parallel; default tp when ep = 1, else 1. */
  etp?: number;
  cp?: number;
  /** ZeRO stage over the data-parallel groups; default 1 (Megatron's distributed optimizer). */
  zero?: ZeroStage;
  microBatch: number;
  seqLen: number;
  /** Default: `selective` for pre-training (FlashAttention), `full` (gradient checkpointing) when fine-tuning. */
  recompute?: Recompute;
  /** Absent: pre-training, the same model states as full fine-tuning. */
  finetune?: FinetuneMethod;
  /** LoRA rank; default 16. */
  loraRank?: number;
  loraTargets?: readonly LoraTarget[];
  /** Gradient precision; default fp32 (Megatron's main grads). */
  gradients?: GradientPrecision;
  /** Expert capacity factor; default 1 (dropless, balanced). */
  capacityFactor?: number;
}

export interface ResolvedTrainingOptions {
  device: Device;
  precision: TrainingPrecision;
  zero: ZeroStage;
  microBatch: number;
  seqLen: number;
  recompute: Recompute;
  method: FinetuneMethod | 'pretrain';
  loraRank: number;
  loraTargets: readonly LoraTarget[];
  gradients: GradientPrecision;
  capacityFactor: number;
}

function positiveInt(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(field, value, 'an integer >= 1');
  return value;
}

function resolveDevice(device: string | Device): Device {
  if (typeof device !== 'string') return device;
  const found = findDevice(device);
  if (!found) throw new ConfigError('device', device, 'a known device id, e.g. h100-sxm');
  return found;
}

function checkChoice<T extends string | number>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new ConfigError(field, value, allowed.join(', '));
  return value;
}

/**
 * Checks the options and fills in the defaults; throws ConfigError naming the field.
 *
 * @example resolveTrainingOptions({ device: 'h100-sxm', gpus: 8, precision: 'bf16', microBatch: 1, seqLen: 4096 }).recompute // 'selective'
 */
export function resolveTrainingOptions(options: TrainingMemoryOptions): ResolvedTrainingOptions {
  const method = options.finetune ?? 'pretrain';
  checkChoice('finetune', method, ['pretrain', 'full', 'lora', 'qlora']);
  const seqLen = positiveInt('seqLen', options.seqLen);
  const cp = options.cp ?? 1;
  if (Number.isSafeInteger(cp) && cp > 0 && seqLen % cp !== 0)
    throw new ConfigError(
      'seqLen',
      seqLen,
      `a multiple of cp (${cp}): each GPU holds seqLen / cp tokens`,
    );
  const capacityFactor = options.capacityFactor ?? 1;
  if (!Number.isFinite(capacityFactor) || capacityFactor <= 0)
    throw new ConfigError('capacityFactor', capacityFactor, 'a number > 0');
  return {
    device: resolveDevice(options.device),
    precision: checkChoice('precision', options.precision, ['bf16', 'fp8']),
    zero: checkChoice('zero', options.zero ?? 1, [0, 1, 2, 3] as const),
    microBatch: positiveInt('microBatch', options.microBatch),
    seqLen,
    recompute: checkChoice(
      'recompute',
      options.recompute ?? (method === 'pretrain' ? 'selective' : 'full'),
      ['none', 'selective', 'full'],
    ),
    method,
    loraRank: checkLoraRank(options.loraRank ?? 16),
    loraTargets: checkLoraTargets(options.loraTargets ?? DEFAULT_LORA_TARGETS),
    gradients: checkChoice('gradients', options.gradients ?? 'fp32', ['fp32', 'bf16']),
    capacityFactor,
  };
}
