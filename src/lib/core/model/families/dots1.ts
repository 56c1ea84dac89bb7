import type { ConfigReader } from '../config-reader.ts';
import type { ModelSpec } from '../types.ts';
import { readCheckpoint, readGqa, readLayerTypes } from './common.ts';
import { readDeepseekV3Moe, slidingFrom } from './shared.ts';

/**
 * dots.llm1 (models/dots1/modeling_dots1.py, configuration_dots1.py): Qwen3 attention
 * (`Dots1Attention`: `attention_bias` on q, k, v and o; RMSNorms of head_dim on q and k) with the
 * DeepSeek-V3 MoE block (`Dots1MoE`, `Dots1TopkRouter`: sigmoid router with
 * `e_score_correction_bias`, one shared MLP of `moe_intermediate_size * n_shared_experts`); the
 * first `first_k_dense_replace` layers (default 0) use a dense MLP of `intermediate_size`.
 * Attention is sliding on layers >= `max_window_layers` (default 62) when `sliding_window` is set,
 * unless `layer_types` says otherwise. No MTP.
 *
 * The config class's defaults are not the released model (hidden_size 4,608; experts None), so
 * the widths and expert counts are required.
 *
 * @example countParams(parseHFConfig(dotsLlm1)).total // 142_774_381_696
 */
export function parseDots1(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const bias = r.bool('attention_bias', false);
  const sliding = r.has('sliding_window');
  const firstSliding = r.optInt('max_window_layers', 62, 0);
  const kind = slidingFrom(r, sliding ? firstSliding : layers, layers);
  return {
    name: '',
    family: 'dots1',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias, qkNorm: 'per-head' }),
    attentionPattern: readLayerTypes(r, layers, kind),
    denseMlp: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
    moe: readDeepseekV3Moe(r, null),
    moeLayers: {
      firstDense: r.optInt('first_k_dense_replace', 0, 0),
      step: 1,
      offset: 0,
      denseLayers: [],
    },
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseDots1 as read };
