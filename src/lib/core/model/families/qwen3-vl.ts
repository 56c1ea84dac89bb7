import { ConfigError } from '../errors.ts';
import type { ConfigReader } from '../config-reader.ts';
import type { ModelSpec, Qwen3VlVision } from '../types.ts';
import { readCheckpoint } from './common.ts';
import { parseQwenMoe } from './qwen-moe.ts';

/**
 * Qwen3-VL-MoE (models/qwen3_vl_moe/modeling_qwen3_vl_moe.py; vision tower from
 * models/qwen3_vl/modeling_qwen3_vl.py): Qwen3-VL-30B-A3B, Qwen3-VL-235B-A22B.
 *
 * - The text model under `text_config` is Qwen3-MoE (`Qwen3VLMoeTextConfig(Qwen3MoeConfig)`,
 *   `Qwen3VLMoeTextSparseMoeBlock`): read by `parseQwenMoe`; v5 dumps spell `num_experts`
 *   `num_local_experts`.
 * - `tie_word_embeddings` is the top-level flag: the raw `text_config` has none, and the text
 *   config class defaults to true while the checkpoints ship a separate `lm_head.weight`
 *   (docs/research/families/qwen3_vl_moe.md §5).
 * - The vision tower under `vision_config`: `Qwen3VLVisionModel` (counted in params/blocks.ts);
 *   its mergers project to `out_hidden_size`, which must be the text hidden size.
 *
 * @example parseQwen3VlMoe(new ConfigReader(qwen3Vl30bConfig)).vision?.layers // 27
 */
export function parseQwen3VlMoe(top: ConfigReader): ModelSpec {
  const text = top.child('text_config');
  if (!text) throw new ConfigError('text_config', undefined, 'an object with the text model sizes');
  const vision = top.child('vision_config');
  if (!vision)
    throw new ConfigError('vision_config', undefined, 'an object with the vision tower sizes');
  const spec = parseQwenMoe(text, 'qwen3_moe');
  const checkpoint = readCheckpoint(top, text);
  return {
    ...spec,
    family: 'qwen3_vl_moe',
    tieEmbeddings: top.bool('tie_word_embeddings', false),
    vision: readVision(vision, spec.hiddenSize),
    checkpoint: { ...checkpoint, dtype: checkpoint.dtype ?? text.optString('dtype') },
  };
}

/**
 * `vision_config` as `Qwen3VLVisionModel` reads it (defaults: `Qwen3VLVisionConfig`). The mergers
 * project to `out_hidden_size` and their output is added to the text stream, so it must be the
 * text model's `hidden`.
 */
export function readVision(v: ConfigReader, hidden: number): Qwen3VlVision {
  const out = v.int('out_hidden_size');
  if (out !== hidden)
    throw new ConfigError(v.field('out_hidden_size'), out, `text_config.hidden_size (${hidden})`);
  const deepstack = v.optIntArray('deepstack_visual_indexes', 0) ?? [8, 16, 24];
  return {
    kind: 'qwen3_vl',
    layers: v.int('depth'),
    hiddenSize: v.int('hidden_size'),
    intermediateSize: v.int('intermediate_size'),
    patchSize: v.optInt('patch_size', 16),
    temporalPatchSize: v.optInt('temporal_patch_size', 2),
    channels: v.optInt('in_channels', 3),
    positionEmbeddings: v.optInt('num_position_embeddings', 2304),
    spatialMergeSize: v.optInt('spatial_merge_size', 2),
    deepstackMergers: deepstack.length,
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseQwen3VlMoe as read };
