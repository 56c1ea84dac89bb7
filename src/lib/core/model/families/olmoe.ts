import type { ConfigReader } from '../config-reader.ts';
import type { ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa } from './common.ts';

/**
 * OLMoE (models/olmoe/modeling_olmoe.py): every layer MoE with `num_experts` SwiGLU experts of
 * `intermediate_size`, a bias-free router; `attention_bias` on q, k, v, o; q_norm and k_norm are
 * RMSNorms over the full projection width (heads x head_dim and kv_heads x head_dim).
 */
export function parseOlmoe(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const bias = r.bool('attention_bias', false);
  return {
    name: '',
    family: 'olmoe',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers: r.int('num_hidden_layers'),
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias, qkNorm: 'full' }),
    attentionPattern: [GLOBAL],
    denseMlp: null,
    moe: {
      experts: r.int('num_experts'),
      topK: r.int('num_experts_per_tok'),
      expert: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: false,
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
export { parseOlmoe as read };
