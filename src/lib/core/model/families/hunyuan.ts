import { checkInt, type ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec, MoeSpec } from '../types.ts';
import { ALL_LAYERS, GLOBAL, readCheckpoint, readGqa } from './common.ts';

/**
 * Hunyuan-A13B: native `hunyuan_v1_moe` (models/hunyuan_v1_moe/modular_hunyuan_v1_moe.py) and the
 * older remote-code `hunyuan` config (Tencent's Hunyuan-A13B repo, models/modeling_hunyuan.py
 * `HunYuanMLP`, `HunYuanTopKGate`, `HunYuanMoE`, `HunYuanAttention`, `HunYuanDecoderLayer`, and
 * models/hunyuan.py `HunYuanModel`, `HunYuanMoEV1ForCausalLM`).
 *
 * - Llama attention (`attention_bias` on q, k, v and o) with an RMSNorm of head_dim on queries
 *   and keys (`query_layernorm`, `key_layernorm`): always in the native code, only with
 *   `use_qk_norm` in the remote code, whose head_dim is hidden / heads.
 * - Every layer is MoE: `num_experts` SwiGLU experts of `intermediate_size` (not
 *   `moe_intermediate_size`, which neither implementation reads), a router Linear(hidden,
 *   experts) without bias, top `moe_topk`. The remote code makes every layer a dense
 *   MLP(`intermediate_size`) instead when `num_experts` <= 1.
 * - A shared MLP added to the experts' output on every token, without a gate: always, of
 *   `intermediate_size`, in the native code; only with `use_mixed_mlp_moe`, of
 *   `intermediate_size` x `num_shared_expert[0]`, in the remote code.
 * - Refused: the remote code's cross-layer attention (`use_cla`: layers without k_proj/v_proj)
 *   and its classification head; per-layer lists that differ from layer to layer.
 *
 * @example Hunyuan-A13B: 32 x 2,495,881,472 per layer + 524,972,032 (tied embedding) + 4,096
 * (final norm) = 80,393,183,232.
 */
export function parseHunyuanMoe(r: ConfigReader): ModelSpec {
  const remote = r.raw('model_type') === 'hunyuan';
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const width = r.int('intermediate_size');
  for (const key of remote ? ['use_cla', 'add_classification_head'] : []) {
    if (r.bool(key, false)) {
      throw new ConfigError(r.field(key), true, 'false (not counted yet for model_type "hunyuan")');
    }
  }
  const attentionBias = r.bool('attention_bias', false);
  const attention = readGqa(r, hidden, {
    qkvBias: attentionBias,
    outBias: attentionBias,
    qkNorm: !remote || r.bool('use_qk_norm', false) ? 'per-head' : 'none',
  });
  if (remote && hidden % attention.heads !== 0) {
    // HunYuanAttention: head_dim = hidden_size // num_heads, and a ValueError when it does not divide.
    throw new ConfigError(
      r.field('num_attention_heads'),
      attention.heads,
      `a divisor of hidden_size (${hidden})`,
    );
  }
  if (remote) attention.headDim = hidden / attention.heads;
  const experts = readPerLayer(r, 'num_experts', layers, false);
  const moe = remote && experts <= 1 ? null : readMoe(r, { experts, width, layers, remote });
  return {
    name: '',
    family: 'hunyuan_v1_moe',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', false),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention,
    attentionPattern: [GLOBAL],
    denseMlp: moe === null ? { intermediateSize: width, gated: true, bias: false } : null,
    moe,
    moeLayers: ALL_LAYERS,
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

function readMoe(
  r: ConfigReader,
  sizes: { experts: number; width: number; layers: number; remote: boolean },
): MoeSpec {
  const { experts, width, layers, remote } = sizes;
  const sharedWidth = remote
    ? r.bool('use_mixed_mlp_moe', false)
      ? width * readPerLayer(r, 'num_shared_expert', layers, true)
      : 0
    : width;
  return {
    experts,
    topK: readPerLayer(r, 'moe_topk', layers, remote),
    expert: { intermediateSize: width, gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: false,
    shared:
      sharedWidth > 0
        ? {
            count: 1,
            mlp: { intermediateSize: sharedWidth, gated: true, bias: false },
            gate: false,
          }
        : null,
    residualDense: null,
    groupLimit: null,
  };
}

/**
 * An int, or a per-layer list (default 1, as both config classes). The remote code reads the
 * list's first entry for every layer (`moe_topk[0]`, `num_shared_expert[0]`); the native code
 * reads entry `layer_idx`, so its list must hold one equal value per layer to fit one spec.
 */
function readPerLayer(r: ConfigReader, key: string, layers: number, first: boolean): number {
  const value = r.raw(key);
  if (!Array.isArray(value)) return r.optInt(key, 1);
  const list = value.map((v, i) => checkInt(`${r.field(key)}[${i}]`, v, 1));
  const used = first ? list.slice(0, 1) : list.slice(0, layers);
  if (used.length < (first ? 1 : layers) || used.some((v) => v !== used[0])) {
    throw new ConfigError(
      r.field(key),
      value,
      first ? 'a non-empty list' : `one equal value per layer (${layers})`,
    );
  }
  return used[0]!;
}

/** This module's reader, as families/registry.ts loads it. */
export { parseHunyuanMoe as read };
