/**
 * The kernels one decoder layer launches in a step, and the fixed time they cost whatever their
 * work. A decode step at small batch is a chain of several hundred tiny kernels; each costs a
 * floor of a few microseconds (launch, ramp-up, tail) even replayed from a CUDA graph, so a layer
 * with more kernels (MLA, a shared expert) costs more than a GQA layer of the same size.
 */
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import type { LayerParams } from '../params/count.ts';

/**
 * Kernels of one layer's token mixer, norm included (RMSNorm fused with the residual add, as in
 * vLLM's and SGLang's decode graphs):
 * - GQA: norm, qkv projection, rope (with the q/k norm when the model has one), attention, o_proj:
 *   5, or 6 with a separate q/k norm (models/llama/modeling_llama.py `LlamaAttention`).
 * - MLA with absorbed weights: norm, q_a_proj, q_a_layernorm, q_b_proj, kv_a_proj_with_mqa,
 *   kv_a_layernorm, rope, the q·W_UK absorb, the attention kernel, the W_UV absorb, o_proj: 11
 *   (models/deepseek_v3/modeling_deepseek_v3.py `DeepseekV3Attention`; DeepSeek-V2 paper 2.1.2);
 *   the DSA lightning indexer adds its projection, its scores and its top-k: 3.
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
      if (a.kind === 'mla') return 11 + (a.indexer ? 3 : 0);
      return a.qkNorm === 'none' ? 5 : 6;
    }
  }
}

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

/**
 * The fixed time of one kernel, 5 us: a kernel launch costs about 4-6 us ("This process takes
 * about 4-6 us", pegainfer's measurement on an RTX 5070 Ti, susun-blog.com/blog/pegainfer-3-cuda-graph;
 * "~5 us of CPU work on an A100", learnaivisually.com CUDA Graphs for LLM Decode). Fitted too: it
 * puts the batch-1 decodes of tests/fixtures (DeepSeek-V3 on 8 x B200 and 2 x 8 H100, Qwen3-30B-A3B
 * on an H20) inside x1.5, where one 50 us per layer left DeepSeek-V3 1.8-1.9x too fast.
 */
export const KERNEL_SECONDS = 5e-6;
