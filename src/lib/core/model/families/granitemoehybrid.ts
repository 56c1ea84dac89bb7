import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type {
  AttentionLayerKind,
  GqaAttention,
  Mamba2Mixer,
  MlpSpec,
  ModelSpec,
  MoeSpec,
} from '../types.ts';
import { ALL_LAYERS, readCheckpoint } from './common.ts';

/**
 * IBM Granite 4.0-H (models/granitemoehybrid/modular_granitemoehybrid.py,
 * configuration_granitemoehybrid.py; the Mamba-2 mixer is models/bamba `BambaMixer`):
 *
 * - Layer kinds: `layer_types` (alias `layers_block_type`), one "mamba" or "attention" per layer.
 *   Absent or empty, every layer is Mamba (the config's `layers_block_type` property): a trimmed
 *   config without it is a pure state-space model, as transformers builds it.
 * - Mamba-2 layers (`GraniteMoeHybridMambaLayer(BambaMixer)`): `mamba_n_heads` (128) heads of
 *   `mamba_d_head` ("auto": mamba_expand x hidden / heads), `mamba_n_groups` (1) groups of
 *   `mamba_d_state` (256), a convolution of `mamba_d_conv` (4) with bias `mamba_conv_bias` (true),
 *   in/out projections with bias `mamba_proj_bias` (false); the config requires heads x head_dim
 *   = mamba_expand (2) x hidden.
 * - Attention layers (`GraniteMoeSharedAttention`): head_dim is hidden / heads (no `head_dim`
 *   field), `num_key_value_heads` (default: heads), `attention_bias` on q, k, v and o; RoPE only
 *   when `position_embedding_type` is "rope" (Granite 4.0-H: "nope").
 * - Every layer: a shared MLP (`shared_mlp`, SwiGLU of `shared_intermediate_size`, default 1024)
 *   and, when `num_local_experts` > 0, the routed experts (`GraniteMoeSharedMoE`: a bias-free
 *   router, `num_experts_per_tok` SwiGLU experts of `intermediate_size`). With 0 experts (H-1B,
 *   H-Micro, H-350M) the shared MLP is the layer's only, dense, feed-forward.
 * - The muP multipliers (`embedding_multiplier`, `residual_multiplier`, `attention_multiplier`,
 *   `logits_scaling`) are scalars, not parameters; `tie_word_embeddings` defaults to false.
 *
 * @example countParams(parseHFConfig(granite40HTiny)).total // 6_939_037_248
 */
export function parseGraniteMoeHybrid(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const attention = readAttention(r, hidden);
  const rope = r.optString('position_embedding_type') === 'rope';
  const pattern = readLayerTypes(r, layers, rope);
  const hasMamba = pattern.some((k) => k.mixer === 'state');
  const experts = r.int('num_local_experts', 0);
  const sharedMlp: MlpSpec = {
    intermediateSize: r.optInt('shared_intermediate_size', 1024, 0),
    gated: true,
    bias: false,
  };
  if (experts === 0 && sharedMlp.intermediateSize === 0) {
    throw new ConfigError(
      r.field('shared_intermediate_size'),
      0,
      'an integer >= 1 (the shared MLP is the only feed-forward when num_local_experts is 0)',
    );
  }
  return {
    name: '',
    family: 'granitemoehybrid',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention,
    attentionPattern: pattern,
    // Only a model with Mamba layers reads the mamba_* fields (Granite 4.0 Micro has none).
    stateMixer: hasMamba ? readMamba2(r, hidden) : null,
    denseMlp: experts === 0 ? sharedMlp : null,
    moe: experts === 0 ? null : readMoe(r, experts, sharedMlp),
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** `GraniteMoeSharedAttention`: q, k, v, o of head_dim = hidden / heads, `attention_bias` on all. */
function readAttention(r: ConfigReader, hidden: number): GqaAttention {
  const heads = r.int('num_attention_heads');
  const kvHeads = r.optInt('num_key_value_heads', heads);
  if (hidden % heads !== 0) {
    throw new ConfigError(
      r.field('num_attention_heads'),
      heads,
      `a divisor of hidden_size (${hidden}): head_dim is hidden_size / num_attention_heads`,
    );
  }
  if (heads % kvHeads !== 0) {
    throw new ConfigError(
      r.field('num_key_value_heads'),
      kvHeads,
      `a divisor of num_attention_heads (${heads})`,
    );
  }
  const bias = r.bool('attention_bias', false);
  return {
    kind: 'gqa',
    heads,
    kvHeads,
    headDim: hidden / heads,
    qkvBias: bias,
    outBias: bias,
    fusedQkv: false,
    qkNorm: 'none',
    sinks: false,
  };
}

/**
 * One layer kind per layer from `layer_types` (or its alias `layers_block_type`): "mamba" is the
 * state-space mixer, "attention" softmax attention; every layer has its feed-forward.
 */
function readLayerTypes(r: ConfigReader, layers: number, rope: boolean): AttentionLayerKind[] {
  const key =
    r.has('layer_types') || !r.has('layers_block_type') ? 'layer_types' : 'layers_block_type';
  const types = r.optArray(key, (value, field) => {
    if (value === 'mamba' || value === 'attention') return value;
    throw new ConfigError(field(), value, '"mamba" or "attention"');
  });
  const mamba: AttentionLayerKind = { window: { kind: 'global' }, rope: false, mixer: 'state' };
  const attention: AttentionLayerKind = { window: { kind: 'global' }, rope };
  // An empty list counts as absent: `layers_block_type` is `layer_types if layer_types else
  // ["mamba"] * num_hidden_layers`.
  if (types === null || types.length === 0) return [mamba];
  if (types.length < layers) {
    throw new ConfigError(
      r.field(key),
      types.length,
      `one entry per layer (num_hidden_layers ${layers})`,
    );
  }
  // One entry per layer: the hybrid pattern is read as written, not compressed.
  return types.slice(0, layers).map((t) => (t === 'mamba' ? mamba : attention));
}

/** `BambaMixer` as GraniteMoeHybridConfig shapes it, with the config's own checks. */
function readMamba2(r: ConfigReader, hidden: number): Mamba2Mixer {
  const heads = r.optInt('mamba_n_heads', 128);
  const inner = r.optInt('mamba_expand', 2) * hidden;
  if (inner % heads !== 0) {
    throw new ConfigError(
      r.field('mamba_n_heads'),
      heads,
      `a divisor of mamba_expand x hidden_size (${inner})`,
    );
  }
  const auto = r.raw('mamba_d_head') === 'auto' || !r.has('mamba_d_head');
  const headDim = auto ? inner / heads : r.int('mamba_d_head');
  if (headDim * heads !== inner) {
    throw new ConfigError(
      r.field('mamba_d_head'),
      headDim,
      `mamba_expand x hidden_size / mamba_n_heads (${inner / heads}), or "auto"`,
    );
  }
  return {
    kind: 'mamba2',
    heads,
    headDim,
    groups: r.optInt('mamba_n_groups', 1),
    stateSize: r.optInt('mamba_d_state', 256),
    convKernel: r.optInt('mamba_d_conv', 4),
    convBias: r.bool('mamba_conv_bias', true),
    projBias: r.bool('mamba_proj_bias', false),
  };
}

/** `GraniteMoeSharedMoE` plus the layer's `shared_mlp`, always on. */
function readMoe(r: ConfigReader, experts: number, sharedMlp: MlpSpec): MoeSpec {
  return {
    experts,
    topK: r.int('num_experts_per_tok'),
    expert: { intermediateSize: r.int('intermediate_size'), gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: false,
    shared: sharedMlp.intermediateSize > 0 ? { count: 1, mlp: sharedMlp, gate: false } : null,
    residualDense: null,
    groupLimit: null,
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseGraniteMoeHybrid as read };
