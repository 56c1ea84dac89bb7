/**
 * How llama.cpp spreads a model over several GPUs, and how a decode step moves through them.
 * - `--split-mode layer` is its default (common/arg.cpp: "layer (default): split layers and KV
 *   across GPUs"): each GPU holds a run of whole layers with their KV cache, a pipeline of one
 *   stage a GPU. `row` splits each matrix's rows over the GPUs, the explorer's tensor parallel;
 *   llama.cpp has no expert parallel.
 * - A step's batch passes through the stages in turn. llama.cpp overlaps stages only across the
 *   micro-batches ("ubatches", `n_ubatch` tokens, 512 unless set) of one call
 *   (src/llama-context.cpp `pipeline_parallel`, the scheduler's `n_copies`), and a decode batch of
 *   up to 512 sequences is one ubatch. So each GPU reads its layers once for the whole batch while
 *   the others wait: a step takes the stages' times added up. vLLM and SGLang instead keep one
 *   micro-batch in each stage at once (speed.ts `decodeStep`).
 */
import type { EngineId } from './engines.ts';

/** A layout's tensor, expert and pipeline sizes. */
export interface LayerSplit {
  tp: number;
  ep: number;
  pp: number;
}

/**
 * llama.cpp's default layout over `devices` GPUs: the layers split into one stage a GPU.
 *
 * @example llamaCppDefaultLayout(4) // { tp: 1, ep: 1, pp: 4 }
 */
export function llamaCppDefaultLayout(devices: number): LayerSplit {
  return { tp: 1, ep: 1, pp: Math.max(1, devices) };
}

/** Whether an engine passes a decode batch through its pipeline stages one after another. */
export function stagesRunInTurn(engine: EngineId | undefined): boolean {
  return engine === 'llamacpp';
}
