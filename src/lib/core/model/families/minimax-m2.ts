import { checkInt, type ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa } from './common.ts';

/**
 * MiniMax-M2, M2.1, M2.5, M2.7 (models/minimax_m2/modeling_minimax_m2.py, modular_minimax_m2.py).
 *
 * - Every layer: full softmax GQA attention without biases (`MiniMaxM2Attention`), head_dim from
 *   config.json (128; 48 x 128 = 6,144 > hidden 3,072); q_norm and k_norm are RMSNorms over the
 *   whole projection (heads x head_dim, kv_heads x head_dim), as in OLMoE.
 * - Every layer MoE (`MiniMaxM2SparseMoeBlock`): `num_local_experts` SwiGLU experts whose width
 *   is `intermediate_size` (there is no moe_intermediate_size, no dense MLP, no shared expert),
 *   top `num_experts_per_tok`, a bias-free router and an `e_score_correction_bias` per expert
 *   (a buffer, stored in the checkpoint and counted).
 * - The remote-code fields `use_qk_norm` and `use_routing_bias` (true in every release; the
 *   transformers class always builds both) are honoured. `attn_type_list` must be all 1
 *   (softmax): 0 is MiniMax-Text-01's lightning attention, which this family does not have.
 * - `use_mtp` / `num_mtp_modules` are advertised, but the checkpoint holds no MTP tensors
 *   (layers 0-61 only) and transformers builds none: no MTP is counted.
 *
 * @example countParams(parseHFConfig(minimaxM27)).total // 228_689_764_864
 */
export function parseMinimaxM2(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  r.optArray('attn_type_list', (value, field) => {
    if (value === 1) return value; // every released layer: no field path to build
    checkInt(field(), value, 0);
    throw new ConfigError(
      field(),
      value,
      '1 (softmax attention; MiniMax-M2 has no lightning layers)',
    );
  });
  const experts = r.int('num_local_experts');
  return {
    name: '',
    family: 'minimax_m2',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, {
      qkvBias: false,
      outBias: false,
      qkNorm: r.bool('use_qk_norm', true) ? 'full' : 'none',
    }),
    attentionPattern: [GLOBAL],
    denseMlp: null,
    moe: {
      experts,
      topK: r.int('num_experts_per_tok'),
      expert: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: r.bool('use_routing_bias', true),
      shared: null,
      residualDense: null,
      groupLimit: null,
    },
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseMinimaxM2 as read };
