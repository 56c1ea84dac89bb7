/**
 * The default achieved training throughput (model FLOPs utilization) of a model on a device, built
 * from the factors that move it, each calibrated on published runs and named with its source.
 * Published runs span about 150 to 390 TFLOP/s per H100-class GPU, so no single constant fits.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { Device } from '../serving/hardware.ts';
import { peakFlops } from '../serving/step.ts';

/** The precision of the training matmuls: BF16 mixed precision, or FP8 (DeepSeek-V3, Llama 4). */
import type { TrainingPrecision } from './memory-states.ts';

export type { TrainingPrecision } from './memory-states.ts';

export interface MfuFactor {
  name: 'size' | 'device' | 'precision' | 'experts';
  /** Multiplies the achieved FLOP/s (size: the BF16 MFU itself). */
  value: number;
  source: string;
}

export interface DefaultMfu {
  /** Achieved model FLOP/s over the device's dense peak at `precision`, in (0, 1]. */
  mfu: number;
  /** Achieved model FLOP/s per GPU. */
  achievedFlopsPerSecond: number;
  factors: MfuFactor[];
}

/** BF16 effective MFU of Llama 3.1 8B on H100 (model card GPU-hours vs trainingFlopsPerToken). */
const SIZE_ANCHOR = { params: 7.5e9, mfu: 0.1485 };
/** Gain per decade of active parameters, from 8B (0.1485) to 405B (0.3584) on the same card. */
const SIZE_SLOPE_PER_DECADE = 0.1213;
/** The Llama 3 paper's best step MFU (43%) caps it; 10% floors tiny models. */
const SIZE_MFU_RANGE = { min: 0.1, max: 0.43 } as const;

/**
 * Ampere data-centre GPUs reach a higher share of their (lower) peak: Llama 2 on A100-80GB ran at
 * 41%, 40%, 44% BF16 MFU (7B, 13B, 70B) where the Hopper size factor predicts 14%, 18%, 27%.
 */
const AMPERE = { ids: new Set(['a100-80gb', 'a100-40gb']), gain: 2.2 } as const;
/** No published large run exceeds about half its peak (PaLM 46.2%, Llama 2 70B 44%). */
const MFU_CEILING = 0.5;

/** FP8 over BF16 end-to-end training speedup (PyTorch/TorchAO, MXFP8 Llama 4 Scout). */
const FP8_SPEEDUP = 1.3;

const SIZE_SOURCE =
  'Llama 3.1 model card (GPU-hours: 8B 1.46M, 70B 7.0M, 405B 30.84M H100-80GB for ~15T tokens): ' +
  'effective BF16 MFU 0.1485, 0.2702, 0.3584 with trainingFlopsPerToken at 8K; fitted as ' +
  '0.1485 + 0.1213 x log10(active non-embedding / 7.5e9), capped at the Llama 3 paper Table 4 best (43%). ' +
  'Effective: it includes restarts and evaluation, as published GPU-hours do.';

const PRECISION_SOURCE =
  'BF16: 1 (the calibration runs are BF16). FP8: x1.3, PyTorch blog 2026-03, "MXFP8 Training for ' +
  'MoEs: 1.3x training speedup vs BF16 for Llama4 Scout": FP8 runs the matmuls at twice the BF16 ' +
  'peak but the step gains about 1.3x (attention, norms, communication and casts keep their ' +
  'speed). The FP8 runs of Llama 4 Scout/Maverick and DeepSeek-V3 then land at 1.00x-1.30x.';

const DEVICE_SOURCE =
  'Size factor calibrated on H100 (Llama 3.1). A100: x2.2, from the Llama 2 model card (7B 184,320, ' +
  '13B 368,640, 70B 1,720,320 A100-80GB GPU-hours for 2.0T tokens at 4K: BF16 MFU 0.41, 0.40, 0.44), ' +
  'capped so that MFU stays at most 0.5 (PaLM 46.2%). Other devices: 1 (no published run to ' +
  'calibrate them; set --mfu or --tflops).';

const EXPERTS_SOURCE =
  'No penalty (1.0): with the size factor, fine-grained MoE runs show none. Parallel Folding ' +
  '(arXiv 2504.14960) measures 49.3% MFU for Mixtral 8x22B (experts 2.67 x hidden, top-2) and ' +
  '39.0% for Qwen2-57B-A14B (0.71 x hidden, top-8): 0.79x, which the size factor alone predicts ' +
  '(0.77x for 39B vs 14B active). DeepSeek-V2/V3 (experts 0.29-0.30 x hidden, top-6/8) run 1.3x ' +
  'above the dense trend, their all-to-all hidden by DualPipe (DeepSeek-V3 report 3.2.1).';

/** `active` parameters a token multiplies, the size measure: embedding lookup excluded. */
function activeMatmulParams(counts: ParamCount): number {
  return counts.activeExcludingEmbedding;
}

/**
 * BF16 MFU of a run on Hopper-class GPUs from its active size:
 * 0.1485 + 0.1213 x log10(active / 7.5e9), within [0.10, 0.43], active without the embedding. Bigger matmuls keep the tensor
 * cores busier and amortize communication (Llama 3.1 card; see SIZE_SOURCE).
 *
 * @example sizeMfu(403.75e9) // 0.1485 + 0.1213 x 1.7310 = 0.3585 (Llama 3.1 405B)
 */
export function sizeMfu(activeParams: number): number {
  const raw =
    SIZE_ANCHOR.mfu + SIZE_SLOPE_PER_DECADE * Math.log10(activeParams / SIZE_ANCHOR.params);
  return Math.min(SIZE_MFU_RANGE.max, Math.max(SIZE_MFU_RANGE.min, raw));
}

/** The device's multiplier on the H100-calibrated size MFU, keeping MFU at most MFU_CEILING. */
function deviceFactor(device: Device, size: number): number {
  const gain = AMPERE.ids.has(device.id) ? AMPERE.gain : 1;
  return Math.min(gain, Math.max(1, MFU_CEILING / size));
}

function precisionFactor(precision: TrainingPrecision): number {
  switch (precision) {
    case 'bf16':
      return 1;
    case 'fp8':
      return FP8_SPEEDUP;
    default: {
      const never: never = precision;
      throw new ConfigError('precision', never, '"bf16" or "fp8"');
    }
  }
}

/**
 * The default MFU of training `spec` on `device` at `precision`: achieved FLOP/s =
 * BF16 peak x size MFU x device factor x precision speedup x experts factor, and MFU = achieved / the peak at
 * `precision` (so FP8's MFU reads against the FP8 peak, DeepSeek's and Meta's convention).
 * Each factor comes with its source; give `mfu` or `tflopsPerGpu` to `trainingRun` to override.
 *
 * @example Llama 4 Scout (16.14e9 active), H100, fp8: size 0.1888 x 989.5e12 x 1.3 = 242.9 TFLOP/s,
 *   MFU 242.9 / 1979 = 0.123
 */
export function defaultMfu(
  spec: ModelSpec,
  counts: ParamCount,
  device: Device,
  precision: TrainingPrecision,
): DefaultMfu {
  const peak = peakFlops(device, precision);
  if (precision === 'fp8' && device.flopsPerSecond.fp8 === null)
    throw new ConfigError(
      'precision',
      precision,
      `a precision ${device.name} runs natively ("bf16": it has no FP8 tensor cores)`,
    );
  const size = sizeMfu(activeMatmulParams(counts));
  const factors: MfuFactor[] = [
    { name: 'size', value: size, source: SIZE_SOURCE },
    { name: 'device', value: deviceFactor(device, size), source: DEVICE_SOURCE },
    { name: 'precision', value: precisionFactor(precision), source: PRECISION_SOURCE },
  ];
  if (spec.moe !== null) factors.push({ name: 'experts', value: 1, source: EXPERTS_SOURCE });
  const achieved = factors.reduce((f, x) => f * x.value, device.flopsPerSecond.bf16);
  return { mfu: Math.min(1, achieved / peak), achievedFlopsPerSecond: achieved, factors };
}
