import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { AttentionLayerKind, ModelSpec, SharedExperts } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa } from './common.ts';

/**
 * MiniMax-Text-01 and MiniMax-M1: lightning (linear) attention and softmax attention layers,
 * every layer a Mixtral-style MoE. One architecture, three model types:
 *
 * - `minimax` (transformers models/minimax/modular_minimax.py, configuration_minimax.py;
 *   MiniMaxAI/MiniMax-Text-01-hf): `layer_types`, one "linear_attention" (`MiniMaxLightningAttention`)
 *   or "full_attention" (`MiniMaxAttention` = `MixtralAttention`) per layer. Absent, the config
 *   alternates full and linear starting with full (`"full_attention" if (i + 1) % 2`), which is
 *   not the released models' pattern: their configs state it.
 * - `minimax_text_01`, `minimax_m1` (remote code, MiniMax-AI/MiniMax-M1 `modeling_minimax_m1.py`
 *   `MiniMaxM1Model`): `attn_type_list`, 0 lightning and 1 softmax per layer; required (the model
 *   reads it without a default). MiniMax-01 and M1: `[0 x 7, 1] x 10`.
 * - Lightning attention: qkv_proj Linear(h, 3P), output_gate Linear(h, P), norm P, out_proj
 *   Linear(P, h), P = num_attention_heads x head_dim, no bias; `num_key_value_heads` is unused.
 *   Its decay slopes are buffers (transformers) or attributes (remote code), never parameters.
 * - Softmax attention: q, k, v, o without bias, `num_key_value_heads` (default 8), `head_dim`
 *   (default hidden / heads), RoPE on `rotary_dim` of it; `sliding_window` when set (default
 *   null), as Mixtral's.
 * - MoE (`block_sparse_moe`): `num_local_experts` SwiGLU experts (w1, w3, w2) of
 *   `intermediate_size`, top `num_experts_per_tok`, a bias-free gate. Remote code only: with
 *   `shared_intermediate_size` > 0, a shared MLP of `intermediate_size` (sic: the code sizes it
 *   by intermediate_size) mixed in by a sigmoid `coefficient` Linear(h, 1); every released
 *   config has 0.
 * - The residual factors (`layernorm_*_alpha/beta`, `*_attn_alpha_factor`, `postnorm`) are
 *   scalars, not parameters. No MTP.
 *
 * @example countParams(parseHFConfig(minimaxM1)).total // 456_089_655_296
 */
export function parseMinimax(r: ConfigReader): ModelSpec {
  const remote = r.raw('model_type') !== 'minimax';
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const gqa = readGqa(r, hidden, { qkvBias: false, outBias: false });
  // MiniMaxConfig and MiniMaxM1Config default num_key_value_heads to 8 (validateSpec checks it
  // divides the heads).
  const attention = r.has('num_key_value_heads') ? gqa : { ...gqa, kvHeads: 8 };
  const softmax: AttentionLayerKind = r.has('sliding_window')
    ? { window: { kind: 'sliding', tokens: r.int('sliding_window') }, rope: true }
    : GLOBAL;
  const pattern = remote
    ? readAttnTypeList(r, layers, softmax)
    : readLayerTypes(r, layers, softmax);
  const sharedWidth = remote ? r.optInt('shared_intermediate_size', 0, 0) : 0;
  const expertWidth = r.int('intermediate_size');
  const shared: SharedExperts | null =
    sharedWidth > 0
      ? { count: 1, mlp: { intermediateSize: expertWidth, gated: true, bias: false }, gate: true }
      : null;
  return {
    name: '',
    family: 'minimax',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention,
    attentionPattern: pattern,
    stateMixer: pattern.some((k) => k.mixer === 'state')
      ? { kind: 'lightning', heads: attention.heads, headDim: attention.headDim }
      : null,
    denseMlp: null,
    moe: {
      experts: r.int('num_local_experts'),
      topK: r.int('num_experts_per_tok'),
      expert: { intermediateSize: expertWidth, gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: false,
      shared,
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

const LIGHTNING: AttentionLayerKind = { window: { kind: 'global' }, rope: false, mixer: 'state' };

/** The remote code's `attn_type_list`: 0 lightning, 1 softmax, one per layer. */
function readAttnTypeList(
  r: ConfigReader,
  layers: number,
  softmax: AttentionLayerKind,
): AttentionLayerKind[] {
  const types = r.optArray('attn_type_list', (value, field) => {
    if (value === 0 || value === 1) return value;
    throw new ConfigError(field(), value, '0 (lightning attention) or 1 (softmax attention)');
  });
  if (types === null) {
    throw new ConfigError(
      r.field('attn_type_list'),
      undefined,
      `one 0 (lightning) or 1 (softmax attention) per layer (num_hidden_layers ${layers})`,
    );
  }
  return perLayer(r, 'attn_type_list', types, layers, (t) => (t === 0 ? LIGHTNING : softmax));
}

/** transformers' `layer_types`: "linear_attention" or "full_attention"; alternating when absent. */
function readLayerTypes(
  r: ConfigReader,
  layers: number,
  softmax: AttentionLayerKind,
): AttentionLayerKind[] {
  const types = r.optArray('layer_types', (value, field) => {
    if (value === 'linear_attention' || value === 'full_attention') return value;
    throw new ConfigError(field(), value, '"linear_attention" or "full_attention"');
  });
  // MiniMaxConfig: "full_attention" if bool((i + 1) % 2) else "linear_attention".
  if (types === null) return [softmax, LIGHTNING];
  return perLayer(r, 'layer_types', types, layers, (t) =>
    t === 'linear_attention' ? LIGHTNING : softmax,
  );
}

/** One layer kind per layer (the hybrid pattern as written), from a list at least that long. */
function perLayer<T>(
  r: ConfigReader,
  key: string,
  types: readonly T[],
  layers: number,
  kindOf: (type: T) => AttentionLayerKind,
): AttentionLayerKind[] {
  if (types.length < layers) {
    throw new ConfigError(
      r.field(key),
      types.length,
      `one entry per layer (num_hidden_layers ${layers})`,
    );
  }
  return types.slice(0, layers).map(kindOf);
}

/** This module's reader, as families/registry.ts loads it. */
export { parseMinimax as read };
