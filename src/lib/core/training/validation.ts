/**
 * Published training runs against the model: for each, the GPU-hours the core computes with its
 * default throughput (which must land within x1.5) and, where the run states its achieved
 * TFLOP/s, with that figure (within 10%). Pure: the caller parses the fixture and resolves models.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { countParams } from '../params/count.ts';
import { findDevice } from '../serving/hardware.ts';
import { trainingRun } from './run.ts';
import type { TrainingPrecision } from './throughput.ts';

/** One run of tests/fixtures/training-runs.json. */
export interface PublishedTrainingRun {
  id: string;
  /** A preset id, or a config id in tests/fixtures (the caller resolves it). */
  model: string;
  tokens: number;
  device: string;
  gpus?: number;
  precision: TrainingPrecision;
  seqLen: number;
  /** Published GPU-hours for `tokens`. */
  gpuHours: number;
  /** Published achieved TFLOP/s per GPU, where the source states one. */
  tflopsPerGpu?: number;
  /** Published tokens/s per GPU (LLaMA: "380 tokens/sec/GPU"), where stated instead of TFLOP/s. */
  tokensPerSecondPerGpu?: number;
  /** Published share of time spent training, where the source states one. */
  effectiveTimeFraction?: number;
  quote: string;
  source: string;
  notes?: string;
}

export interface ValidationCheck {
  computedGpuHours: number;
  /** computed / published. */
  ratio: number;
  /** The allowed factor (1.5: within x1.5 either way) or fraction (0.1: within 10%). */
  band: number;
  within: boolean;
}

export interface TrainingValidationRow {
  id: string;
  publishedGpuHours: number;
  /** With the default throughput (throughput.ts `defaultMfu`). */
  defaults: ValidationCheck & { mfu: number };
  /** With the published TFLOP/s (or tokens/s x FLOPs per token); absent when the run states none. */
  stated?: ValidationCheck;
}

/** Defaults must land within this factor of every published run. */
export const DEFAULT_BAND = 1.5;
/** A run's own stated TFLOP/s must land within this fraction of its GPU-hours. */
export const STATED_BAND = 0.1;

function check(
  computed: number,
  published: number,
  band: number,
  factor: boolean,
): ValidationCheck {
  const ratio = computed / published;
  const within = factor ? ratio <= band && ratio >= 1 / band : Math.abs(ratio - 1) <= band;
  return { computedGpuHours: computed, ratio, band, within };
}

/** The run's stated TFLOP/s per GPU: as published, or tokens/s x FLOPs per token. */
function statedTflops(run: PublishedTrainingRun, flopsPerToken: number): number | undefined {
  if (run.tflopsPerGpu !== undefined) return run.tflopsPerGpu;
  if (run.tokensPerSecondPerGpu !== undefined)
    return (run.tokensPerSecondPerGpu * flopsPerToken) / 1e12;
  return undefined;
}

/**
 * One row per published run: published GPU-hours, computed with the defaults (ratio, x1.5 band)
 * and with the run's stated TFLOP/s (ratio, 10% band), for the README's validation table.
 *
 * @example trainingValidationRows(fixture.runs, (id) => presetSpec(findPreset(id)!))
 *   // [{ id: 'deepseek-v3-pretraining', publishedGpuHours: 2664000,
 *   //    defaults: { ratio: 1.29, within: true, ... } }, ...]
 */
export function trainingValidationRows(
  runs: readonly PublishedTrainingRun[],
  resolveSpec: (model: string) => ModelSpec,
): TrainingValidationRow[] {
  return runs.map((run) => {
    const device = findDevice(run.device);
    if (!device)
      throw new ConfigError(`${run.id}.device`, run.device, 'a device id in the catalog');
    const spec = resolveSpec(run.model);
    const base = {
      spec,
      counts: countParams(spec),
      tokens: run.tokens,
      device,
      gpus: run.gpus,
      precision: run.precision,
      seqLen: run.seqLen,
    };
    const byDefault = trainingRun(base);
    const row: TrainingValidationRow = {
      id: run.id,
      publishedGpuHours: run.gpuHours,
      defaults: {
        ...check(byDefault.gpuHours, run.gpuHours, DEFAULT_BAND, true),
        mfu: byDefault.mfu,
      },
    };
    const tflops = statedTflops(run, byDefault.flopsPerToken.total);
    if (tflops !== undefined) {
      const stated = trainingRun({
        ...base,
        tflopsPerGpu: tflops,
        effectiveTimeFraction: run.effectiveTimeFraction,
      });
      row.stated = check(stated.gpuHours, run.gpuHours, STATED_BAND, false);
    }
    return row;
  });
}
