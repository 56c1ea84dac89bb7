import type { ConfigReader } from '../config-reader.ts';
import type { AttentionLayerKind, ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa, readLayerTypes } from './common.ts';

/**
 * Llama and Mistral, the dense baselines (models/llama/modeling_llama.py,
 * models/mistral/modeling_mistral.py): GQA, SwiGLU MLP, RMSNorm. Llama's `attention_bias` puts a
 * bias on q, k, v and o, `mlp_bias` on the MLP; Mistral has neither. Mistral's `sliding_window`
 * applies to every layer.
 */
export function parseLlama(r: ConfigReader, family: 'llama' | 'mistral'): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const bias = family === 'llama' && r.bool('attention_bias', false);
  const window: AttentionLayerKind =
    family === 'mistral' && r.has('sliding_window')
      ? { window: { kind: 'sliding', tokens: r.int('sliding_window') }, rope: true }
      : GLOBAL;
  return {
    name: '',
    family,
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias }),
    attentionPattern: readLayerTypes(r, layers, window),
    denseMlp: {
      intermediateSize: r.int('intermediate_size'),
      gated: true,
      bias: family === 'llama' && r.bool('mlp_bias', false),
    },
    moe: null,
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseLlama as read };
