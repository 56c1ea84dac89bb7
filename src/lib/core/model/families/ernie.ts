import { checkInt, type ConfigReader } from '../config-reader.ts';
import type { ModelSpec, MoeLayerPattern } from '../types.ts';
import { GLOBAL, readCheckpoint, readGqa } from './common.ts';

/**
 * ERNIE-4.5 MoE (models/ernie4_5_moe/modular_ernie4_5_moe.py, configuration_ernie4_5_moe.py).
 *
 * - Llama attention with `use_bias` on q, k, v and o; no q/k norm.
 * - Layer i is MoE when (i + 1) % `moe_layer_interval` == 0 and `moe_layer_start_index` <= i <=
 *   `moe_layer_end_index` (-1: the last layer); other layers use a dense MLP of
 *   `intermediate_size`.
 * - A MoE layer: `moe_num_experts` (alias `num_experts`) SwiGLU experts of
 *   `moe_intermediate_size`, top `moe_k` (alias `num_experts_per_tok`); a router
 *   Linear(hidden, experts) without bias; `moe_statics.e_score_correction_bias`, one per expert,
 *   an nn.Parameter (counted); `moe_num_shared_experts` > 0 adds ONE shared MLP of
 *   `moe_intermediate_size` x `moe_num_shared_experts`, without a gate.
 * - Every MLP and the lm_head carry a bias with `use_bias`.
 * - `tie_word_embeddings` defaults to true (the config class), unlike most families.
 * - `num_nextn_predict_layers` is not read: transformers never builds the MTP module
 *   (`_keys_to_ignore_on_load_unexpected = ["mtp"]`).
 * Defaults are the config class's (the ERNIE-4.5-21B-A3B sizes).
 *
 * @example ERNIE-4.5-21B-A3B: 1 dense layer (110,105,600) + 27 MoE layers (794,465,344 each)
 * + 264,765,440 (tied embedding) + 2,560 (final norm) = 21,825,437,888.
 */
export function parseErnie45Moe(r: ConfigReader): ModelSpec {
  const hidden = r.int('hidden_size');
  const layers = r.int('num_hidden_layers');
  const bias = r.bool('use_bias', false);
  const moeWidth = r.optInt('moe_intermediate_size', 1536);
  const shared = r.optInt('moe_num_shared_experts', 2, 0);
  return {
    name: '',
    family: 'ernie4_5_moe',
    hiddenSize: hidden,
    vocabSize: r.int('vocab_size'),
    layers,
    tieEmbeddings: r.bool('tie_word_embeddings', true),
    lmHeadBias: bias,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(r, hidden, { qkvBias: bias, outBias: bias }),
    attentionPattern: [GLOBAL],
    denseMlp: { intermediateSize: r.int('intermediate_size'), gated: true, bias },
    moe: {
      experts: r.has('moe_num_experts') ? r.int('moe_num_experts') : r.optInt('num_experts', 64),
      topK: r.has('moe_k') ? r.int('moe_k') : r.optInt('num_experts_per_tok', 6),
      expert: { intermediateSize: moeWidth, gated: true, bias },
      routerBias: false,
      scoreCorrectionBias: true,
      shared:
        shared > 0
          ? {
              count: 1,
              mlp: { intermediateSize: moeWidth * shared, gated: true, bias },
              gate: false,
            }
          : null,
      residualDense: null,
      groupLimit: null,
    },
    moeLayers: readMoeLayers(r, layers),
    vision: null,
    mtp: null,
    maxContextTokens: r.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(r),
  };
}

/**
 * The MoE layers start..end, every `interval`-th counted from 1: {firstDense: start,
 * step: interval, offset: interval - 1}, the layers after `end` listed as dense.
 *
 * @example start 3, end -1 (the last), interval 1 on 54 layers (ERNIE-4.5-300B-A47B):
 * { firstDense: 3, step: 1, offset: 0, denseLayers: [] }
 */
function readMoeLayers(r: ConfigReader, layers: number): MoeLayerPattern {
  const start = r.optInt('moe_layer_start_index', 1, 0);
  const interval = r.optInt('moe_layer_interval', 1);
  const endRaw = r.raw('moe_layer_end_index');
  // configuration_ernie4_5_moe.py: -1 (the default) means num_hidden_layers - 1.
  const end =
    endRaw === undefined || endRaw === null || endRaw === -1
      ? layers - 1
      : checkInt(r.field('moe_layer_end_index'), endRaw, 0);
  const denseLayers: number[] = [];
  for (let i = Math.max(end + 1, 0); i < layers; i++) denseLayers.push(i);
  return {
    firstDense: Math.min(start, layers),
    step: interval,
    offset: interval - 1,
    denseLayers,
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseErnie45Moe as read };
