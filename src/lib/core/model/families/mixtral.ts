import type { ConfigReader } from '../config-reader.ts';
import type { AttentionLayerKind, ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa, readLayerTypes } from './common.ts';

/**
 * Mixtral (models/mixtral/modeling_mixtral.py) and Phi-3.5-MoE (models/phimoe/modeling_phimoe.py):
 * every layer MoE with `num_local_experts` SwiGLU experts (w1, w3, w2) of `intermediate_size`,
 * a bias-free router, no shared expert. PhiMoE adds `attention_bias` on q, k, v and o, LayerNorm
 * with bias, and `lm_head_bias`.
 */
export function parseMixtral(r: ConfigReader, family: 'mixtral' | 'phimoe'): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const phi = family === 'phimoe';
  const bias = phi && r.bool('attention_bias', false);
  const window: AttentionLayerKind = r.has('sliding_window')
    ? { window: { kind: 'sliding', tokens: r.int('sliding_window') }, rope: true }
    : GLOBAL;
  return {
    name: '',
    family,
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: phi && r.bool('lm_head_bias', false),
    norm: phi ? { kind: 'layernorm', bias: true } : { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias }),
    attentionPattern: readLayerTypes(r, layers, window),
    denseMlp: null,
    moe: {
      experts: r.int('num_local_experts'),
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
export { parseMixtral as read };
