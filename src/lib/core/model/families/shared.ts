/**
 * Readers that families loaded on demand share: the DeepSeek-V3 MoE block (GLM-4.5, dots.llm1)
 * and a sliding window from a layer on (Qwen2-MoE, dots.llm1). They are apart from common.ts,
 * which Llama 4's reader uses: the page's first download holds every module it shares with a
 * later chunk whole, so what only later families read is kept out of it.
 */
import type { ConfigReader } from '../config-reader.ts';
import type { AttentionLayerKind, MoeSpec } from '../types.ts';
import { GLOBAL } from './common.ts';

/**
 * Global attention below layer `first`, sliding over `sliding_window` tokens from it on (read
 * only when some layer slides): one kind for every layer when none does.
 */
export function slidingFrom(
  r: ConfigReader,
  first: number,
  layers: number,
): AttentionLayerKind | ((index: number) => AttentionLayerKind) {
  if (first >= layers) return GLOBAL;
  let sliding: AttentionLayerKind | undefined; // one object, for every sliding layer
  return (i) =>
    i >= first
      ? (sliding ??= { window: { kind: 'sliding', tokens: r.int('sliding_window') }, rope: true })
      : GLOBAL;
}

/**
 * The DeepSeek-V3 MoE block as GLM-4.5 and dots.llm1 reuse it (models/deepseek_v3/modeling_deepseek_v3.py
 * `DeepseekV3MoE`, `DeepseekV3TopkRouter`; models/glm4_moe `Glm4MoeMoE`; models/dots1 `Dots1MoE`):
 * `n_routed_experts` (alias `num_local_experts`) SwiGLU experts of `moe_intermediate_size`, top
 * `num_experts_per_tok`; a bias-free router with `e_score_correction_bias` (a buffer, but stored in
 * the checkpoint and counted); one shared MLP of width `moe_intermediate_size * n_shared_experts`
 * (counted as `n_shared_experts` experts of `moe_intermediate_size`: the same parameters, as no
 * projection has a bias); group-limited routing from `n_group` / `topk_group`.
 */
export function readDeepseekV3Moe(r: ConfigReader, sharedDefault: number | null): MoeSpec {
  const width = r.int('moe_intermediate_size');
  const shared =
    sharedDefault === null
      ? r.int('n_shared_experts', 0)
      : r.optInt('n_shared_experts', sharedDefault, 0);
  const groups = r.optInt('n_group', 1);
  const topGroups = r.optInt('topk_group', groups);
  return {
    experts: r.intOf(['n_routed_experts', 'num_local_experts']),
    topK: r.int('num_experts_per_tok'),
    expert: { intermediateSize: width, gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: true,
    shared:
      shared > 0
        ? { count: shared, mlp: { intermediateSize: width, gated: true, bias: false }, gate: false }
        : null,
    residualDense: null,
    groupLimit: groups > 1 && topGroups < groups ? { groups, topGroups } : null,
  };
}
