import type { ConfigReader } from '../config-reader.ts';
import type { AttentionLayerKind, Llama4Vision, ModelSpec, MoeLayerPattern } from '../types.ts';
import { readCheckpoint, readGqa, readLayerTypes, patternFromMoeLayers } from './common.ts';

/**
 * Llama 4 (models/llama4/modeling_llama4.py), text model under `text_config` (or a bare
 * `llama4_text` config), vision tower under `vision_config`.
 *
 * - Attention: GQA; `no_rope_layers[i] == 1` marks a RoPE layer, which uses chunked attention
 *   over `attention_chunk_size` tokens; the others are global NoPE layers (default: every 4th).
 *   `use_qk_norm` is an L2 norm without weights.
 * - MoE layers: `moe_layers` when given, else every `interleave_moe_layer_step`-th layer
 *   (layers step-1, 2 x step-1, ...). Experts are SwiGLU of `intermediate_size`, plus one shared
 *   expert of the same width; dense layers use `intermediate_size_mlp`. Router without bias.
 */
export function parseLlama4(top: ConfigReader, text: ConfigReader): ModelSpec {
  const hidden = text.int('hidden_size');
  const layers = text.int('num_hidden_layers');
  const bias = text.bool('attention_bias', false);
  const kind = readLayerKind(text);
  const moeLayers = readMoeLayers(text, layers);
  const expertWidth = text.int('intermediate_size');
  const vision = top.child('vision_config');
  return {
    name: '',
    family: 'llama4',
    hiddenSize: hidden,
    vocabSize: text.int('vocab_size'),
    layers,
    tieEmbeddings: text.bool('tie_word_embeddings', top.bool('tie_word_embeddings', false)),
    lmHeadBias: false,
    norm: { kind: 'rmsnorm', bias: false },
    attention: readGqa(text, hidden, {
      qkvBias: bias,
      outBias: bias,
      qkNorm: text.bool('use_qk_norm', true) ? 'weightless' : 'none',
    }),
    attentionPattern: readLayerTypes(text, layers, kind),
    denseMlp: {
      intermediateSize: text.optInt('intermediate_size_mlp', expertWidth),
      gated: true,
      bias: false,
    },
    moe: {
      experts: text.int('num_local_experts'),
      topK: text.int('num_experts_per_tok'),
      expert: { intermediateSize: expertWidth, gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: false,
      shared: {
        count: 1,
        mlp: { intermediateSize: expertWidth, gated: true, bias: false },
        gate: false,
      },
      residualDense: null,
      groupLimit: null,
    },
    moeLayers,
    vision: vision && top !== text ? readVision(vision) : null,
    mtp: null,
    maxContextTokens: text.optInt('max_position_embeddings', null),
    checkpoint: readCheckpoint(top, text),
  };
}

/**
 * Layer i's attention: `no_rope_layers[i] == 1` marks a RoPE layer, chunked over
 * `attention_chunk_size` tokens; the others are global NoPE (default: every
 * `no_rope_layer_interval`-th, 4).
 */
function readLayerKind(text: ConfigReader): (index: number) => AttentionLayerKind {
  const chunk = text.optInt('attention_chunk_size', null);
  const flags = text.optList('no_rope_layers'); // read in place: one per layer
  const interval = text.optInt('no_rope_layer_interval', 4);
  // One object per kind, shared by its layers (readLayerTypes compares them by identity first).
  const ropeKind: AttentionLayerKind =
    chunk !== null
      ? { window: { kind: 'chunked', tokens: chunk }, rope: true }
      : { window: { kind: 'global' }, rope: true };
  const nopeKind: AttentionLayerKind = { window: { kind: 'global' }, rope: false };
  return (i) => {
    const rope =
      flags !== null && i < flags.length
        ? flags[i] === 1 || flags[i] === true
        : (i + 1) % interval !== 0;
    return rope ? ropeKind : nopeKind;
  };
}

/** `moe_layers` when given, else every `interleave_moe_layer_step`-th layer (step-1, 2 x step-1, ...). */
function readMoeLayers(text: ConfigReader, layers: number): MoeLayerPattern {
  const moeList = text.optList('moe_layers');
  const step = text.optInt('interleave_moe_layer_step', 1);
  return moeList
    ? patternFromMoeLayers(text.field('moe_layers'), moeList, layers)
    : { firstDense: 0, step, offset: step - 1, denseLayers: [] };
}

function readVision(v: ConfigReader): Llama4Vision {
  return {
    kind: 'llama4',
    layers: v.int('num_hidden_layers'),
    hiddenSize: v.int('hidden_size'),
    intermediateSize: v.int('intermediate_size'),
    imageSize: v.int('image_size'),
    patchSize: v.int('patch_size'),
    channels: v.optInt('num_channels', 3),
    visionOutputDim: v.int('vision_output_dim'),
    projectorInputDim: v.int('projector_input_dim'),
    projectorOutputDim: v.int('projector_output_dim'),
    projectorBias: v.bool('multi_modal_projector_bias', false),
  };
}
