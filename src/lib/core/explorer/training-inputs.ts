/**
 * The training core's inputs for a model and the Training view's settings: the run (FLOPs,
 * GPU-hours, cost) and the memory (layout, ZeRO, activations). Shared by the view
 * (training-view.ts) and the search for layouts that fit (training-fit.ts).
 */
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { Device } from '../serving/hardware.ts';
import type { TrainingMemoryOptions } from '../training/memory.ts';
import type { TrainingRunInput } from '../training/run.ts';
import type { TrainingSettings } from './training-settings.ts';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The expert-parallel size the model can take: the settings' (Scout's 16 by default) where it
 * divides the routed experts, else their greatest common divisor (Mixtral's 8 experts: 8), 1 for
 * a dense model. The layout line shows the size used.
 */
export function modelEp(spec: ModelSpec, ep: number): number {
  return spec.moe ? gcd(ep, spec.moe.experts) : 1;
}

/** The core's run and memory inputs for a model and settings. */
export function trainingInputs(
  spec: ModelSpec,
  counts: ParamCount,
  s: TrainingSettings,
  device: Device,
): { run: TrainingRunInput; memory: TrainingMemoryOptions } {
  const finetune = s.finetune === 'pretrain' ? undefined : s.finetune;
  const frozenWeights = s.finetune === 'lora' || s.finetune === 'qlora';
  return {
    run: {
      spec,
      counts,
      tokens: s.tokens,
      device,
      gpus: s.gpus,
      precision: s.precision,
      seqLen: s.seqLen,
      frozenWeights,
      ...(s.tflopsPerGpu !== null ? { tflopsPerGpu: s.tflopsPerGpu } : {}),
      ...(s.mfu !== null && s.tflopsPerGpu === null ? { mfu: s.mfu } : {}),
    },
    memory: {
      device,
      gpus: s.gpus,
      precision: s.precision,
      tp: s.tp,
      pp: s.pp,
      ep: modelEp(spec, s.ep),
      cp: s.cp,
      zero: s.zero,
      microBatch: s.microBatch,
      seqLen: s.seqLen,
      ...(s.recompute !== null ? { recompute: s.recompute } : {}),
      ...(finetune ? { finetune, loraRank: s.loraRank } : {}),
    },
  };
}
