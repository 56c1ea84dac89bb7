/**
 * The kernels one decoder layer launches in a step, and the fixed time they cost whatever their
 * work. A decode step at small batch is a chain of several hundred tiny kernels; each costs a
 * floor of a few microseconds (launch, ramp-up, tail) even replayed from a CUDA graph, so a layer
 * with more kernels (MLA, a shared expert) costs more than a GQA layer of the same size.
 */
import { hasIndexer } from '../model/layers.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import type { LayerParams } from '../params/count.ts';
import type { WeightFormatId } from './weight-formats.ts';
import type { WeightPlan } from './weights.ts';
import { SM100_DEVICES } from './architectures.ts';
import { W4A16_MOE_BANDWIDTH_SHARE, type Efficiency } from './assumptions.ts';
import type { Deployment, Stage } from './deployment.ts';
import {
  FUSED_NORM_KERNELS,
  FUSED_SHARED_EXPERT_KERNELS,
  sglangFusions,
  type KernelFusions,
} from './sglang-fusions.ts';

/**
 * Kernels of one layer's token mixer, norm included (RMSNorm fused with the residual add, as in
 * vLLM's and SGLang's decode graphs):
 * - GQA: norm, qkv projection, rope (with the q/k norm when the model has one), attention, o_proj:
 *   5, or 6 with a separate q/k norm (models/llama/modeling_llama.py `LlamaAttention`).
 * - MLA with absorbed weights: norm, q_a_proj, q_a_layernorm, q_b_proj, kv_a_proj_with_mqa,
 *   kv_a_layernorm, rope, the q·W_UK absorb, the attention kernel, the W_UV absorb, o_proj: 11
 *   (models/deepseek_v3/modeling_deepseek_v3.py `DeepseekV3Attention`; DeepSeek-V2 paper 2.1.2);
 *   the DSA lightning indexer adds INDEXER_KERNELS.
 * - A linear-attention or state-space mixer: norm, in-projection, short convolution, gates, the
 *   scan, its gated norm, out-projection: 7 (models/qwen3_next/modeling_qwen3_next.py
 *   `Qwen3NextGatedDeltaNet`).
 */
function mixerKernels(spec: ModelSpec, kind: AttentionLayerKind): number {
  switch (kind.mixer ?? 'attention') {
    case 'none':
      return 0;
    case 'state':
      return 7;
    case 'attention': {
      const a = spec.attention;
      if (a.kind === 'mla') return 11 + (hasIndexer(spec, kind) ? INDEXER_KERNELS : 0);
      if (a.kind === 'compressed') return compressedKernels(spec, kind);
      return a.qkNorm === 'none' ? 5 : 6;
    }
  }
}

/**
 * Kernels of a DeepSeek-V4 layer's attention in a step (DeepSeek-V4-Flash inference/model.py
 * `Block.forward`, `Attention.forward`; no engine's V4 kernel trace was at hand, so counted from
 * its steps as MLA's are): the hyper-connections' mix before and after each sublayer (4), norm,
 * wq_a, q_norm, wq_b, the per-head query norm, wkv, kv_norm, rope, the cache write, attention,
 * wo_a, wo_b (12); a compressor adds its kv and gate projections, the gated pooling, its norm and
 * rope (4); the indexer INDEXER_KERNELS.
 */
function compressedKernels(spec: ModelSpec, kind: AttentionLayerKind): number {
  const compresses = kind.window.kind === 'compressed' && kind.window.ratio > 0;
  return 16 + (compresses ? 4 : 0) + (hasIndexer(spec, kind) ? INDEXER_KERNELS : 0);
}

/**
 * Kernels DSA's lightning indexer adds to an MLA layer in a decode step, 10, as vLLM v0.11 runs it
 * (`model_executor/models/deepseek_v2.py` `Indexer.forward`, then the `sparse_attn_indexer` op):
 * the wq_b and wk projections, k_norm, the rope of its q and k, q's FP8 group quantization, the
 * weights_proj GEMM and its scaling, the fused K quantize-and-cache write, the paged FP8 MQA logits
 * and the top-k. DeepSeek's reference (`inference/model.py` `Indexer.forward` of DeepSeek-V3.2)
 * runs the same steps, its Hadamard rotations and K quantization unfused.
 */
export const INDEXER_KERNELS = 10;

/**
 * The indexer's GEMMs over block-scaled weights: wq_b and wk, FP8 in the FP8 checkpoints;
 * weights_proj "is stored in bf16" (DeepSeek-V3.2 `inference/model.py`).
 */
const INDEXER_BLOCK_SCALED_GEMMS = 2;

/**
 * Kernels of one layer's feed-forward block, norm included:
 * - dense: norm, gate_up, activation, down: 4;
 * - routed experts: norm, router GEMM, top-k, token sort (moe_align_block_size), the two grouped
 *   GEMMs and the activation between them, the weighted combine: 8 (vLLM
 *   `model_executor/layers/fused_moe/fused_moe.py`); a shared expert adds its own three.
 */
function ffnKernels(params: LayerParams): number {
  if (params.routedExperts > 0) return 8 + (params.sharedExperts > 0 ? 3 : 0);
  return params.denseFfn > 0 ? 4 : 0;
}

/** Kernels one layer of this kind launches per step. Llama 4 Scout's MoE layer: 6 + 8 + 3 = 17. */
export function kernelsPerLayer(spec: ModelSpec, kind: AttentionLayerKind, params: LayerParams) {
  return mixerKernels(spec, kind) + ffnKernels(params);
}

/** Whether a layer's shared expert runs inside its routed experts' kernels (sglang-fusions.ts). */
const fusedSharedExpert = (params: LayerParams, fusions: KernelFusions) =>
  fusions.sharedExpert && params.sharedExperts > 0 && params.routedExperts > 0;

/**
 * Kernels a layer launches in a deployment's pass of `tokens` per replica: its own, less what the
 * engine fuses (sglang-fusions.ts). DeepSeek-V3's MoE layer under SGLang 0.5.7 on 8 x B200:
 * 22 - 3 - 2 = 17.
 */
export function deploymentKernelsPerLayer(
  d: Pick<Deployment, 'spec' | 'device' | 'layout' | 'memory' | 'plan'>,
  kind: AttentionLayerKind,
  params: LayerParams,
  tokens: number,
): number {
  return fusedKernelsPerLayer(d.spec, kind, params, sglangFusions(d, tokens));
}

/** Kernels a layer launches with some of them fused (deploymentKernelsPerLayer). */
export function fusedKernelsPerLayer(
  spec: ModelSpec,
  kind: AttentionLayerKind,
  params: LayerParams,
  fusions: KernelFusions,
): number {
  return (
    kernelsPerLayer(spec, kind, params) -
    (fusedSharedExpert(params, fusions) ? FUSED_SHARED_EXPERT_KERNELS : 0) -
    (fusions.allReduceNorm ? FUSED_NORM_KERNELS : 0)
  );
}

/**
 * GEMMs one layer launches, by the weights they read (weights.ts `componentFormat`):
 * - `linear`: the mixer's projections, GQA's qkv and o_proj: 2; MLA's q_a_proj and
 *   kv_a_proj_with_mqa fused into one (SGLang `models/deepseek_v2.py`
 *   `fused_qkv_a_proj_with_mqa`), q_b_proj and o_proj: 3, the DSA indexer's wq_b and wk 2 more
 *   (the absorbed W_UK and W_UV run as BF16 batched matmuls); a linear-attention mixer's in- and
 *   out-projection: 2. A dense FFN's or a shared expert's gate_up and down: 2 more.
 * - `experts`: the routed experts' two grouped GEMMs.
 * The router's GEMM runs in BF16 (weights.ts: `router` is unquantized) and is not counted.
 */
export function gemmsPerLayer(spec: ModelSpec, kind: AttentionLayerKind, params: LayerParams) {
  let linear = 0;
  switch (kind.mixer ?? 'attention') {
    case 'none':
      break;
    case 'state':
      linear = 2;
      break;
    case 'attention': {
      const a = spec.attention;
      // DeepSeek-V4 stores wq_a, wq_b, wkv, wo_a and wo_b in FP8 blocks, and its indexer's wq_b.
      const indexer = hasIndexer(spec, kind) ? INDEXER_BLOCK_SCALED_GEMMS : 0;
      linear = a.kind === 'mla' ? 3 + indexer : a.kind === 'compressed' ? 5 + indexer : 2;
    }
  }
  if (params.sharedExperts > 0 || (params.routedExperts === 0 && params.denseFfn > 0)) linear += 2;
  return { linear, experts: params.routedExperts > 0 ? 2 : 0 };
}

/** Formats whose GEMMs apply a scale per block of weights inside the kernel (weight-formats.ts). */
const BLOCK_SCALED: ReadonlySet<WeightFormatId> = new Set(['fp8', 'mxfp4']);

/** Whether a plan's linear layers or experts are block-scaled (FP8 with block scales, MXFP4). */
export function hasBlockScaledGemms(plan: WeightPlan): boolean {
  return BLOCK_SCALED.has(plan.linear) || BLOCK_SCALED.has(plan.experts);
}

/**
 * The block-scaled GEMMs one layer launches under a weight plan: FP8 with 128 x 128 block scales
 * and MXFP4, the formats whose GEMMs cost CDNA3 engines a fixed time of their own
 * (CDNA3_BLOCK_SCALED_GEMM_SECONDS).
 */
export function blockScaledGemmsPerLayer(
  spec: ModelSpec,
  kind: AttentionLayerKind,
  params: LayerParams,
  plan: WeightPlan,
  fusions: KernelFusions = { sharedExpert: false, allReduceNorm: false },
): number {
  const gemms = gemmsPerLayer(spec, kind, params);
  // A fused shared expert's gate_up and down run in the routed experts' grouped GEMMs.
  const linear = gemms.linear - (fusedSharedExpert(params, fusions) ? 2 : 0);
  return (
    (BLOCK_SCALED.has(plan.linear) ? linear : 0) +
    (BLOCK_SCALED.has(plan.experts) ? gemms.experts : 0)
  );
}

/**
 * The fixed time each block-scaled GEMM adds on AMD CDNA3 (MI300X, MI325X) beyond KERNEL_SECONDS,
 * 27 us: a software factor of AMD's stack, measured end to end. ROCm/aiter PR #1930 (2026-01-29)
 * gives SGLang's median TPOT for DeepSeek-R1 FP8 on MI300X, 1k/1k, after tuning its one missing
 * block-scale GEMM: 22.05, 25.56 and 30.83 ms at concurrency 4, 8 and 16. The whole-run TPOT
 * with KERNEL_SECONDS alone (other requests' prefill included, as the benchmark's TPOT counts it)
 * gives 12.23, 16.62 and 24.12 ms: 6.7-9.8 ms more a step, which the 305 block-scaled GEMMs of
 * its 61 layers carry at 22-32 us each (58 x 5 + 3 x 5: SGLang runs the shared expert inside the
 * routed experts' GEMMs on AMD, sglang-fusions.ts). SGLang PR #18242 (2026-02-04) then took
 * "~11%" off MI300X's decode (a fused RoPE and KV-cache write, tuned FP8 GEMMs), which leaves
 * 7.4 ms at concurrency 4, 24 us each: 27 us lies between. Where it comes
 * from, in AMD's own kernel tables:
 * - tuned, a block-scaled GEMM with K = 7,168 takes about 10 us more than its roofline (aiter
 *   `configs/model_configs/a8w8_blockscale_tuned_gemm_ds_v3.csv` at 082a563, gfx942 with 304
 *   CUs: 19.75 us for M = 128, N = 2,112, where 5 us plus its 15 MB at 0.7 of 5.3 TB/s is 9.1;
 *   on gfx950, 22.2-22.8 us at one token for N = 512 to 4,096); each also quantizes its
 *   activations per token group first;
 * - untuned shapes fall back to default configs 2-10x slower (aiter PR #1232: 129 us against 68
 *   for M = 64, N = 2,112, K = 7,168), and PR #1930's one missing shape alone cost 23-35% of TPOT;
 * - MXFP4 has no matrix units on CDNA3 and is decoded inside the kernel: gpt-oss-20b's gate_up
 *   takes 80-135 us at one token for 40 MB (ROCm/triton issue #970, 2026-09-08), 4-7x its
 *   roofline, so 27 us is, for it, a floor.
 * BF16 weights pay none of it: Llama 4 Maverick on 8 x MI300X holds with KERNEL_SECONDS alone.
 */
export const CDNA3_BLOCK_SCALED_GEMM_SECONDS = 27e-6;

/** The devices whose engines pay CDNA3_BLOCK_SCALED_GEMM_SECONDS: AMD's CDNA3 parts. */
const CDNA3_DEVICES: ReadonlySet<string> = new Set(['mi300x', 'mi325x']);

/** The fixed time a block-scaled GEMM adds on a device: CDNA3's, else 0. */
export function deviceBlockScaledGemmSeconds(deviceId: string): number {
  return CDNA3_DEVICES.has(deviceId) ? CDNA3_BLOCK_SCALED_GEMM_SECONDS : 0;
}

/** Kernels a stage's layers launch in a pass of `tokens` per replica (deploymentKernelsPerLayer). */
export function stageKernels(d: Deployment, stage: Stage, tokens: number): number {
  const fusions = sglangFusions(d, tokens);
  let kernels = 0;
  for (const { kind, params, count } of stage.groups)
    kernels += count * fusedKernelsPerLayer(d.spec, kind, params, fusions);
  return kernels;
}

/**
 * The fixed time of a stage's layers in a pass of `tokens` per replica: their kernels' floors
 * (stageKernels), or one set time per layer; and what their block-scaled GEMMs add on the
 * device's stack (deviceBlockScaledGemmSeconds).
 */
export function stageOverheadSeconds(
  d: Deployment,
  stage: Stage,
  eff: Efficiency,
  tokens: number,
): number {
  const fusions = sglangFusions(d, tokens);
  let layers = 0;
  let blockScaled = 0;
  for (const { kind, params, count } of stage.groups) {
    layers += count;
    blockScaled += count * blockScaledGemmsPerLayer(d.spec, kind, params, d.plan, fusions);
  }
  const floor =
    eff.layerOverheadSeconds === undefined
      ? stageKernels(d, stage, tokens) * eff.kernelSeconds
      : layers * eff.layerOverheadSeconds;
  return floor + blockScaled * eff.blockScaledGemmSeconds;
}

/**
 * The share of the expert bandwidth INT4 weight-only experts reach on a device: 1 where the engines
 * run them through TensorRT-LLM's own W4A16 MoE kernels, which keep it, on Blackwell (SM100/SM103);
 * else W4A16_MOE_BANDWIDTH_SHARE. SGLang makes FlashInfer's TensorRT-LLM MXINT4 MoE GEMM its
 * default there (PR #18136, 2026-02-03: Kimi K2 Thinking on 8 x B200, ITL 6.99, 8.04, 10.29 and
 * 13.93 ms at batch 1, 4, 8 and 16 for 8,192 tokens in: with the full expert bandwidth the
 * explorer gives 0.77-0.86x of that speed, with the share above 0.47-0.71x;
 * tests/fixtures/issue13-serving-cases.json `sglpr18136-*`); vLLM adds the same kernel for SM100
 * (PR #32437, 2026-01-21).
 */
export function deviceInt4ExpertBandwidth(deviceId: string): number {
  return SM100_DEVICES.has(deviceId) ? 1 : W4A16_MOE_BANDWIDTH_SHARE;
}
