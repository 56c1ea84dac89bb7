/**
 * A training run's compute bill: total FLOPs for D tokens, GPU-hours at an achieved throughput,
 * days on N GPUs, and cost at a GPU-hour price.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { Device } from '../serving/hardware.ts';
import { peakFlops } from '../serving/step.ts';
import { trainingFlopsPerToken, type AttentionMask, type TrainingFlops } from './flops.ts';
import { defaultMfu, type MfuFactor, type TrainingPrecision } from './throughput.ts';

export interface TrainingRunInput {
  spec: ModelSpec;
  counts: ParamCount;
  /** Tokens trained on (D). */
  tokens: number;
  device: Device;
  /** GPUs in the job; default 1 (days then read as GPU-days). */
  gpus?: number;
  precision: TrainingPrecision;
  /** Tokens per sequence (T) for the attention term. */
  seqLen: number;
  mask?: AttentionMask;
  /** LoRA and QLoRA: the base weights get no gradients (flops.ts `frozenWeights`). */
  frozenWeights?: boolean;
  /** Achieved model FLOP/s over the peak at `precision`, in (0, 1]; overrides the default. */
  mfu?: number;
  /** Achieved model TFLOP/s per GPU (1e12 FLOP/s); overrides the default and `mfu`. */
  tflopsPerGpu?: number;
  /**
   * Share of wall-clock time spent training, in (0, 1]: restarts and checkpoints take the rest
   * (Llama 3: "higher than 90% effective training time", 3.3.4). Default 1: stated TFLOP/s
   * are step throughput; the default MFU is already effective (calibrated on published GPU-hours).
   */
  effectiveTimeFraction?: number;
  /** USD per GPU-hour; default the device's catalog price. */
  gpuHourUsd?: number;
}

export interface TrainingRun {
  flopsPerToken: TrainingFlops;
  /** flopsPerToken.total x tokens. */
  totalFlops: number;
  /** Achieved model FLOP/s per GPU while training. */
  achievedFlopsPerGpu: number;
  /** Achieved over the device's peak at the precision. */
  mfu: number;
  /** Where the throughput came from: the user's figure, or the default's factors. */
  throughput: { from: 'tflops' | 'mfu' | 'default'; factors: MfuFactor[] };
  gpuHours: number;
  /** Wall-clock days on `gpus` GPUs. */
  days: number;
  costUsd: number;
}

function positive(field: string, value: number | undefined, expected: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0))
    throw new ConfigError(field, value, expected);
}

function fraction(field: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0 && value <= 1))
    throw new ConfigError(field, value, 'a fraction in (0, 1]');
}

function checkInput(input: TrainingRunInput, peak: number): void {
  positive('tokens', input.tokens, 'a positive number of training tokens');
  const gpus = input.gpus;
  if (gpus !== undefined && !(Number.isInteger(gpus) && gpus >= 1))
    throw new ConfigError('gpus', gpus, 'a whole number of GPUs, at least 1');
  fraction('mfu', input.mfu);
  fraction('effectiveTimeFraction', input.effectiveTimeFraction);
  positive('gpuHourUsd', input.gpuHourUsd, 'a positive price in USD per GPU-hour');
  positive('tflopsPerGpu', input.tflopsPerGpu, 'a positive TFLOP/s per GPU');
  if (input.tflopsPerGpu !== undefined && input.tflopsPerGpu * 1e12 > peak)
    throw new ConfigError(
      'tflopsPerGpu',
      input.tflopsPerGpu,
      `at most ${input.device.name}'s ${input.precision} peak of ${peak / 1e12} TFLOP/s`,
    );
}

/** The achieved FLOP/s per GPU: the user's TFLOP/s, else their MFU, else the default. */
function achievedThroughput(
  input: TrainingRunInput,
  peak: number,
): { flops: number; from: TrainingRun['throughput']['from']; factors: MfuFactor[] } {
  if (input.tflopsPerGpu !== undefined)
    return { flops: input.tflopsPerGpu * 1e12, from: 'tflops', factors: [] };
  if (input.mfu !== undefined) return { flops: input.mfu * peak, from: 'mfu', factors: [] };
  const d = defaultMfu(input.spec, input.counts, input.device, input.precision);
  return { flops: d.achievedFlopsPerSecond, from: 'default', factors: d.factors };
}

/**
 * The compute bill of a training run:
 * totalFlops = flopsPerToken x D; gpuHours = totalFlops / (achieved FLOP/s x effective time) / 3600;
 * days = gpuHours / gpus / 24; cost = gpuHours x USD per GPU-hour.
 * Throughput: `tflopsPerGpu` if given, else `mfu` x the device's peak at `precision`
 * (serving/step.ts `peakFlops`), else `defaultMfu` (throughput.ts).
 *
 * @example DeepSeek-V3 (250.5e9 FLOPs/token at T = 4096), 14.8e12 tokens on H800 at an achieved
 *   387 TFLOP/s: 3.71e24 FLOPs / 387e12 / 3600 = 2.66M GPU-hours (report: 2664K);
 *   on 2048 GPUs, 54.2 days; at $2 per GPU-hour, $5.33M (report: $5.328M).
 */
export function trainingRun(input: TrainingRunInput): TrainingRun {
  if (input.precision === 'fp8' && input.device.flopsPerSecond.fp8 === null)
    throw new ConfigError(
      'precision',
      'fp8',
      `"bf16": ${input.device.name} has no FP8 tensor cores`,
    );
  const peak = peakFlops(input.device, input.precision);
  checkInput(input, peak);
  const flopsPerToken = trainingFlopsPerToken(input.spec, input.counts, {
    seqLen: input.seqLen,
    mask: input.mask,
    frozenWeights: input.frozenWeights,
  });
  const totalFlops = flopsPerToken.total * input.tokens;
  const achieved = achievedThroughput(input, peak);
  const effective = input.effectiveTimeFraction ?? 1;
  const gpuHours = totalFlops / (achieved.flops * effective) / 3600;
  const gpus = input.gpus ?? 1;
  return {
    flopsPerToken,
    totalFlops,
    achievedFlopsPerGpu: achieved.flops,
    mfu: achieved.flops / peak,
    throughput: { from: achieved.from, factors: achieved.factors },
    gpuHours,
    days: gpuHours / gpus / 24,
    costUsd: gpuHours * (input.gpuHourUsd ?? input.device.usdPerHour),
  };
}
