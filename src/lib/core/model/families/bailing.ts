import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { GqaAttention, ModelSpec, MoeSpec } from '../types.ts';
import { GLOBAL, readCheckpoint, readGqa } from './common.ts';

/** The two remote-code architectures that publish `model_type: "bailing_moe"`. */
const ARCHITECTURES = ['BailingMoeForCausalLM', 'BailingMoeV2ForCausalLM'] as const;

/**
 * Ling / Bailing MoE: Ling-lite and Ling-plus (`BailingMoeForCausalLM`, inclusionAI/Ling
 * models/modeling_bailing_moe.py, configuration_bailing_moe.py) and Ling 2.0 (`architectures`
 * `BailingMoeV2ForCausalLM`, same model_type, inclusionAI/Ling-V2
 * models/modeling_bailing_moe_v2.py, configuration_bailing_moe_v2.py). No transformers file.
 *
 * - Attention: fused `query_key_value` Linear(hidden, (heads + 2 kv) x head_dim), bias with
 *   `use_qkv_bias`; `dense` Linear(heads x head_dim, hidden), bias with `use_bias` (default true
 *   in v1, false in v2); head_dim = `head_dim` or hidden / heads. V2: RMSNorm of head_dim on
 *   queries and keys with `use_qk_norm` (default true).
 * - Layer i is MoE when `num_experts` is not null and i >= `first_k_dense_replace`; other
 *   layers use a dense MLP of `intermediate_size`.
 * - MoE: `num_experts` SwiGLU experts of `moe_intermediate_size`, top `num_experts_per_tok`, a
 *   router `gate.weight` (experts x hidden) without bias, and one shared MLP of
 *   `moe_intermediate_size` x `num_shared_experts`, ungated. V2 adds `gate.expert_bias`, one
 *   per expert: a persistent buffer stored in the checkpoint (counted, as DeepSeek-V3's), and
 *   group-limited routing (`n_group`, `topk_group`).
 * - V2: `num_nextn_predict_layers` MTP layers (`BailingMoeV2MTPLayer`: enorm, hnorm, eh_proj
 *   Linear(2h, h), one MoE decoder layer, final_layernorm), reported apart.
 * Defaults are each config class's.
 *
 * @example Ling-lite: 28 MoE layers of 581,570,560 + 2 x 258,998,272 (embedding, lm_head)
 * + 2,048 (final norm) = 16,801,974,272.
 */
export function parseBailingMoe(r: ConfigReader): ModelSpec {
  const v2 = readGeneration(r) === 'BailingMoeV2ForCausalLM';
  const hidden = r.int('hidden_size');
  // V1's num_experts null makes every layer dense (BailingMoeDecoderLayer).
  const moe = r.raw('num_experts') === null ? null : readMoe(r, v2);
  return {
    name: '',
    family: 'bailing_moe',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers: r.int('num_hidden_layers'),
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readAttention(r, hidden, v2),
    attentionPattern: [GLOBAL],
    denseMlp:
      r.has('intermediate_size') || v2
        ? { intermediateSize: r.optInt('intermediate_size', 5120), gated: true, bias: false }
        : null,
    moe,
    moeLayers: {
      firstDense: r.optInt('first_k_dense_replace', v2 ? 1 : 0, 0),
      step: 1,
      offset: 0,
      denseLayers: [],
    },
    vision: null,
    mtp: v2 ? { modules: r.optInt('num_nextn_predict_layers', 0, 0) } : null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** v1 or v2 from `architectures[0]` (both publish model_type "bailing_moe"); v1 when absent. */
function readGeneration(r: ConfigReader): (typeof ARCHITECTURES)[number] {
  const first = r.optArray('architectures', (v) => v)?.[0];
  if (first === undefined) return 'BailingMoeForCausalLM';
  const known = ARCHITECTURES.find((a) => a === first);
  if (known === undefined) {
    throw new ConfigError(`${r.field('architectures')}[0]`, first, ARCHITECTURES.join(' or '));
  }
  return known;
}

function readAttention(r: ConfigReader, hidden: number, v2: boolean): GqaAttention {
  // V2's config class sets head_dim 128 when the key is absent; a null head_dim means hidden / heads.
  const headDim = v2 && r.raw('head_dim') === undefined ? 128 : null;
  const attention = readGqa(r, hidden, {
    qkvBias: r.bool('use_qkv_bias', false),
    outBias: r.bool('use_bias', !v2),
    qkNorm: v2 && r.bool('use_qk_norm', true) ? 'per-head' : 'none',
  });
  return { ...attention, fusedQkv: true, headDim: headDim ?? attention.headDim };
}

function readMoe(r: ConfigReader, v2: boolean): MoeSpec {
  const moeWidth = v2 ? r.optInt('moe_intermediate_size', 512) : r.int('moe_intermediate_size');
  const shared = r.optInt('num_shared_experts', v2 ? 1 : 0, 0);
  const groups = v2 ? r.optInt('n_group', 8) : 1;
  const topGroups = v2 ? r.optInt('topk_group', 4) : 1;
  return {
    experts: r.optInt('num_experts', v2 ? 256 : 16),
    topK: r.optInt('num_experts_per_tok', v2 ? 8 : 2),
    expert: { intermediateSize: moeWidth, gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: v2,
    shared:
      shared > 0
        ? {
            count: 1,
            mlp: { intermediateSize: moeWidth * shared, gated: true, bias: false },
            gate: false,
          }
        : null,
    residualDense: null,
    groupLimit: groups > 1 && topGroups < groups ? { groups, topGroups } : null,
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseBailingMoe as read };
