import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type {
  AttentionLayerKind,
  Mamba1Mixer,
  MlpSpec,
  ModelSpec,
  MoeLayerPattern,
  MoeSpec,
} from '../types.ts';
import { readCheckpoint, readGqa } from './common.ts';

/** Jamba's attention layers: global softmax attention without any positional encoding. */
const ATTENTION: AttentionLayerKind = { window: { kind: 'global' }, rope: false };
/** Jamba's Mamba-1 layers (the mixer is `ModelSpec.stateMixer`). */
const MAMBA: AttentionLayerKind = { window: { kind: 'global' }, rope: false, mixer: 'state' };

/**
 * AI21 Jamba-v0.1 and Jamba-1.5 / 1.6 / 1.7 (models/jamba/modeling_jamba.py, modular_jamba.py,
 * configuration_jamba.py `JambaConfig`).
 *
 * - Layer i mixes tokens with attention when i % `attn_layer_period` (8) == `attn_layer_offset`
 *   (4), else with Mamba-1 (`layers_block_type`); a `layer_types` list, when the config has one,
 *   says it per layer ("full_attention" / "attention", "mamba" / "linear_attention").
 * - Attention (`JambaAttention`): GQA, q/k/v/o without bias, head_dim hidden / heads, and no
 *   positional encoding at all (no RoPE).
 * - Mamba-1 (`JambaMambaMixer`): inner width `mamba_expand` (2) x hidden, `mamba_d_state` (16),
 *   `mamba_d_conv` (4), `mamba_dt_rank` ("auto": ceil(hidden / 16)), `mamba_conv_bias` (true),
 *   `mamba_proj_bias` (false), and RMSNorms on dt, B and C.
 * - Every layer has a feed-forward after the mixer, and two norms (`input_layernorm`,
 *   `pre_ff_layernorm`). Layer i is MoE when i % `expert_layer_period` (2) ==
 *   `expert_layer_offset` (1) (`layers_num_experts`): `num_experts` (16; alias
 *   `num_local_experts`) SwiGLU experts of `intermediate_size`, top `num_experts_per_tok` (2),
 *   a bias-free `router`, no shared expert; else a SwiGLU MLP of `intermediate_size`.
 *   `num_experts` 1 makes every layer dense.
 * - An offset at or past its period is refused, as `JambaConfig.validate_architecture` does.
 *
 * @example Jamba-v0.1: 2 x 65,536 x 4,096 + 4 x 41,943,040 + 28 x 105,308,448 + 16 dense x
 *   176,160,768 + 16 MoE x (65,536 + 16 x 176,160,768) + 65 norms x 4,096 = 51,570,323,328.
 */
export function parseJamba(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const attention = readGqa(r, hidden, { qkvBias: false, outBias: false });
  const ffn: MlpSpec = { intermediateSize: r.int('intermediate_size'), gated: true, bias: false };
  const experts = r.has('num_experts') ? r.int('num_experts') : r.optInt('num_local_experts', 16);
  const moe: MoeSpec | null =
    experts > 1
      ? {
          experts,
          topK: r.optInt('num_experts_per_tok', 2),
          expert: ffn,
          routerBias: false,
          scoreCorrectionBias: false,
          shared: null,
          residualDense: null,
          groupLimit: null,
        }
      : null;
  const expertLayers = readPeriod(r, 'expert_layer_period', 'expert_layer_offset', 2, 1);
  const moeLayers: MoeLayerPattern = { firstDense: 0, ...expertLayers, denseLayers: [] };
  const attentionPattern = readMixers(r, layers);
  return {
    name: '',
    family: 'jamba',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention,
    attentionPattern,
    // layer_types may name no Mamba layer (an all-attention Jamba): then there is no mixer to read.
    stateMixer: attentionPattern.includes(MAMBA) ? readMamba1(r, hidden) : null,
    denseMlp: ffn,
    moe,
    moeLayers: moe ? moeLayers : { firstDense: 0, step: 1, offset: 0, denseLayers: [] },
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** A {period, offset} pair of JambaConfig: the offset must be below the period. */
function readPeriod(
  r: ConfigReader,
  periodKey: string,
  offsetKey: string,
  periodDefault: number,
  offsetDefault: number,
): { step: number; offset: number } {
  const step = r.optInt(periodKey, periodDefault);
  const offset = r.optInt(offsetKey, offsetDefault, 0);
  if (offset >= step) {
    throw new ConfigError(r.field(offsetKey), offset, `less than ${periodKey} (${step})`);
  }
  return { step, offset };
}

/**
 * Each layer's mixer: `layer_types` when present (one entry per layer), else one period of
 * `attn_layer_period` with attention at `attn_layer_offset` (`JambaConfig.layers_block_type`).
 */
function readMixers(r: ConfigReader, layers: number): AttentionLayerKind[] {
  const types = r.optArray('layer_types', (value, field) => {
    if (value === 'full_attention' || value === 'attention') return ATTENTION;
    if (value === 'mamba' || value === 'linear_attention') return MAMBA;
    throw new ConfigError(field(), value, '"full_attention" or "mamba"');
  });
  if (types !== null) {
    if (types.length !== layers) {
      throw new ConfigError(
        r.field('layer_types'),
        types.length,
        `one entry per layer (num_hidden_layers ${layers})`,
      );
    }
    return types;
  }
  const { step, offset } = readPeriod(r, 'attn_layer_period', 'attn_layer_offset', 8, 4);
  return Array.from({ length: step }, (_, i) => (i === offset ? ATTENTION : MAMBA));
}

/** `JambaMambaMixer`'s sizes; `mamba_dt_rank` "auto" (the default) is ceil(hidden / 16). */
function readMamba1(r: ConfigReader, hidden: number): Mamba1Mixer {
  const rank = r.raw('mamba_dt_rank');
  const dtRank =
    rank === undefined || rank === null || rank === 'auto'
      ? Math.ceil(hidden / 16)
      : r.int('mamba_dt_rank');
  return {
    kind: 'mamba1',
    innerSize: r.optInt('mamba_expand', 2) * hidden,
    stateSize: r.optInt('mamba_d_state', 16),
    convKernel: r.optInt('mamba_d_conv', 4),
    dtRank,
    convBias: r.bool('mamba_conv_bias', true),
    projBias: r.bool('mamba_proj_bias', false),
    innerNorms: true,
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseJamba as read };
