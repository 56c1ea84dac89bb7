/**
 * `train`: what a pre-training or fine-tuning run costs (FLOPs, GPU-hours, days, price) and the
 * memory it needs per GPU, from the core's training stage.
 */
import {
  ConfigError,
  countParams,
  DEVICE_IDS,
  findDevice,
  formatBytes,
  parseTokenCount,
  trainingFitSuggestions,
  trainingMemory,
  trainingRun,
  type FinetuneMethod,
  type ModelSpec,
  type Recompute,
  type TrainingFitSuggestion,
  type TrainingPrecision,
  type TrainingSettings,
  type ZeroStage,
} from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption } from './options.ts';
import { printable } from './printable.ts';
import { TRAIN_DEFAULTS, TRAIN_OPTIONS } from './train-options.ts';
import { UsageError } from './usage-error.ts';

function oneOf<T extends string>(
  options: Map<string, string>,
  name: string,
  allowed: readonly T[],
) {
  const value = options.get(name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value.toLowerCase() as T))
    throw new UsageError(
      `--${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return value.toLowerCase() as T;
}

/** Trillions, as training runs are quoted ("~40T tokens"); the explorer's suffixes stop at G. */
const TRILLIONS = /^\s*(\d+(?:\.\d+)?)\s*t\s*$/i;

/** --tokens: a count as the explorer reads one (1.5e12, 500B), or trillions with T (40T). */
function tokens(options: Map<string, string>): number {
  const text = options.get('tokens');
  if (text === undefined)
    throw new UsageError('--tokens is required: the tokens to train on, e.g. 40T');
  const trillions = TRILLIONS.exec(text);
  if (trillions) return Math.round(Number(trillions[1]) * 1e12);
  try {
    return parseTokenCount(text, '--tokens');
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(
        `--tokens: expected a token count such as 40T, 500B or 1.5e12, got ${JSON.stringify(text)}`,
      );
    throw error;
  }
}

/** The command line's run and memory options, every flag read before any is refused. */
function trainArgs(options: Map<string, string>) {
  const number = (name: string) => numberOption(options, findOption(TRAIN_OPTIONS, name));
  const gpuId = options.get('gpu') ?? TRAIN_DEFAULTS.gpu;
  const finetune = oneOf<FinetuneMethod>(options, 'finetune', ['full', 'lora', 'qlora']);
  const read = {
    gpus: number('gpus') ?? TRAIN_DEFAULTS.gpus,
    precision:
      oneOf<TrainingPrecision>(options, 'precision', ['bf16', 'fp8']) ?? TRAIN_DEFAULTS.precision,
    seqLen: number('seq-len') ?? TRAIN_DEFAULTS.seqLen,
    mfu: number('mfu'),
    tflopsPerGpu: number('tflops'),
    gpuHourUsd: number('gpu-hour-usd'),
    tp: number('tp'),
    pp: number('pp'),
    ep: number('ep'),
    cp: number('cp'),
    zero: number('zero') as ZeroStage | undefined,
    microBatch: number('micro-batch') ?? TRAIN_DEFAULTS.microBatch,
    recompute: oneOf<Recompute>(options, 'recompute', ['none', 'selective', 'full']),
    finetune,
    loraRank: number('lora-rank'),
  };
  const device = findDevice(gpuId);
  if (!device)
    throw new UsageError(
      `--gpu: expected one of ${DEVICE_IDS.join(', ')}, got ${JSON.stringify(gpuId)}`,
    );
  if (read.mfu !== undefined && read.tflopsPerGpu !== undefined)
    throw new UsageError('give --mfu or --tflops, not both');
  if (read.loraRank !== undefined && finetune !== 'lora' && finetune !== 'qlora')
    throw new UsageError('--lora-rank needs --finetune lora or --finetune qlora');
  return { ...read, device, tokens: tokens(options) };
}

/** The flag that sets each setting a fit suggestion changes. */
const FLAGS: Partial<Record<keyof TrainingSettings, string>> = {
  recompute: '--recompute',
  zero: '--zero',
  microBatch: '--micro-batch',
  pp: '--pp',
  ep: '--ep',
  tp: '--tp',
  cp: '--cp',
  deviceId: '--gpu',
  gpus: '--gpus',
};

/** A suggestion's patch as the flags that apply it: ["--pp", "8"]. */
function flagsOf(s: TrainingFitSuggestion): string[] {
  return Object.entries(s.patch).flatMap(([key, value]) => [
    FLAGS[key as keyof TrainingSettings] ?? `--${key}`,
    String(value),
  ]);
}

/**
 * When the layout does not fit: the smallest change along each axis that does, as the page
 * offers them (core explorer/training-fit.ts), each with the flags that apply it.
 */
function fitSuggestions(spec: ModelSpec, a: ReturnType<typeof trainArgs>) {
  const settings: TrainingSettings = {
    tokens: a.tokens,
    deviceId: a.device.id,
    gpus: a.gpus,
    precision: a.precision,
    mfu: a.mfu ?? null,
    tflopsPerGpu: a.tflopsPerGpu ?? null,
    tp: a.tp ?? 1,
    pp: a.pp ?? 1,
    ep: a.ep ?? 1,
    cp: a.cp ?? 1,
    zero: a.zero ?? 1,
    microBatch: a.microBatch,
    seqLen: a.seqLen,
    recompute: a.recompute ?? null,
    finetune: a.finetune ?? 'pretrain',
    loraRank: a.loraRank ?? 16,
  };
  return trainingFitSuggestions({ spec, count: countParams(spec) }, settings).map((s) => ({
    axis: s.axis,
    label: s.label,
    flags: flagsOf(s),
    memoryPerGpuBytes: s.memoryBytes,
    capacityBytes: s.capacityBytes,
  }));
}

/** Runs `train`: one JSON object, or a readable summary. */
export function trainCommand(spec: ModelSpec, options: Map<string, string>, json: boolean): string {
  const a = trainArgs(options);
  const counts = countParams(spec);
  try {
    const frozenWeights = a.finetune === 'lora' || a.finetune === 'qlora';
    const run = trainingRun({ spec, counts, ...a, frozenWeights });
    const memory = trainingMemory(spec, counts, a);
    const result = {
      model: spec.name,
      flopsPerToken: run.flopsPerToken.total,
      flopsPerTokenBreakdown: run.flopsPerToken,
      totalFlops: run.totalFlops,
      achievedFlopsPerGpu: run.achievedFlopsPerGpu,
      mfu: run.mfu,
      throughput: run.throughput,
      gpuHours: run.gpuHours,
      days: run.days,
      costUsd: run.costUsd,
      memoryPerGpuBytes: memory.memoryPerGpuBytes,
      fits: memory.fits,
      capacityBytes: memory.capacityBytes,
      layout: memory.layout,
      method: memory.method,
      recompute: memory.recompute,
      fitSuggestions: memory.fits ? [] : fitSuggestions(spec, a),
    };
    if (json) return JSON.stringify(result, null, 2);
    return summary(spec, a.device.name, a.gpus, result);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(
        `--${error.field.replace(/ /g, '-')}: expected ${error.expected}, got ${String(error.value)}`,
      );
    throw error;
  }
}

type TrainResult = {
  flopsPerToken: number;
  totalFlops: number;
  mfu: number;
  achievedFlopsPerGpu: number;
  gpuHours: number;
  days: number;
  costUsd: number;
  memoryPerGpuBytes: {
    weights: number;
    gradients: number;
    optimizer: number;
    activations: number;
    total: number;
  };
  fits: boolean;
  capacityBytes: number;
  method: string;
  fitSuggestions: { label: string; flags: string[]; memoryPerGpuBytes: number }[];
};

function summary(spec: ModelSpec, deviceName: string, gpus: number, r: TrainResult): string {
  const f = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
  const m = r.memoryPerGpuBytes;
  return [
    `${printable(spec.name)}: ${r.method === 'pretrain' ? 'pre-training' : `${r.method} fine-tuning`} on ${f(gpus)} x ${deviceName}`,
    `compute   ${(r.flopsPerToken / 1e9).toFixed(1)} GFLOP per token, ${r.totalFlops.toExponential(3)} FLOP in all`,
    `speed     ${f(r.achievedFlopsPerGpu / 1e12)} TFLOP/s per GPU (MFU ${(r.mfu * 100).toFixed(1)}%)`,
    `time      ${f(r.gpuHours)} GPU-hours, ${f(r.days, 1)} days, $${f(r.costUsd)}`,
    `memory    ${formatBytes(m.total)} per GPU of ${formatBytes(r.capacityBytes)}: ${r.fits ? 'fits' : 'does NOT fit'} (weights ${formatBytes(m.weights)}, gradients ${formatBytes(m.gradients)}, optimizer ${formatBytes(m.optimizer)}, activations ${formatBytes(m.activations)})`,
    ...r.fitSuggestions.map(
      (s, i) =>
        `${i === 0 ? 'to fit   ' : '         '} ${s.flags.join(' ')}: ${formatBytes(s.memoryPerGpuBytes)} per GPU, ${s.label}`,
    ),
    ...(r.fits || r.fitSuggestions.length > 0
      ? []
      : [
          'to fit    no single change of recompute, ZeRO, micro-batch, tp, pp, ep, cp, GPU or GPU count fits, nor any layout of tp, pp and ep',
        ]),
  ].join('\n');
}
