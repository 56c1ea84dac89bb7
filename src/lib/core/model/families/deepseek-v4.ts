import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { AttentionLayerKind, CompressedAttention, ModelSpec } from '../types.ts';
import { installCompressedBlocks } from '../family-blocks.ts';
import { ALL_LAYERS, readCheckpoint } from './common.ts';
import { DEEPSEEK_V4_BLOCKS } from './deepseek-v4-blocks.ts';
import { readDeepseekV3Moe } from './shared.ts';
import { layerPattern } from './layer-pattern.ts';

/**
 * DeepSeek-V4-Flash and DeepSeek-V4-Pro (models/deepseek_v4/modeling_deepseek_v4.py,
 * configuration_deepseek_v4.py; DeepSeek-V4-Flash `inference/model.py`; research:
 * docs/research/families/deepseek_v4.md):
 *
 * - Attention (`CompressedAttention`): q-LoRA queries, one shared key-value head of `head_dim`,
 *   a sink per head, a grouped low-rank output projection. Every layer attends to its last
 *   `sliding_window` tokens; `compress_ratios` (one per layer, then the MTP layer's) adds one
 *   pooled entry per 4 tokens with a lightning indexer (CSA) or per 128 (HCA), or nothing (0).
 *   transformers' `layer_types` ("sliding_attention", "compressed_sparse_attention",
 *   "heavily_compressed_attention", with `compress_rates`) say the same; with neither, its
 *   default: two HCA layers, then HCA and CSA in turn.
 * - Every layer is MoE: `n_routed_experts` SwiGLU experts of `moe_intermediate_size`, top
 *   `num_experts_per_tok`, `n_shared_experts` shared ones; the router keeps a bias per expert,
 *   but the first `num_hash_layers` (or the "hash_moe" entries of `mlp_layer_types`; default 3)
 *   pick experts by token id from a stored table instead (`tid2eid`, not a parameter).
 * - `hc_mult` hyper-connection streams (paper section 2.2).
 * - `num_nextn_predict_layers` MTP modules, counted apart, each with the layer kind its
 *   `compress_ratios` entry gives.
 * - `expert_dtype` "fp4": the routed experts are stored as e2m1 with a UE8M0 scale per 32
 *   values (MXFP4), the rest as `quantization_config` says (FP8 in blocks of 128).
 *
 * @example countParams(parseHFConfig(v4Flash)).total // 284_332_240_471 (+ MTP 6_610_048_891)
 */
export function parseDeepseekV4(r: ConfigReader): ModelSpec {
  installCompressedBlocks(DEEPSEEK_V4_BLOCKS); // its blocks' counts, loaded with this reader
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const attention = readAttention(r);
  const kinds = readLayerKinds(r, layers, attention.window);
  const hashed = readHashLayers(r, layers);
  // One object per kind (params/layer-kinds.ts groups the layers by it), hash-routed ones too.
  const routed = new Map<AttentionLayerKind, AttentionLayerKind>();
  const kindAt = (i: number) => {
    const kind = kinds[i]!;
    if (i >= hashed) return kind;
    let hash = routed.get(kind);
    if (!hash) routed.set(kind, (hash = { ...kind, hashRouted: true }));
    return hash;
  };
  const mtp = r.optInt('num_nextn_predict_layers', 0, 0);
  const checkpoint = readCheckpoint(r);
  return {
    name: '',
    family: 'deepseek_v4',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention,
    attentionPattern: layerPattern(layers, kindAt),
    denseMlp: null,
    // DeepSeek-V3's MoE block: the router's bias (gate.bias) in every layer but the hash-routed ones.
    moe: readDeepseekV3Moe(r, 1),
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: { modules: mtp, kind: kinds[layers] ?? kindOf(0, attention.window) },
    hyperConnections: { streams: r.optInt('hc_mult', 4) },
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint:
      r.optString('expert_dtype') === 'fp4' ? { ...checkpoint, expertFormat: 'mxfp4' } : checkpoint,
  };
}

/** The attention's sizes; `num_key_value_heads`, if given, must be 1 (one shared key-value head). */
function readAttention(r: ConfigReader): CompressedAttention {
  const heads = r.int('num_attention_heads');
  const headDim = r.int('head_dim');
  if (r.has('num_key_value_heads') && r.int('num_key_value_heads') !== 1)
    throw new ConfigError(
      r.field('num_key_value_heads'),
      r.raw('num_key_value_heads'),
      '1: DeepSeek-V4 shares one key-value head among all heads',
    );
  const outGroups = r.int('o_groups');
  if ((heads * headDim) % outGroups !== 0)
    throw new ConfigError(
      r.field('o_groups'),
      outGroups,
      `a divisor of num_attention_heads × head_dim (${heads * headDim})`,
    );
  // transformers sets the rotary part from partial_rotary_factor when qk_rope_head_dim is absent.
  const rope = r.has('qk_rope_head_dim')
    ? r.int('qk_rope_head_dim')
    : Math.round(headDim * r.optNumber('partial_rotary_factor', 64 / 512));
  return {
    kind: 'compressed',
    heads,
    headDim,
    ropeHeadDim: rope,
    qLoraRank: r.int('q_lora_rank'),
    outGroups,
    outRank: r.int('o_lora_rank'),
    window: r.int('sliding_window'),
    indexer: {
      heads: r.int('index_n_heads'),
      headDim: r.int('index_head_dim'),
      topK: r.int('index_topk'),
    },
  };
}

const CSA = 'compressed_sparse_attention';
const HCA = 'heavily_compressed_attention';
const LAYER_TYPES = ['sliding_attention', CSA, HCA] as const;
type LayerType = (typeof LAYER_TYPES)[number];

/** A layer of ratio `ratio` (0: the window alone); it holds the indexer when it compresses by 4. */
function kindOf(ratio: number, window: number, csa = ratio === 4): AttentionLayerKind {
  return {
    window: { kind: 'compressed', tokens: window, ratio },
    rope: true,
    ...(csa ? {} : { indexer: false }),
  };
}

/**
 * Each layer's kind, and the MTP layers' after them: `compress_ratios` (0, 4 or 128 each, as
 * DeepSeek's inference code and transformers' `_COMPRESS_RATIO_TO_LAYER_TYPE` take them), else
 * `layer_types` with `compress_rates`, else transformers' default. One object per ratio.
 */
function readLayerKinds(r: ConfigReader, layers: number, window: number): AttentionLayerKind[] {
  const made = new Map<string, AttentionLayerKind>();
  const kind = (ratio: number, csa: boolean) => {
    const key = `${ratio} ${csa}`;
    let k = made.get(key);
    if (!k) made.set(key, (k = kindOf(ratio, window, csa)));
    return k;
  };
  const ratios = r.optArray('compress_ratios', (v, field) => {
    if (v === 0 || v === 4 || v === 128) return v;
    throw new ConfigError(field(), v, '0, 4 or 128');
  });
  if (ratios !== null) {
    if (ratios.length < layers)
      throw new ConfigError(
        r.field('compress_ratios'),
        ratios.length,
        `at least ${layers} entries (num_hidden_layers)`,
      );
    return ratios.map((ratio) => kind(ratio, ratio === 4));
  }
  const rates = r.child('compress_rates');
  const rate = (type: LayerType) =>
    type === LAYER_TYPES[0]
      ? 0
      : (rates?.optInt(type, type === CSA ? 4 : 128) ?? (type === CSA ? 4 : 128));
  const types = r.optListOf(
    'layer_types',
    (v): v is LayerType => (LAYER_TYPES as readonly unknown[]).includes(v),
    LAYER_TYPES.map((t) => `"${t}"`).join(', '),
  );
  if (types !== null && types.length !== layers)
    throw new ConfigError(
      r.field('layer_types'),
      types.length,
      `${layers} entries (num_hidden_layers)`,
    );
  // configuration_deepseek_v4.py `__post_init__`: two HCA layers, then HCA and CSA in turn.
  const typeAt = (i: number): LayerType => types?.[i] ?? (i < 2 || (i - 2) % 2 === 0 ? HCA : CSA);
  return Array.from({ length: layers }, (_, i) => kind(rate(typeAt(i)), typeAt(i) === CSA));
}

/**
 * How many leading layers route by token id: `num_hash_layers`, else the "hash_moe" entries of
 * `mlp_layer_types` (which must lead), else 3 (configuration_deepseek_v4.py).
 */
function readHashLayers(r: ConfigReader, layers: number): number {
  if (r.has('num_hash_layers')) return Math.min(r.optInt('num_hash_layers', 3, 0), layers);
  const types = r.optListOf(
    'mlp_layer_types',
    (v): v is 'hash_moe' | 'moe' => v === 'hash_moe' || v === 'moe',
    '"hash_moe" or "moe"',
  );
  if (types === null) return Math.min(3, layers);
  const hashed = types.indexOf('moe') < 0 ? types.length : types.indexOf('moe');
  if (types.lastIndexOf('hash_moe') >= hashed)
    throw new ConfigError(
      `${r.field('mlp_layer_types')}[${types.lastIndexOf('hash_moe')}]`,
      'hash_moe',
      '"moe": the hash-routed layers lead',
    );
  return Math.min(hashed, layers);
}

/** This module's reader, as families/registry.ts loads it. */
export { parseDeepseekV4 as read };
