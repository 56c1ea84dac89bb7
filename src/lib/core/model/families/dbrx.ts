import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint } from './common.ts';

/**
 * DBRX (models/dbrx/modeling_dbrx.py): sizes under `d_model`, `n_heads`, `n_layers`,
 * `attn_config` (kv_n_heads) and `ffn_config` (ffn_hidden_size, moe_num_experts, moe_top_k).
 * A fused, bias-free Wqkv; LayerNorms without bias (norm_1, norm_2, norm_f); every layer MoE with
 * SwiGLU experts (w1, v1, w2) and a bias-free router; untied embeddings.
 */
export function parseDbrx(r: ConfigReader): ModelSpec {
  const hidden = r.int('d_model');
  const heads = r.int('n_heads');
  const attn = r.child('attn_config');
  const ffn = r.child('ffn_config');
  if (!attn) throw new ConfigError(r.field('attn_config'), undefined, 'an object with kv_n_heads');
  if (!ffn)
    throw new ConfigError(
      r.field('ffn_config'),
      undefined,
      'an object with ffn_hidden_size, moe_num_experts, moe_top_k',
    );
  if (hidden % heads !== 0)
    throw new ConfigError(r.field('n_heads'), heads, `a divisor of d_model (${hidden})`);
  return {
    name: '',
    family: 'dbrx',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers: r.int('n_layers'),
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'layernorm', bias: false },
    attention: {
      kind: 'gqa',
      heads,
      kvHeads: attn.optInt('kv_n_heads', 1),
      headDim: hidden / heads,
      qkvBias: false,
      outBias: false,
      fusedQkv: true,
      qkNorm: 'none',
      sinks: false,
    },
    attentionPattern: [GLOBAL],
    denseMlp: null,
    moe: {
      experts: ffn.optInt('moe_num_experts', 4),
      topK: ffn.optInt('moe_top_k', 1),
      expert: { intermediateSize: ffn.int('ffn_hidden_size'), gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: false,
      shared: null,
      residualDense: null,
      groupLimit: null,
    },
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_seq_len', null),
    checkpoint: readCheckpoint(r),
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseDbrx as read };
