/**
 * Activation memory of a whole pipeline stage: its layers times the micro-batches in flight,
 * the embedding and output layers, and the transient buffers of the MoE token dispatch.
 */
import type { ModelSpec } from '../model/types.ts';
import type { LayerParams } from '../params/count.ts';
import {
  gemmInputBytes,
  layerActivationBytes,
  tokensPerGpu,
  type ActivationSettings,
} from './activations.ts';

/**
 * Micro-batches whose activations stage `stage` of `pp` holds at its peak under the 1F1B
 * schedule: pp − stage. "The first stage must store activations for p micro-batches"
 * (Korthikanti et al. 2022 §4.2.3, after Narayanan et al. 2021 §2.2.1), so it holds the
 * activations of pp x layers/pp = all layers, whatever pp is; the last stage holds one.
 *
 * @example microBatchesInFlight(0, 4) // 4
 */
export function microBatchesInFlight(stage: number, pp: number): number {
  return pp - stage;
}

/**
 * The output layer's activations on the last stage, per micro-batch (Korthikanti §4.3): the
 * final norm's input 2h, the output projection's input h, and the FP32 logits the cross-entropy
 * keeps, 4·v bytes per token, vocabulary split tp ways: s·b/(t·cp) x (2h + 2h + 4v) in bf16.
 *
 * @example outputLayerBytes(llama31_8b, { seqLen: 8192, microBatch: 1, tp: 1, cp: 1, ... }) // 8192 x (4 x 4096 + 4 x 128256)
 */
export function outputLayerBytes(spec: ModelSpec, settings: ActivationSettings): number {
  const h = spec.hiddenSize;
  const lin = gemmInputBytes(settings.precision);
  return tokensPerGpu(settings) * (2 * h + lin * h + 4 * spec.vocabSize);
}

/** The embedding's dropout mask on the first stage, per micro-batch (Korthikanti §4.3): s·b·h/t bytes. */
export function embeddingBytes(spec: ModelSpec, settings: ActivationSettings): number {
  return tokensPerGpu(settings) * spec.hiddenSize;
}

/**
 * Activation bytes of one GPU of pipeline stage `stage`: the micro-batches in flight
 * (microBatchesInFlight) x (the stage's layers, plus the embedding's mask on the first stage and
 * the output layer on the last).
 *
 * @example stageActivationBytes(spec, counts.layers, 0, 1, settings) // one micro-batch of every layer + embedding + output
 */
export function stageActivationBytes(
  spec: ModelSpec,
  layers: readonly LayerParams[],
  stage: number,
  pp: number,
  settings: ActivationSettings,
): number {
  let perMicroBatch = 0;
  for (const layer of layers) perMicroBatch += layerActivationBytes(spec, layer, settings);
  if (stage === 0) perMicroBatch += embeddingBytes(spec, settings);
  if (stage === pp - 1) perMicroBatch += outputLayerBytes(spec, settings);
  return microBatchesInFlight(stage, pp) * perMicroBatch;
}

/**
 * The MoE token dispatch's send and receive buffers, live for one layer at a time: each GPU
 * sends its tokens' top-k x capacity copies to the expert-parallel group and receives as many
 * (Megatron-Core `MoEAlltoAllTokenDispatcher`: permute, all-to-all, and back for the combine),
 * 2 x k x capacity x tokens x h elements, in bf16, or in FP8 with 1 x 128 scales ("we quantize
 * the activation before MoE up-projections into FP8 and then apply dispatch components",
 * DeepSeek-V3 §3.3.3). 0 for a stage without MoE layers.
 *
 * @example dispatchBufferBytes(mixtral, layers, { seqLen: 4096, microBatch: 1, tp: 1, cp: 1, ... bf16 }) // 2 x 2 x 4096 x 4096 x 2
 */
export function dispatchBufferBytes(
  spec: ModelSpec,
  layers: readonly LayerParams[],
  settings: ActivationSettings,
): number {
  const moe = spec.moe;
  if (moe === null || !layers.some((l) => l.ffn === 'moe')) return 0;
  const copies = Math.min(moe.topK, moe.experts + (moe.zeroExperts ?? 0)) * settings.capacityFactor;
  const element = gemmInputBytes(settings.precision);
  return 2 * copies * tokensPerGpu(settings) * settings.etp * spec.hiddenSize * element;
}
