/**
 * Memory per GPU in training and fine-tuning: model states (weights, gradients, optimizer),
 * activations and dispatch buffers on the busiest pipeline stage, and whether they fit.
 */
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import type { ActivationSettings, Recompute } from './activations.ts';
import { dispatchBufferBytes, stageActivationBytes } from './activations-pipeline.ts';
import { adapterModelStates, type FinetuneMethod } from './finetune.ts';
import {
  resolveTrainingOptions,
  type ResolvedTrainingOptions,
  type TrainingMemoryOptions,
} from './memory-options.ts';
import { addStates, bytesPerParam, shardModelStates, type ModelStates } from './memory-states.ts';
import {
  resolveTrainingLayout,
  stageParamsPerGpu,
  type StageParams,
  type TrainingLayout,
} from './parallel-memory.ts';

export type { TrainingMemoryOptions } from './memory-options.ts';

/** Bytes per GPU, by kind. */
export interface MemoryPerGpuBytes {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** The MoE dispatch's send and receive buffers (one layer at a time). */
  buffers: number;
  total: number;
}

export interface TrainingMemory {
  /** On one GPU of the busiest pipeline stage. */
  memoryPerGpuBytes: MemoryPerGpuBytes;
  /** total <= capacityBytes. */
  fits: boolean;
  /** The device's memory, bytes. */
  capacityBytes: number;
  /** The pipeline stage whose GPUs need the most (0-based). */
  stage: number;
  layout: TrainingLayout;
  method: FinetuneMethod | 'pretrain';
  recompute: Recompute;
}

/** Model states of one GPU of a stage: Adam on every weight, or a frozen base with adapters. */
function stageModelStates(
  spec: ModelSpec,
  stage: StageParams,
  layout: TrainingLayout,
  o: ResolvedTrainingOptions,
): ModelStates {
  switch (o.method) {
    case 'pretrain':
    case 'full': {
      const bytes = bytesPerParam(o.precision, o.gradients);
      return addStates(
        shardModelStates(stage.dense, bytes, o.zero, layout.dp),
        shardModelStates(stage.expert, bytes, o.zero, layout.edp),
      );
    }
    case 'lora':
    case 'qlora':
      return adapterModelStates(spec, stage, layout, o.method, o.loraRank, o.loraTargets, o.zero);
  }
}

/** The memory of one GPU of one stage. */
function stageMemory(
  spec: ModelSpec,
  stage: StageParams,
  layout: TrainingLayout,
  o: ResolvedTrainingOptions,
): MemoryPerGpuBytes {
  const settings: ActivationSettings = {
    seqLen: o.seqLen,
    microBatch: o.microBatch,
    tp: layout.tp,
    cp: layout.cp,
    etp: layout.etp,
    recompute: o.recompute,
    precision: o.precision,
    capacityFactor: o.capacityFactor,
  };
  const states = stageModelStates(spec, stage, layout, o);
  const activations = stageActivationBytes(spec, stage.layers, stage.stage, layout.pp, settings);
  const buffers = dispatchBufferBytes(spec, stage.layers, settings);
  return {
    ...states,
    activations,
    buffers,
    total: states.weights + states.gradients + states.optimizer + activations + buffers,
  };
}

/**
 * Memory per GPU to train or fine-tune `spec`, on the busiest pipeline stage, and whether it
 * fits on the device. Model states: bytesPerParam and shardModelStates (ZeRO over dp for the
 * dense part, over the expert data-parallel group edp for the routed experts), or a frozen base
 * with LoRA adapters (finetune.ts). Activations: Korthikanti et al. 2022, per layer
 * (activations.ts), times the 1F1B micro-batches in flight (activations-pipeline.ts).
 * Not counted: the CUDA context and allocator fragmentation, ZeRO-3's gathered-parameter
 * buffers, multi-token-prediction modules.
 *
 * @example trainingMemory(llama31_8b, countParams(llama31_8b), { device: 'h100-sxm', gpus: 8, precision: 'bf16', tp: 2, zero: 1, microBatch: 1, seqLen: 8192 }) // fits: 57.6 GB per GPU
 */
export function trainingMemory(
  spec: ModelSpec,
  counts: ParamCount,
  options: TrainingMemoryOptions,
): TrainingMemory {
  const o = resolveTrainingOptions(options);
  const layout = resolveTrainingLayout(spec, options);
  let best: { stage: number; memory: MemoryPerGpuBytes } | null = null;
  for (const stage of stageParamsPerGpu(spec, counts, layout)) {
    const memory = stageMemory(spec, stage, layout, o);
    if (best === null || memory.total > best.memory.total) best = { stage: stage.stage, memory };
  }
  const capacityBytes = o.device.memoryBytes;
  return {
    memoryPerGpuBytes: best!.memory,
    fits: best!.memory.total <= capacityBytes,
    capacityBytes,
    stage: best!.stage,
    layout,
    method: o.method,
    recompute: o.recompute,
  };
}
