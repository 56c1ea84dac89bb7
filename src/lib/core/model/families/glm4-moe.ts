import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { MlaAttention, ModelSpec, MoeLayerPattern } from '../types.ts';
import { GLOBAL, patternFromMoeLayers, readCheckpoint, readGqa } from './common.ts';
import { readDeepseekV3Moe } from './shared.ts';

/**
 * GLM-4.5 / 4.5-Air / 4.6 / 4.7 (models/glm4_moe/modeling_glm4_moe.py) and GLM-4.7-Flash
 * (models/glm4_moe_lite/modeling_glm4_moe_lite.py, configuration_glm4_moe_lite.py).
 *
 * - glm4_moe: GQA attention (`Glm4MoeAttention`): q, k, v take `attention_bias`, o_proj never has
 *   a bias; `use_qk_norm` adds RMSNorms of head_dim on q and k; head_dim from config.json (128:
 *   not hidden / heads, GLM-4.5 has 96 x 128 = 12,288 > 5,120).
 * - glm4_moe_lite: DeepSeek-V3 multi-head latent attention (`Glm4MoeLiteAttention(DeepseekV3Attention)`).
 * - Both: the DeepSeek-V3 MoE block (`Glm4MoeMoE`: sigmoid router with `e_score_correction_bias`,
 *   one shared MLP of `moe_intermediate_size * n_shared_experts`); the first
 *   `first_k_dense_replace` layers (glm4_moe, default 1) or the "dense" entries of
 *   `mlp_layer_types` (glm4_moe_lite, default only layer 0) use a dense MLP of `intermediate_size`.
 * - `num_nextn_predict_layers` MTP layers (`model.layers.92.*` in GLM-4.5, dropped on load by
 *   `_keys_to_ignore_on_load_unexpected`) are counted apart, as DeepSeek-V3's. Some releases
 *   also store their own embedding and head copies there; those are not counted.
 *
 * @example countParams(parseHFConfig(glm47)).total // 352_797_829_024 (+ mtp 3_988_069_792)
 */
export function parseGlm4Moe(r: ConfigReader, family: 'glm4_moe' | 'glm4_moe_lite'): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const lite = family === 'glm4_moe_lite';
  return {
    name: '',
    family,
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: lite
      ? readMla(r)
      : readGqa(r, hidden, {
          qkvBias: r.bool('attention_bias', false),
          outBias: false,
          qkNorm: r.bool('use_qk_norm', false) ? 'per-head' : 'none',
        }),
    attentionPattern: [GLOBAL],
    denseMlp: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
    moe: readDeepseekV3Moe(r, 1),
    moeLayers: lite
      ? readMlpLayerTypes(r, layers)
      : firstDense(r.optInt('first_k_dense_replace', 1, 0)),
    vision: null,
    mtp: { modules: r.optInt('num_nextn_predict_layers', 0, 0) },
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

function firstDense(n: number): MoeLayerPattern {
  return { firstDense: n, step: 1, offset: 0, denseLayers: [] };
}

/**
 * Multi-head latent attention (DeepSeek-V2 paper, section 2.1; `DeepseekV3Attention`):
 * `q_lora_rank` null projects queries directly; `num_key_value_heads` shapes no weight.
 */
function readMla(r: ConfigReader): MlaAttention {
  return {
    kind: 'mla',
    heads: r.int('num_attention_heads'),
    qLoraRank: r.raw('q_lora_rank') === null ? null : r.int('q_lora_rank'),
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: r.int('qk_nope_head_dim'),
    qkRopeHeadDim: r.int('qk_rope_head_dim'),
    vHeadDim: r.int('v_head_dim'),
    bias: r.bool('attention_bias', false),
  };
}

/**
 * GLM-4.7-Flash's MoE layers: `mlp_layer_types` ("dense" / "sparse", one per layer) when given;
 * else the config class's default, layer 0 dense and the rest sparse
 * (configuration_glm4_moe_lite.py `__post_init__`), which `first_k_dense_replace` states in the
 * released config.json (1) and which engines that serve it as DeepSeek-V2 (vLLM, llama.cpp) read.
 */
function readMlpLayerTypes(r: ConfigReader, layers: number): MoeLayerPattern {
  const types = r.optArray('mlp_layer_types', (value, field) => {
    if (value === 'dense' || value === 'sparse') return value;
    throw new ConfigError(field(), value, '"dense" or "sparse"');
  });
  if (types === null) return firstDense(r.optInt('first_k_dense_replace', 1, 0));
  if (types.length < layers) {
    throw new ConfigError(
      r.field('mlp_layer_types'),
      types.length,
      `one entry per layer (num_hidden_layers ${layers})`,
    );
  }
  const sparse: number[] = [];
  for (let i = 0; i < layers; i++) if (types[i] === 'sparse') sparse.push(i);
  if (sparse.length === 0) return firstDense(layers);
  return patternFromMoeLayers(r.field('mlp_layer_types'), sparse, layers);
}

/** This module's reader, as families/registry.ts loads it. */
export { parseGlm4Moe as read };
