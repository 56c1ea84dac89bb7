/**
 * Fine-tuning: LoRA and QLoRA adapters counted from the model's shapes, and the model states
 * they leave on a GPU (a frozen base, trained adapters).
 */
import { ConfigError } from '../model/errors.ts';
import type { MlpSpec, ModelSpec } from '../model/types.ts';
import type { LayerParams } from '../params/count.ts';
import { shardModelStates, addStates, type ModelStates, type ZeroStage } from './memory-states.ts';
import type { StageParams, TrainingLayout } from './parallel-memory.ts';

/** Full fine-tuning (every weight trained with Adam), LoRA on a bf16 base, or QLoRA on an NF4 base. */
export type FinetuneMethod = 'full' | 'lora' | 'qlora';

/**
 * Which matrices get adapters: the attention projections, the dense and shared-expert MLPs
 * (`ffn`), the routed experts (`experts`; every expert gets its own pair).
 */
export type LoraTarget = 'attention' | 'ffn' | 'experts';

/** q, k, v, o and gate, up, down of the dense and shared MLPs: the routed experts left out. */
export const DEFAULT_LORA_TARGETS: readonly LoraTarget[] = ['attention', 'ffn'];

/**
 * NF4 with double-quantized scales: 4 bits + 8/64 + 32/(64·256) = 4.127 bits per parameter.
 * QLoRA paper (Dettmers et al. 2023) §3, Double Quantization: "reduces the memory footprint from
 * 32/64 = 0.5 bits, to 8/64 + 32/(64·256) = 0.127 bits".
 */
export const QLORA_BITS_PER_PARAM = 4 + 8 / 64 + 32 / (64 * 256);

/**
 * An adapter's trained states per parameter: bf16 weights and gradients, Adam's FP32 master
 * copy and moments (the ZeRO paper's 2 + 2 + 12).
 */
export const ADAPTER_BYTES: ModelStates = { weights: 2, gradients: 2, optimizer: 12 };

/** LoRA on a Linear(in, out): A (r x in) and B (out x r), r·(in + out) parameters (LoRA paper §4.1). */
function adapter(rank: number, inputs: number, outputs: number): number {
  return rank * (inputs + outputs);
}

/** Adapters on every Linear of an MLP: gate and up (h -> f) when gated, up alone when not; down (f -> h). */
function mlpAdapters(h: number, mlp: MlpSpec, rank: number): number {
  return ((mlp.gated ? 2 : 1) + 1) * adapter(rank, h, mlp.intermediateSize);
}

/**
 * Adapters on the attention projections: q, k, v, o for GQA (q twice as wide with an output
 * gate); for MLA q_a and q_b (or q_proj), kv_a_proj_with_mqa, kv_b and o (models/deepseek_v3).
 * A state mixer (Mamba, linear attention) gets none here.
 */
function attentionAdapters(spec: ModelSpec, rank: number): number {
  const h = spec.hiddenSize;
  const a = spec.attention;
  if (a.kind === 'gqa') {
    const q = a.heads * a.headDim;
    const kv = a.kvHeads * a.headDim;
    const qOut = a.outputGate ? 2 * q : q;
    return adapter(rank, h, qOut) + 2 * adapter(rank, h, kv) + adapter(rank, q, h);
  }
  if (a.kind === 'compressed') {
    // DeepSeek-V4: wq_a, wq_b, wkv and wo_b (wo_a is block-diagonal, one small matrix per group).
    const q = a.heads * a.headDim;
    const out = a.outGroups * a.outRank;
    return (
      adapter(rank, h, a.qLoraRank) +
      adapter(rank, a.qLoraRank, q) +
      adapter(rank, h, a.headDim) +
      adapter(rank, out, h)
    );
  }
  const qk = a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim);
  const query =
    a.qLoraRank === null
      ? adapter(rank, h, qk)
      : adapter(rank, h, a.qLoraRank) + adapter(rank, a.qLoraRank, qk);
  const kv =
    adapter(rank, h, a.kvLoraRank + a.qkRopeHeadDim) +
    adapter(rank, a.kvLoraRank, a.heads * (a.qkNopeHeadDim + a.vHeadDim));
  return query + kv + adapter(rank, a.heads * a.vHeadDim, h);
}

/**
 * LoRA parameters of one layer: `dense` on attention and the dense or shared MLPs, `expert` on
 * the routed experts (split like the experts, by ep·etp).
 *
 * @example loraLayerParams(llama31_8b, layer, 16, ['attention', 'ffn']).dense // 16 x (4096+4096 + 2(4096+1024) + 4096+4096) + 3 x 16 x (4096+14336)
 */
export function loraLayerParams(
  spec: ModelSpec,
  layer: LayerParams,
  rank: number,
  targets: readonly LoraTarget[],
): { dense: number; expert: number } {
  const h = spec.hiddenSize;
  let dense = 0;
  let expert = 0;
  if (targets.includes('attention') && layer.mixer === 'attention')
    dense += attentionAdapters(spec, rank);
  const moe = layer.ffn === 'moe' ? spec.moe! : null;
  if (targets.includes('ffn')) {
    if (layer.ffn === 'dense' && spec.denseMlp) dense += mlpAdapters(h, spec.denseMlp, rank);
    if (moe?.shared) dense += moe.shared.count * mlpAdapters(h, moe.shared.mlp, rank);
    if (moe?.residualDense) dense += mlpAdapters(h, moe.residualDense, rank);
  }
  if (targets.includes('experts') && moe) expert += moe.experts * mlpAdapters(h, moe.expert, rank);
  return { dense, expert };
}

/** Checks a LoRA rank: a positive integer. */
export function checkLoraRank(rank: number): number {
  if (!Number.isSafeInteger(rank) || rank < 1)
    throw new ConfigError('loraRank', rank, 'an integer >= 1');
  return rank;
}

/** Checks LoRA targets: a list of attention, ffn, experts. */
export function checkLoraTargets(targets: readonly string[]): readonly LoraTarget[] {
  for (const t of targets)
    if (t !== 'attention' && t !== 'ffn' && t !== 'experts')
      throw new ConfigError('loraTargets', t, 'attention, ffn or experts');
  return targets as readonly LoraTarget[];
}

/**
 * Bytes per GPU of the frozen base: 2 per parameter for LoRA (bf16); for QLoRA
 * QLORA_BITS_PER_PARAM / 8 per quantized parameter (the Linear layers) and 2 for the embedding,
 * lm_head and norms, which bitsandbytes leaves in 16 bits.
 *
 * @example frozenBaseBytes({ dense: 1e9, expert: 0, unquantized: 1e8 }, 'qlora') // 9e8 x 4.127/8 + 2e8
 */
export function frozenBaseBytes(
  stage: Pick<StageParams, 'dense' | 'expert' | 'unquantized'>,
  method: 'lora' | 'qlora',
): { dense: number; expert: number } {
  if (method === 'lora') return { dense: 2 * stage.dense, expert: 2 * stage.expert };
  const nf4 = QLORA_BITS_PER_PARAM / 8;
  return {
    dense: nf4 * (stage.dense - stage.unquantized) + 2 * stage.unquantized,
    expert: nf4 * stage.expert,
  };
}

/**
 * Model states per GPU of one stage when fine-tuning with adapters: the frozen base (no
 * gradients, no optimizer; ZeRO-3 shards it over the data-parallel groups, as FSDP does for
 * QLoRA) and the adapters (ADAPTER_BYTES, sharded by the ZeRO stage over dp, or edp for the
 * experts' adapters).
 *
 * @example adapterModelStates(llama31_8b, stage, oneGpu, 'lora', 16, ['attention', 'ffn'], 0).gradients // 2 x 41_943_040
 */
export function adapterModelStates(
  spec: ModelSpec,
  stage: StageParams,
  layout: TrainingLayout,
  method: 'lora' | 'qlora',
  rank: number,
  targets: readonly LoraTarget[],
  zero: ZeroStage,
): ModelStates {
  let dense = 0;
  let expert = 0;
  for (const layer of stage.layers) {
    const n = loraLayerParams(spec, layer, rank, targets);
    dense += n.dense;
    expert += n.expert;
  }
  const base = frozenBaseBytes(stage, method);
  const baseWeights =
    zero === 3 ? base.dense / layout.dp + base.expert / layout.edp : base.dense + base.expert;
  const adapters = addStates(
    shardModelStates(dense / layout.tp, ADAPTER_BYTES, zero, layout.dp),
    shardModelStates(expert / (layout.ep * layout.etp), ADAPTER_BYTES, zero, layout.edp),
  );
  return { ...adapters, weights: adapters.weights + baseWeights };
}
