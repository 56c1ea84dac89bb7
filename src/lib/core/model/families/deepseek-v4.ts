import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import { checkLimit, type LimitId } from '../limits.ts';
import type { AttentionLayerKind, CompressedAttention, ModelSpec } from '../types.ts';
import { installCompressedBlocks } from '../family-blocks.ts';
import { ALL_LAYERS, readCheckpoint } from './common.ts';
import { DEEPSEEK_V4_BLOCKS } from './deepseek-v4-blocks.ts';
import { readDeepseekV3Moe } from './shared.ts';

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
  const all = kinds.slice(0, layers);
  const routed: AttentionLayerKind[] = [];
  for (let i = 0; i < hashed; i++) {
    const { window: w, indexer } = all[i]!;
    let hash = routed.find((k) => k.window === w);
    if (!hash && w.kind === 'compressed')
      routed.push((hash = kindOf(w.ratio, w.tokens, indexer !== false, true)));
    all[i] = hash ?? all[i]!;
  }
  const { prefix, pattern } = prefixAndPattern(all);
  const mtp = r.optInt('num_nextn_predict_layers', 0, 0);
  const checkpoint = readCheckpoint(r);
  // Set on the fresh object, not spread into a copy: a copy costs a parse a third of its time.
  if (r.optString('expert_dtype') === 'fp4') checkpoint.expertFormat = 'mxfp4';
  const spec: ModelSpec = {
    name: '',
    family: 'deepseek_v4',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention,
    attentionPattern: pattern,
    denseMlp: null,
    // DeepSeek-V3's MoE block: the router's bias (gate.bias) in every layer but the hash-routed ones.
    moe: readDeepseekV3Moe(r, 1),
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: { modules: mtp, kind: kinds[layers] ?? kindOf(0, attention.window) },
    hyperConnections: { streams: r.has('hc_mult') ? limited(r, 'hc_mult', 'heads') : 4 },
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint,
  };
  // Set apart, not spread into the literal: a spread there costs a parse a fifth of its time.
  if (prefix.length > 0) spec.attentionPrefix = prefix;
  return spec;
}

/**
 * The layers' kinds as a rule: the released lists start apart from the rest (two window-only or
 * HCA layers, three hash-routed) and then alternate CSA and HCA, so the first few layers are a
 * prefix and the rest repeat every one or two (a spec's pattern is a rule, not a list: every
 * count and memory sum runs over it). A list with no such form is kept whole.
 */
function prefixAndPattern(all: readonly AttentionLayerKind[]): {
  prefix: AttentionLayerKind[];
  pattern: AttentionLayerKind[];
} {
  for (let first = 0; first <= Math.min(8, all.length - 1); first++)
    for (let period = 1; period <= 2; period++) {
      let repeats = true;
      for (let i = first + period; i < all.length && repeats; i++)
        repeats = all[i] === all[i - period];
      if (repeats)
        return { prefix: all.slice(0, first), pattern: all.slice(first, first + period) };
    }
  return { prefix: [], pattern: [...all] };
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
  const outGroups = limited(r, 'o_groups', 'heads');
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
    outRank: limited(r, 'o_lora_rank', 'hiddenSize'),
    window: r.int('sliding_window'),
    indexer: {
      heads: limited(r, 'index_n_heads', 'heads'),
      headDim: limited(r, 'index_head_dim', 'headDim'),
      topK: limited(r, 'index_topk', 'contextTokens'),
    },
  };
}

/**
 * A size of DeepSeek-V4's own, held to the limit of its kind here (limits.ts), where the reader
 * that alone reads it loads, rather than in the table every parse carries.
 */
function limited(r: ConfigReader, key: string, id: LimitId): number {
  const value = r.int(key);
  checkLimit(r.field(key), value, id);
  return value;
}

const CSA = 'compressed_sparse_attention';
const HCA = 'heavily_compressed_attention';
const LAYER_TYPES = ['sliding_attention', CSA, HCA] as const;
type LayerType = (typeof LAYER_TYPES)[number];

/** A layer of ratio `ratio` (0: the window alone); it holds the indexer when it compresses by 4. */
function kindOf(
  ratio: number,
  window: number,
  csa = ratio === 4,
  hashRouted = false,
): AttentionLayerKind {
  const kind: AttentionLayerKind = {
    window: { kind: 'compressed', tokens: window, ratio },
    rope: true,
  };
  if (!csa) kind.indexer = false;
  if (hashRouted) kind.hashRouted = true;
  return kind;
}

/**
 * Each layer's kind, and the MTP layers' after them: `compress_ratios` (0, 4 or 128 each, as
 * DeepSeek's inference code and transformers' `_COMPRESS_RATIO_TO_LAYER_TYPE` take them), else
 * `layer_types` with `compress_rates`, else transformers' default. One object per kind: a parse
 * runs on every slider move (tests/perf/params.perf.test.ts), so plain loops, no keyed maps.
 */
function readLayerKinds(r: ConfigReader, layers: number, window: number): AttentionLayerKind[] {
  // One pass over the list as written (optList): a parse runs on every slider move.
  const ratios = r.optList('compress_ratios');
  if (ratios !== null) {
    if (ratios.length < layers)
      throw new ConfigError(
        r.field('compress_ratios'),
        ratios.length,
        `at least ${layers} entries (num_hidden_layers)`,
      );
    const made: (AttentionLayerKind | undefined)[] = [undefined, undefined, undefined]; // 0, 4, 128
    const kinds = new Array<AttentionLayerKind>(ratios.length);
    for (let i = 0; i < ratios.length; i++) {
      const ratio = ratios[i];
      const at = ratio === 0 ? 0 : ratio === 4 ? 1 : ratio === 128 ? 2 : -1;
      if (at < 0)
        throw new ConfigError(`${r.field('compress_ratios')}[${i}]`, ratio, '0, 4 or 128');
      kinds[i] = made[at] ??= kindOf(ratio as number, window);
    }
    return kinds;
  }
  return readLayerTypes(r, layers, window);
}

/** The kinds from transformers' `layer_types` and `compress_rates`, or its default. */
function readLayerTypes(r: ConfigReader, layers: number, window: number): AttentionLayerKind[] {
  const rates = r.child('compress_rates');
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
  const made: Partial<Record<LayerType, AttentionLayerKind>> = {};
  const kindOfType = (type: LayerType) => {
    const csa = type === CSA;
    const rate =
      type === LAYER_TYPES[0] ? 0 : (rates?.optInt(type, csa ? 4 : 128) ?? (csa ? 4 : 128));
    return (made[type] ??= kindOf(rate, window, csa));
  };
  const kinds = new Array<AttentionLayerKind>(layers);
  // configuration_deepseek_v4.py `__post_init__`: two HCA layers, then HCA and CSA in turn.
  for (let i = 0; i < layers; i++)
    kinds[i] = kindOfType(types?.[i] ?? (i < 2 || (i - 2) % 2 === 0 ? HCA : CSA));
  return kinds;
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
