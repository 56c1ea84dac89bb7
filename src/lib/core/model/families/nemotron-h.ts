import type { ConfigReader, ItemField } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type {
  AttentionLayerKind,
  GqaAttention,
  Mamba2Mixer,
  MlpSpec,
  ModelSpec,
  MoeLayerPattern,
  MoeSpec,
} from '../types.ts';
import { ALL_LAYERS, readCheckpoint, readHeadDim } from './common.ts';

/** A Nemotron-H block, as `hybrid_override_pattern` spells it: Mamba-2, attention, MLP, MoE. */
type Block = 'M' | '*' | '-' | 'E';

const GLOBAL_NOPE = { kind: 'global' } as const;
/** Each block holds one mixer or one feed-forward, behind one `norm`; no RoPE anywhere. */
const KIND_OF: Readonly<Record<Block, AttentionLayerKind>> = {
  M: { window: GLOBAL_NOPE, rope: false, mixer: 'state', ffn: false },
  '*': { window: GLOBAL_NOPE, rope: false, mixer: 'attention', ffn: false },
  '-': { window: GLOBAL_NOPE, rope: false, mixer: 'none', ffn: true },
  E: { window: GLOBAL_NOPE, rope: false, mixer: 'none', ffn: true },
};

/** `layers_block_type` names (configuration_nemotron_h.py `_pattern_to_list`; legacy names too). */
const BLOCK_OF_TYPE: Readonly<Record<string, Block>> = {
  linear_attention: 'M',
  mamba: 'M',
  full_attention: '*',
  attention: '*',
  mlp: '-',
  moe: 'E',
};

/**
 * NVIDIA Nemotron-H (dense 8B/47B/56B, Nemotron-Nano-v2) and Nemotron 3 (Nano 30B-A3B MoE)
 * (models/nemotron_h/modular_nemotron_h.py, configuration_nemotron_h.py `NemotronHConfig`; the
 * Hub's remote-code modeling_nemotron_h.py builds the same tensors under `backbone.*`).
 *
 * - The layers are `layers_block_type` (alias `layer_types`) or else `hybrid_override_pattern`,
 *   one block per layer: `M` Mamba-2, `*` attention, `-` dense MLP, `E` MoE. Each block is one
 *   mixer or one feed-forward behind one RMSNorm `norm`. A config with neither is refused (the
 *   config class would fall back to a 4-layer toy pattern); `num_hidden_layers`, when given,
 *   must be the pattern's length.
 * - `M` (`NemotronHMamba2Mixer`): `mamba_num_heads` (128) x `mamba_head_dim` (64) wide (not
 *   `expand` x hidden), `n_groups` (8; alias `mamba_n_groups`), `ssm_state_size` (128),
 *   `conv_kernel` (4; alias `mamba_d_conv`), `use_conv_bias` (true; alias `mamba_conv_bias`),
 *   in/out projection bias `use_bias` (false).
 * - `*` (`NemotronHAttention` = `JambaAttention`): GQA without bias and without RoPE; head_dim
 *   from `head_dim`, else `attention_head_dim` (the remote-code name), else hidden / heads.
 * - `-` (`NemotronHMLP`): non-gated relu² up/down of `intermediate_size`, bias `mlp_bias`.
 * - `E` (`NemotronHMoE`, a DeepSeek-V3 MoE): router `gate` Linear(hidden, `n_routed_experts`)
 *   with `e_score_correction_bias` (a buffer, stored and counted as DeepSeek-V3's), top
 *   `num_experts_per_tok`, `n_group` / `topk_group`; non-gated bias-free experts of
 *   `moe_intermediate_size`; one shared `NemotronHMLP` of `moe_shared_expert_intermediate_size`.
 *   Refused: `moe_latent_size` (Nemotron 3 Super's LatentMoE), not counted yet.
 * - MTP: `num_nextn_predict_layers` modules of `mtp_layers_block_type` (or
 *   `mtp_hybrid_override_pattern`; default attention then MoE) with enorm, hnorm, eh_proj and a
 *   final norm, which is the DeepSeek-V3 module the count knows; other MTP patterns are refused.
 *
 * @example Nemotron-H-8B: 2 x 131,072 x 4,096 + 24 x 109,635,968 (M) + 4 x 41,943,040 (*) +
 *   24 x 2 x 4,096 x 21,504 (-) + 53 norms x 4,096 = 8,100,852,736.
 */
export function parseNemotronH(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const blocks = readBlocks(r);
  const has = (b: Block) => blocks.includes(b);
  const moe = has('E') ? readMoe(r) : null;
  const mlpBias = r.bool('mlp_bias', false);
  const denseMlp: MlpSpec | null =
    has('-') || moe === null
      ? { intermediateSize: r.int('intermediate_size'), gated: false, bias: mlpBias }
      : null;
  const dense = blocks.flatMap((b, i) => (b === '-' ? [i] : []));
  const moeLayers: MoeLayerPattern =
    moe && dense.length > 0 ? { ...ALL_LAYERS, denseLayers: dense } : ALL_LAYERS;
  return {
    name: '',
    family: 'nemotron_h',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers: blocks.length,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readAttention(r, hidden),
    // One entry per layer: the hybrid patterns of the releases do not repeat.
    attentionPattern: blocks.map((b) => KIND_OF[b]),
    stateMixer: has('M') ? readMamba2(r) : null,
    denseMlp,
    moe,
    moeLayers,
    vision: null,
    mtp: readMtp(r, moe !== null),
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** The blocks, from `layers_block_type` / `layer_types` or `hybrid_override_pattern`. */
function readBlocks(r: ConfigReader): Block[] {
  const key = ['layers_block_type', 'layer_types'].find((k) => r.has(k));
  const blocks = key
    ? r.optArray(key, (value, field) => blockOfType(value, field))!
    : readPattern(r, 'hybrid_override_pattern', null);
  const field = r.field(key ?? 'hybrid_override_pattern');
  if (blocks.length === 0) throw new ConfigError(field, [], 'at least one block');
  const layers = r.optInt('num_hidden_layers', null);
  if (layers !== null && layers !== blocks.length) {
    throw new ConfigError(
      r.field('num_hidden_layers'),
      layers,
      `the number of blocks in ${field} (${blocks.length})`,
    );
  }
  return blocks;
}

function blockOfType(value: unknown, field: ItemField): Block {
  if (typeof value !== 'string' || !Object.hasOwn(BLOCK_OF_TYPE, value)) {
    throw new ConfigError(field(), value, '"linear_attention", "full_attention", "mlp" or "moe"');
  }
  return BLOCK_OF_TYPE[value]!;
}

/** A pattern string of M, *, - and E; `fallback` when absent (null: the field is required). */
function readPattern(r: ConfigReader, key: string, fallback: string | null): Block[] {
  const pattern = r.optString(key) ?? fallback;
  if (pattern === null) {
    throw new ConfigError(
      r.field(key),
      undefined,
      'a layer pattern of M (Mamba-2), * (attention), - (MLP) and E (MoE), one per layer',
    );
  }
  const bad = [...pattern].find((c) => !Object.hasOwn(KIND_OF, c));
  if (bad !== undefined) {
    throw new ConfigError(r.field(key), pattern, `only M, *, - and E (found "${bad}")`);
  }
  return [...pattern] as Block[];
}

/** `alias` when the config has it (NemotronHConfig renames it to `key` on load), else `key`. */
function aliasKey(r: ConfigReader, alias: string, key: string): string {
  return r.has(alias) ? alias : key;
}

function readMamba2(r: ConfigReader): Mamba2Mixer {
  return {
    kind: 'mamba2',
    heads: r.optInt('mamba_num_heads', 128),
    headDim: r.optInt('mamba_head_dim', 64),
    groups: r.optInt(aliasKey(r, 'mamba_n_groups', 'n_groups'), 8),
    stateSize: r.optInt('ssm_state_size', 128),
    convKernel: r.optInt(aliasKey(r, 'mamba_d_conv', 'conv_kernel'), 4),
    convBias: r.bool(aliasKey(r, 'mamba_conv_bias', 'use_conv_bias'), true),
    projBias: r.bool('use_bias', false),
  };
}

/** `JambaAttention`: GQA, q/k/v/o without bias (hard-coded; `attention_bias` is not read). */
function readAttention(r: ConfigReader, hidden: number): GqaAttention {
  const heads = r.int('num_attention_heads');
  const kvHeads = r.optInt('num_key_value_heads', heads);
  if (heads % kvHeads !== 0) {
    throw new ConfigError(
      r.field('num_key_value_heads'),
      kvHeads,
      `a divisor of num_attention_heads (${heads})`,
    );
  }
  const headDim =
    !r.has('head_dim') && r.has('attention_head_dim')
      ? r.int('attention_head_dim')
      : readHeadDim(r, hidden, heads);
  return {
    kind: 'gqa',
    heads,
    kvHeads,
    headDim,
    qkvBias: false,
    outBias: false,
    fusedQkv: false,
    qkNorm: 'none',
    sinks: false,
  };
}

/** `NemotronHMoE`: the DeepSeek-V3 router and a non-gated shared expert of its own width. */
function readMoe(r: ConfigReader): MoeSpec {
  if (r.has('moe_latent_size')) {
    throw new ConfigError(
      r.field('moe_latent_size'),
      r.raw('moe_latent_size'),
      'null (LatentMoE, Nemotron 3 Super and Ultra, is not counted yet)',
    );
  }
  const groups = r.optInt('n_group', 1);
  const topGroups = r.optInt('topk_group', groups);
  const shared = r.int('moe_shared_expert_intermediate_size');
  return {
    experts: r.intOf(['n_routed_experts', 'num_local_experts']),
    topK: r.int('num_experts_per_tok'),
    // NemotronHExperts: up_proj and down_proj only, as 3-D parameters without bias.
    expert: { intermediateSize: r.int('moe_intermediate_size'), gated: false, bias: false },
    routerBias: false,
    scoreCorrectionBias: true,
    shared: {
      count: 1,
      mlp: { intermediateSize: shared, gated: false, bias: r.bool('mlp_bias', false) },
      gate: false,
    },
    residualDense: null,
    groupLimit: groups > 1 && topGroups < groups ? { groups, topGroups } : null,
  };
}

/**
 * MTP modules (vLLM nemotron_h_mtp.py `NemotronHMultiTokenPredictor`): each is the MTP pattern's
 * blocks, the first with enorm, hnorm and eh_proj Linear(2h, h), the last with a final norm.
 * With the pattern "*E" ("*-" for a dense model) that is one attention layer, one feed-forward
 * and their two norms: the module `mtpParams` counts.
 */
function readMtp(r: ConfigReader, moe: boolean): ModelSpec['mtp'] {
  const modules = r.optInt('num_nextn_predict_layers', 0, 0);
  if (modules === 0) return null;
  const key = r.has('mtp_layers_block_type')
    ? 'mtp_layers_block_type'
    : 'mtp_hybrid_override_pattern';
  const blocks = r.has('mtp_layers_block_type')
    ? r.optArray(key, (value, field) => blockOfType(value, field))!
    : readPattern(r, key, '*E');
  const counted = moe ? '*E' : '*-';
  if (blocks.join('') !== counted) {
    throw new ConfigError(
      r.field(key),
      blocks.join(''),
      `the MTP pattern "${counted}" (attention, then the feed-forward): others are not counted yet`,
    );
  }
  return { modules };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseNemotronH as read };
