/**
 * What the Training view shows, from the explorer's model and the training settings: the
 * headline facts (FLOPs, GPU-hours, cost, memory per GPU, fits) each with its formula, the
 * memory stack against the device, GPU-hours against tokens with the chosen and the published
 * points, and the published scenario the settings match (training-scenarios.ts).
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import { findDevice, type Device } from '../serving/hardware.ts';
import { trainingMemory, type TrainingMemory } from '../training/memory.ts';
import { trainingRun, type TrainingRun } from '../training/run.ts';
import { defaultMfu, type DefaultMfu } from '../training/throughput.ts';
import { formatBytes, formatInteger, formatPercent, formatUsd, type ByteUnit } from './format.ts';
import type { Explanation } from './formulas.ts';
import { trainingInputs } from './training-inputs.ts';
import type { TrainingSettings } from './training-settings.ts';
import { TRAINING_SCENARIOS, type TrainingScenario } from './training-scenarios.ts';

/** A core error as the panel shows it: the field, the value received and what is expected. */
export interface TrainingProblem {
  field: string;
  value: string;
  expected: string;
  message: string;
}

export interface TrainingFacts {
  run: TrainingRun | null;
  memory: TrainingMemory | null;
  /** Why `run` (or `memory`) is null. */
  runError: TrainingProblem | null;
  memoryError: TrainingProblem | null;
  device: Device | null;
  /** The default throughput and its factors, whether or not an override is set. */
  defaultThroughput: DefaultMfu | null;
  explanations: Record<'flops' | 'gpuHours' | 'cost' | 'memory', Explanation> | null;
  /** GPU-hours against tokens, 1e9 to 1e14 tokens (null without a run). */
  curve: TrainingCurve | null;
}

export interface TrainingCurve {
  /** The token axis: TOKEN_AXIS. */
  domain: readonly [number, number];
  points: { tokens: number; gpuHours: number }[];
  chosen: { tokens: number; gpuHours: number };
  /** The source's point when the model and settings are a scenario's; null otherwise. */
  published: { tokens: number; gpuHours: number; label: string; text: string } | null;
}

/** The curve's token axis, as the view draws it. */
export const TOKEN_AXIS = { min: 1e9, max: 1e14 } as const;

function problem(error: unknown): TrainingProblem {
  if (error instanceof ConfigError) {
    const value = typeof error.value === 'string' ? error.value : String(error.value);
    return { field: error.field, value, expected: error.expected, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { field: 'training', value: '', expected: '', message };
}

/**
 * The scenario whose published point applies: the model is the scenario's preset, unedited, on
 * the scenario's device, precision and tokens-per-sequence (its GPU-hours are for those).
 */
export function matchingScenario(
  presetId: string | null,
  s: TrainingSettings,
): TrainingScenario | null {
  const found = TRAINING_SCENARIOS.find((x) => x.presetId === presetId);
  if (!found || found.publishedGpuHours === null) return null;
  const t = found.settings;
  const same =
    s.deviceId === t.deviceId && s.precision === t.precision && s.finetune === 'pretrain';
  return same ? found : null;
}

/**
 * GPU-hours against tokens: gpuHours(D) = gpuHours x D / tokens (the run's cost is linear in D),
 * 6 points a decade from 1e9 to 1e14 tokens, the chosen run and the published point.
 *
 * @example trainingCurve(run(5e6 GPU-hours at 40T), 40e12, null).points[0] // { tokens: 1e9, gpuHours: 125 }
 */
export function trainingCurve(
  run: TrainingRun,
  tokens: number,
  scenario: TrainingScenario | null,
): TrainingCurve {
  const perToken = run.gpuHours / tokens;
  const points = [];
  for (let i = 0; i <= 30; i++) {
    const d = Number((TOKEN_AXIS.min * 10 ** (i / 6)).toPrecision(3));
    points.push({ tokens: d, gpuHours: perToken * d });
  }
  const published =
    scenario && scenario.publishedGpuHours !== null
      ? {
          tokens: scenario.settings.tokens,
          gpuHours: scenario.publishedGpuHours,
          label: `${scenario.name} ${scenario.publishedIn ?? 'card'}`,
          text: scenario.publishedText ?? String(scenario.publishedGpuHours),
        }
      : null;
  const domain = [TOKEN_AXIS.min, TOKEN_AXIS.max] as const;
  return { domain, points, chosen: { tokens, gpuHours: run.gpuHours }, published };
}

const e = (n: number) => n.toExponential(3).replace('e+', 'e');
const millions = (n: number) => `${formatInteger(n)} (${(n / 1e6).toFixed(2)}M)`;

function explain(
  run: TrainingRun,
  memory: TrainingMemory | null,
  s: TrainingSettings,
  unit: ByteUnit,
): TrainingFacts['explanations'] {
  const f = run.flopsPerToken;
  const b = memory?.memoryPerGpuBytes;
  const price = run.costUsd / run.gpuHours;
  return {
    flops: {
      formula:
        'FLOPs = (6 × N active matmul parameters + attention scores) × D tokens (4 × N with frozen weights)',
      substituted: `(${e(f.dense)} + ${e(f.attention)}) × ${e(s.tokens)} = ${e(run.totalFlops)} FLOPs`,
    },
    gpuHours: {
      formula: 'GPU-hours = FLOPs ÷ achieved FLOP/s per GPU ÷ 3600',
      substituted: `${e(run.totalFlops)} ÷ ${e(run.achievedFlopsPerGpu)} (MFU ${formatPercent(run.mfu)}) ÷ 3600 = ${millions(run.gpuHours)}`,
    },
    cost: {
      formula: 'cost = GPU-hours × $ per GPU-hour (the device’s catalog price)',
      substituted: `${millions(run.gpuHours)} × ${formatUsd(price)} = ${formatUsd(run.costUsd)}`,
    },
    memory: {
      formula:
        'per GPU = weights + gradients + optimizer + activations + dispatch buffers (busiest pipeline stage)',
      substituted: b
        ? `${[b.weights, b.gradients, b.optimizer, b.activations, b.buffers].map((x) => formatBytes(x, unit)).join(' + ')} = ${formatBytes(b.total, unit)}`
        : 'the layout is not valid (see the message beside the controls)',
    },
  };
}

/**
 * Everything the Training view shows for a model and settings. Never throws: a ConfigError of
 * the run or of the memory is returned as a problem, and the other half still computes.
 *
 * @example trainingFacts(scout, countParams(scout), DEFAULT_TRAINING, 'llama4-scout', 'GB')
 *   .run!.gpuHours // about 4.98e6 (the card: 5.0M)
 */
export function trainingFacts(
  spec: ModelSpec,
  counts: ParamCount,
  s: TrainingSettings,
  presetId: string | null,
  unit: ByteUnit,
): TrainingFacts {
  const device = findDevice(s.deviceId) ?? null;
  if (!device) {
    const err = problem(new ConfigError('device', s.deviceId, 'a device of the catalog'));
    const none = { defaultThroughput: null, explanations: null, curve: null };
    return { run: null, memory: null, runError: err, memoryError: err, device, ...none };
  }
  const input = trainingInputs(spec, counts, s, device);
  const [run, runError] = attempt(() => trainingRun(input.run));
  const [memory, memoryError] = attempt(() => trainingMemory(spec, counts, input.memory));
  // Its own error is the run's (FP8 on a device without it), said there.
  const [defaultThroughput] = attempt(() => defaultMfu(spec, counts, device, s.precision));
  return {
    run,
    memory,
    runError,
    memoryError,
    device,
    defaultThroughput,
    explanations: run ? explain(run, memory, s, unit) : null,
    curve: run ? trainingCurve(run, s.tokens, matchingScenario(presetId, s)) : null,
  };
}

/** The value, or the problem it threw. */
function attempt<T>(compute: () => T): [T, null] | [null, TrainingProblem] {
  try {
    return [compute(), null];
  } catch (error) {
    return [null, problem(error)];
  }
}
