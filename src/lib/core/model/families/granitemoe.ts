import type { ConfigReader } from '../config-reader.ts';
import type { ModelSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa } from './common.ts';

/**
 * Granite MoE (models/granitemoe/modeling_granitemoe.py, models/granitemoeshared): every layer
 * MoE; experts are `ParallelExperts` input_linear (experts, 2 x intermediate, hidden) and
 * output_linear (experts, hidden, intermediate), i.e. SwiGLU without bias; a bias-free router;
 * `attention_bias` on q, k, v, o. GraniteMoeShared adds one always-on shared MLP of
 * `shared_intermediate_size`. The multipliers (embedding, attention, residual, logits) are scalars
 * in the config, not parameters.
 */
export function parseGraniteMoe(
  r: ConfigReader,
  family: 'granitemoe' | 'granitemoeshared',
): ModelSpec {
  const hidden = r.int('hidden_size');
  const bias = r.bool('attention_bias', false);
  const sharedWidth =
    family === 'granitemoeshared' ? r.optInt('shared_intermediate_size', 0, 0) : 0;
  return {
    name: '',
    family,
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers: r.int('num_hidden_layers'),
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias }),
    attentionPattern: [GLOBAL],
    denseMlp: null,
    moe: {
      experts: r.int('num_local_experts'),
      topK: r.int('num_experts_per_tok'),
      expert: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: false,
      shared:
        sharedWidth > 0
          ? {
              count: 1,
              mlp: { intermediateSize: sharedWidth, gated: true, bias: false },
              gate: false,
            }
          : null,
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
export { parseGraniteMoe as read };
