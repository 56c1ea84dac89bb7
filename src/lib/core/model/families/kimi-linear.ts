import { checkInt, type ConfigReader, type ItemField } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type {
  AttentionLayerKind,
  KdaMixer,
  MlaAttention,
  ModelSpec,
  MoeLayerPattern,
  MoeSpec,
} from '../types.ts';
import { patternFromMoeLayers, readCheckpoint } from './common.ts';

/**
 * Kimi-Linear-48B-A3B (remote code of moonshotai/Kimi-Linear-48B-A3B-Instruct:
 * `configuration_kimi.py` `KimiLinearConfig`, `modeling_kimi.py` `KimiDecoderLayer`,
 * `KimiDeltaAttention`, `KimiMLAAttention`, `KimiSparseMoeBlock`; transformers port
 * models/kimi_linear/modular_kimi_linear.py; research: docs/research/families/kimi_linear.md).
 * Defaults are the remote `KimiLinearConfig`'s, which the checkpoint's `auto_map` runs.
 *
 * - Layer i is KDA iff i + 1 is in `linear_attn_config.kda_layers` (1-indexed:
 *   `config.is_kda_layer`), else MLA; `full_attn_layers` must not share a number with it.
 *   Without the lists, the port's explicit `layer_types` ("full_attention" /
 *   "linear_attention" / "kda_attention"). The released pattern is irregular (MLA at 3, 7, ...,
 *   23 and 26), so the pattern has one entry per layer.
 * - KDA: `linear_attn_config.num_heads`, `.head_dim`, `.short_conv_kernel_size` (the port's flat
 *   `linear_num_heads` / `linear_num_key_heads`, `linear_head_dim` / `linear_key_head_dim`,
 *   `linear_conv_kernel_dim`); a fixed state per sequence.
 * - MLA without rotary (`mla_use_nope`, asserted by the remote code): `num_attention_heads`,
 *   `q_lora_rank` (null: q_proj), `kv_lora_rank`, `qk_nope_head_dim`, `qk_rope_head_dim` (its
 *   slice of q and kv_a_proj_with_mqa exists, unrotated), `v_head_dim`; no bias. Top-level
 *   `head_dim` (72) and `num_key_value_heads` shape no weight.
 * - Feed-forward: MoE iff `num_experts` is set, i >= `first_k_dense_replace` (0) and
 *   i % `moe_layer_freq` (1) == 0 (or the port's `mlp_layer_types` "dense" / "sparse"); else a
 *   dense MLP of `intermediate_size`. MoE: `num_experts` SwiGLU experts of
 *   `moe_intermediate_size`, top `num_experts_per_token`, a router with `e_score_correction_bias`
 *   (an nn.Parameter), one shared MLP of `moe_intermediate_size` x `num_shared_experts` (0),
 *   group-limited by `num_expert_group` / `topk_group`. DeepSeek spellings are read too.
 * - `num_nextn_predict_layers` (0) MTP modules, counted apart; context `model_max_length`.
 *
 * @example countParams(parseHFConfig(kimiLinear48b)).total // 49_122_681_728
 */
export function parseKimiLinear(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const attentionPattern = readLayerKinds(r, layers);
  const moe = readMoe(r);
  return {
    name: '',
    family: 'kimi_linear',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readMla(r),
    attentionPattern,
    stateMixer: attentionPattern.some((k) => k.mixer === 'state') ? readKda(r) : null,
    denseMlp: r.has('intermediate_size')
      ? { intermediateSize: r.int('intermediate_size'), gated: true, bias: false }
      : null,
    moe,
    moeLayers: moe ? readMoeLayers(r, layers) : { ...NO_MOE },
    vision: null,
    mtp: { modules: r.optInt('num_nextn_predict_layers', 0, 0) },
    maxContextTokens:
      r.optInt('model_max_length', null) ?? r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

const NO_MOE: MoeLayerPattern = { firstDense: 0, step: 1, offset: 0, denseLayers: [] };

/** A KDA layer: no RoPE, its token mixer is the model's `stateMixer`. */
const KDA: AttentionLayerKind = { window: { kind: 'global' }, rope: false, mixer: 'state' };
/** An MLA layer: softmax attention over the whole context, without rotary embedding. */
const MLA: AttentionLayerKind = { window: { kind: 'global' }, rope: false };

/** One kind per layer, from the 1-indexed `kda_layers` or the port's `layer_types`. */
function readLayerKinds(r: ConfigReader, layers: number): AttentionLayerKind[] {
  const la = r.child('linear_attn_config');
  const number = (v: unknown, f: ItemField) => {
    const n = checkInt(f(), v, 1);
    if (n > layers) throw new ConfigError(f(), v, `a 1-indexed layer number from 1 to ${layers}`);
    return n;
  };
  const kda = la?.optArray('kda_layers', number) ?? null;
  if (kda !== null) {
    const linear = new Set(kda);
    la!.optArray('full_attn_layers', (v, f) => {
      if (linear.has(number(v, f))) throw new ConfigError(f(), v, 'a layer not in kda_layers');
    });
    return Array.from({ length: layers }, (_, i) => (linear.has(i + 1) ? KDA : MLA));
  }
  const types = r.optArray('layer_types', (value, field) => {
    if (value === 'linear_attention' || value === 'kda_attention') return KDA;
    if (value === 'full_attention') return MLA;
    throw new ConfigError(field(), value, '"linear_attention" or "full_attention"');
  });
  if (types === null) {
    throw new ConfigError(
      la ? la.field('kda_layers') : 'linear_attn_config.kda_layers',
      undefined,
      'the 1-indexed list of KDA layers (or layer_types)',
    );
  }
  if (types.length < layers) {
    throw new ConfigError(
      r.field('layer_types'),
      types.length,
      `one entry per layer (num_hidden_layers ${layers})`,
    );
  }
  return types.slice(0, layers);
}

/** `KimiDeltaAttention`'s sizes: q, k and v all have `heads` heads of `headDim`. */
function readKda(r: ConfigReader): KdaMixer {
  const la = r.child('linear_attn_config');
  const size = (key: string, flat: readonly string[]): number => {
    if (la?.has(key)) return la.int(key);
    if (flat.some((k) => r.has(k))) return r.intOf(flat);
    throw new ConfigError(
      la ? la.field(key) : `linear_attn_config.${key}`,
      undefined,
      'an integer >= 1',
    );
  };
  return {
    kind: 'kda',
    heads: size('num_heads', ['linear_num_heads', 'linear_num_key_heads']),
    headDim: size('head_dim', ['linear_head_dim', 'linear_key_head_dim']),
    convKernel: size('short_conv_kernel_size', ['linear_conv_kernel_dim']),
  };
}

/** `KimiMLAAttention`: DeepSeek-V3's MLA without rotary and without bias. */
function readMla(r: ConfigReader): MlaAttention {
  return {
    kind: 'mla',
    heads: r.int('num_attention_heads'),
    qLoraRank: r.has('q_lora_rank') ? r.int('q_lora_rank') : null,
    kvLoraRank: r.int('kv_lora_rank'),
    qkNopeHeadDim: r.int('qk_nope_head_dim'),
    qkRopeHeadDim: r.int('qk_rope_head_dim', 0),
    vHeadDim: r.int('v_head_dim'),
    bias: false,
  };
}

/** `KimiSparseMoeBlock`, or null when `num_experts` is not set (every layer dense). */
function readMoe(r: ConfigReader): MoeSpec | null {
  const expertKeys = ['num_experts', 'n_routed_experts', 'num_local_experts'];
  if (!expertKeys.some((k) => r.has(k))) return null;
  const width = r.int('moe_intermediate_size');
  const shared = r.has('n_shared_experts')
    ? r.int('n_shared_experts', 0)
    : r.optInt('num_shared_experts', 0, 0);
  const groupKey = r.has('n_group') ? 'n_group' : 'num_expert_group';
  const groups = r.optInt(groupKey, 1);
  const topGroups = r.optInt('topk_group', groups);
  return {
    experts: r.intOf(expertKeys),
    topK: r.intOf(['num_experts_per_token', 'num_experts_per_tok']),
    expert: { intermediateSize: width, gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: true,
    shared:
      shared > 0
        ? { count: shared, mlp: { intermediateSize: width, gated: true, bias: false }, gate: false }
        : null,
    residualDense: null,
    groupLimit: groups > 1 && topGroups < groups ? { groups, topGroups } : null,
  };
}

/** MoE layers: the remote code's first_k_dense_replace / moe_layer_freq, or mlp_layer_types. */
function readMoeLayers(r: ConfigReader, layers: number): MoeLayerPattern {
  const types = r.optArray('mlp_layer_types', (value, field) => {
    if (value === 'dense' || value === 'sparse') return value;
    throw new ConfigError(field(), value, '"dense" or "sparse"');
  });
  if (types === null || r.has('first_k_dense_replace')) {
    const firstDense = r.optInt('first_k_dense_replace', 0, 0);
    return { firstDense, step: r.optInt('moe_layer_freq', 1), offset: 0, denseLayers: [] };
  }
  if (types.length < layers) {
    throw new ConfigError(
      r.field('mlp_layer_types'),
      types.length,
      `one entry per layer (num_hidden_layers ${layers})`,
    );
  }
  const sparse: number[] = [];
  for (let i = 0; i < layers; i++) if (types[i] === 'sparse') sparse.push(i);
  if (sparse.length === 0) return { ...NO_MOE, firstDense: layers };
  return patternFromMoeLayers(r.field('mlp_layer_types'), sparse, layers);
}

/** This module's reader, as families/registry.ts loads it. */
export { parseKimiLinear as read };
