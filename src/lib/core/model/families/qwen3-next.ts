import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type {
  AttentionLayerKind,
  GatedDeltaNetMixer,
  GqaAttention,
  ModelSpec,
  MoeSpec,
  MtpSpec,
} from '../types.ts';
import { GLOBAL, readCheckpoint } from './common.ts';
import { shortestPeriod } from './layer-pattern.ts';

/**
 * Qwen3-Next-80B-A3B (Instruct, Thinking) and Qwen3-Coder-Next
 * (models/qwen3_next/modular_qwen3_next.py, configuration_qwen3_next.py; research:
 * docs/research/families/qwen3_next.md). Defaults are `Qwen3NextConfig`'s.
 *
 * - Layer i is Gated DeltaNet (`linear_attn`, `Qwen3NextGatedDeltaNet`) or gated full attention
 *   (`self_attn`, `Qwen3NextAttention`) by `layer_types[i]` ("linear_attention" /
 *   "full_attention"; legacy "mamba" / "attention" as `remap_legacy_layer_types`); without the
 *   list, full attention iff (i + 1) % `full_attention_interval` == 0 (4: layers 3, 7, ..., 47).
 *   The released config.json files give only the interval, which the v5 config class pops.
 * - Full attention: GQA with `num_attention_heads` (16), `num_key_value_heads` (2), `head_dim`
 *   (256, not hidden / heads), q_proj twice as wide for the sigmoid output gate, RMSNorms of
 *   head_dim on q and k, `attention_bias` (false) on q, k, v and o; partial RoPE.
 * - Gated DeltaNet: `linear_num_key_heads` (16), `linear_num_value_heads` (32, a multiple of the
 *   key heads), `linear_key_head_dim` (128), `linear_value_head_dim` (128),
 *   `linear_conv_kernel_dim` (4); no RoPE, a fixed state per sequence.
 * - Feed-forward as Qwen2-MoE (`Qwen2MoeSparseMoeBlock`): MoE when `num_experts` (alias
 *   `num_local_experts`) > 0, i not in `mlp_only_layers` ([]) and (i + 1) % `decoder_sparse_step`
 *   (1) == 0; `num_experts_per_tok`, SwiGLU experts of `moe_intermediate_size`, one shared expert
 *   of `shared_expert_intermediate_size` (512) with a sigmoid gate Linear(hidden, 1); other layers
 *   a dense MLP of `intermediate_size` (5632; unused by the releases).
 * - MTP: the checkpoints store one module under `mtp.*` (a full-attention MoE layer, `fc`
 *   Linear(2h, h), three norms), which transformers drops on load (`_keys_to_ignore_on_load_unexpected`)
 *   and config.json does not announce. It is counted (as `mtp`, apart) only when a config says
 *   so: `num_nextn_predict_layers`, the field vLLM and SGLang read for `Qwen3NextForCausalLMMTP`,
 *   or `mtp_num_hidden_layers` (Qwen3.5's name); else the checkpoint check names it an extra.
 *
 * @example countParams(parseHFConfig(qwen3Next80bA3b)).total // 79_674_391_296 (+ mtp.* 1_650_471_424 stored)
 */
export function parseQwen3Next(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const step = r.optInt('decoder_sparse_step', 1);
  const attentionPattern = readLayerKinds(r, layers);
  const experts = r.intOf(['num_experts', 'num_local_experts'], 0);
  return {
    name: '',
    family: 'qwen3_next',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGatedAttention(r),
    attentionPattern,
    stateMixer: attentionPattern.some((k) => k.mixer === 'state') ? readGatedDeltaNet(r) : null,
    denseMlp: { intermediateSize: r.optInt('intermediate_size', 5632), gated: true, bias: false },
    moe: experts > 0 ? readMoe(r, experts) : null,
    moeLayers: {
      firstDense: 0,
      step,
      offset: step - 1,
      denseLayers: r.optIntArray('mlp_only_layers', 0) ?? [],
    },
    vision: null,
    mtp: readMtp(r),
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/** A Gated DeltaNet layer: no RoPE, its token mixer is the model's `stateMixer`. */
const LINEAR: AttentionLayerKind = { window: { kind: 'global' }, rope: false, mixer: 'state' };

/**
 * One kind per layer from `layer_types`, else from `full_attention_interval`, compressed to
 * the shortest repeating pattern. (`shortestPeriod` tells the two kinds apart by their `rope`.)
 */
function readLayerKinds(r: ConfigReader, layers: number): AttentionLayerKind[] {
  const types = r.optArray('layer_types', (value, field) => {
    if (value === 'linear_attention' || value === 'mamba') return LINEAR;
    if (value === 'full_attention' || value === 'attention') return GLOBAL;
    throw new ConfigError(field(), value, '"linear_attention" or "full_attention"');
  });
  if (types !== null && types.length < layers) {
    throw new ConfigError(
      r.field('layer_types'),
      types.length,
      `one entry per layer (num_hidden_layers ${layers})`,
    );
  }
  const interval = types === null ? r.optInt('full_attention_interval', 4) : 0;
  const kinds: AttentionLayerKind[] = [];
  for (let i = 0; i < layers; i++) {
    kinds.push(types ? types[i]! : (i + 1) % interval === 0 ? GLOBAL : LINEAR);
  }
  return shortestPeriod(kinds);
}

/** `Qwen3NextAttention`: Qwen3-MoE attention whose q_proj also computes the output gate. */
function readGatedAttention(r: ConfigReader): GqaAttention {
  const heads = r.int('num_attention_heads');
  const kvHeads = r.optInt('num_key_value_heads', 2);
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
    headDim: r.optInt('head_dim', 256),
    qkvBias: bias,
    outBias: bias,
    fusedQkv: false,
    qkNorm: 'per-head',
    sinks: false,
    outputGate: true,
  };
}

/** `Qwen3NextGatedDeltaNet`'s sizes; q and k heads are repeated to the value heads. */
function readGatedDeltaNet(r: ConfigReader): GatedDeltaNetMixer {
  const keyHeads = r.optInt('linear_num_key_heads', 16);
  const valueHeads = r.optInt('linear_num_value_heads', 32);
  if (valueHeads % keyHeads !== 0) {
    throw new ConfigError(
      r.field('linear_num_value_heads'),
      valueHeads,
      `a multiple of linear_num_key_heads (${keyHeads})`,
    );
  }
  return {
    kind: 'gated_deltanet',
    keyHeads,
    valueHeads,
    keyHeadDim: r.optInt('linear_key_head_dim', 128),
    valueHeadDim: r.optInt('linear_value_head_dim', 128),
    convKernel: r.optInt('linear_conv_kernel_dim', 4),
  };
}

/** `Qwen2MoeSparseMoeBlock`: softmax router without bias, one gated shared expert. */
function readMoe(r: ConfigReader, experts: number): MoeSpec {
  return {
    experts,
    topK: r.int('num_experts_per_tok'),
    expert: { intermediateSize: r.int('moe_intermediate_size'), gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: false,
    shared: {
      count: 1,
      mlp: {
        intermediateSize: r.optInt('shared_expert_intermediate_size', 512),
        gated: true,
        bias: false,
      },
      gate: true,
    },
    residualDense: null,
    groupLimit: null,
  };
}

/** The MTP modules a config announces (none of the released ones does); null when none. */
function readMtp(r: ConfigReader): MtpSpec | null {
  for (const key of ['num_nextn_predict_layers', 'mtp_num_hidden_layers']) {
    if (r.has(key)) {
      const modules = r.int(key, 0);
      return modules > 0 ? { modules } : null;
    }
  }
  return null;
}

/** This module's reader, as families/registry.ts loads it. */
export { parseQwen3Next as read };
