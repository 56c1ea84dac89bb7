import type { ConfigReader } from '../config-reader.ts';
import type { ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa, readLayerTypes } from './common.ts';

/**
 * gpt-oss (models/gpt_oss/modeling_gpt_oss.py): GQA with bias on q, k, v and o
 * (`attention_bias`) and one learned sink per head; layers alternate sliding (`sliding_window`)
 * and full attention per `layer_types`; every layer MoE with a biased router and experts whose
 * fused gate_up_proj (hidden -> 2 x intermediate) and down_proj carry biases.
 */
export function parseGptOss(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const bias = r.bool('attention_bias', true);
  return {
    name: '',
    family: 'gpt_oss',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias, sinks: true }),
    attentionPattern: readLayerTypes(r, layers, GLOBAL),
    denseMlp: null,
    moe: {
      experts: r.int('num_local_experts'),
      topK: r.intOf(['num_experts_per_tok', 'experts_per_token']),
      expert: { intermediateSize: r.int('intermediate_size'), gated: true, bias: true },
      routerBias: true,
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
export { parseGptOss as read };
