import type { ConfigReader } from '../config-reader.ts';
import type { ModelSpec, MoeLayerPattern } from '../types.ts';
import { readCheckpoint, readGqa, readLayerTypes } from './common.ts';
import { slidingFrom } from './shared.ts';

/**
 * Qwen2-MoE (models/qwen2_moe/modeling_qwen2_moe.py) and Qwen3-MoE (models/qwen3_moe/modeling_qwen3_moe.py).
 *
 * - Layer i is MoE when it is not in `mlp_only_layers` and (i + 1) % `decoder_sparse_step` == 0;
 *   other layers use a dense MLP of `intermediate_size`.
 * - Experts are SwiGLU of `moe_intermediate_size`; the router has no bias.
 * - Qwen2-MoE: bias on q, k, v (not o); one shared expert of `shared_expert_intermediate_size`
 *   with a sigmoid gate Linear(hidden, 1).
 * - Qwen3-MoE: `attention_bias` on q, k, v, o; RMSNorm of head_dim on q and k; no shared expert.
 * - Sliding window only with `use_sliding_window`, on layers >= `max_window_layers`.
 * - `num_experts`; transformers v5 dumps write it `num_local_experts`.
 */
export function parseQwenMoe(r: ConfigReader, family: 'qwen2_moe' | 'qwen3_moe'): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const qwen3 = family === 'qwen3_moe';
  const attentionBias = r.bool('attention_bias', false);
  const sharedWidth = qwen3 ? 0 : r.optInt('shared_expert_intermediate_size', 0, 0);
  const step = r.optInt('decoder_sparse_step', 1);
  const moeLayers: MoeLayerPattern = {
    firstDense: 0,
    step,
    offset: step - 1,
    denseLayers: r.optIntArray('mlp_only_layers', 0) ?? [],
  };
  const sliding = r.bool('use_sliding_window', false) && r.has('sliding_window');
  const firstSliding = r.optInt('max_window_layers', 0, 0);
  const kind = slidingFrom(r, sliding ? firstSliding : layers, layers);
  return {
    name: '',
    family,
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: qwen3
      ? readGqa(r, hidden, { qkvBias: attentionBias, outBias: attentionBias, qkNorm: 'per-head' })
      : readGqa(r, hidden, { qkvBias: r.bool('qkv_bias', true), outBias: false }),
    attentionPattern: readLayerTypes(r, layers, kind),
    denseMlp: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
    moe: {
      experts: r.intOf(['num_experts', 'num_local_experts']),
      topK: r.int('num_experts_per_tok'),
      expert: { intermediateSize: r.int('moe_intermediate_size'), gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: false,
      shared:
        sharedWidth > 0
          ? {
              count: 1,
              mlp: { intermediateSize: sharedWidth, gated: true, bias: false },
              gate: true,
            }
          : null,
      residualDense: null,
      groupLimit: null,
    },
    moeLayers,
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseQwenMoe as read };
