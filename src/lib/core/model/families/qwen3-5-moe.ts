import type { ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type { ModelSpec } from '../types.ts';
import { readCheckpoint } from './common.ts';
import { parseQwen3Next } from './qwen3-next.ts';
import { readVision } from './qwen3-vl.ts';

/**
 * Qwen3.5 and Qwen3.6 MoE (models/qwen3_5_moe/modular_qwen3_5_moe.py, configuration_qwen3_5_moe.py;
 * research: docs/research/families/qwen3_5_moe.md): Qwen3.5-35B-A3B, 122B-A10B, 397B-A17B and
 * Qwen3.6-35B-A3B.
 *
 * - The text model under `text_config` (`qwen3_5_moe_text`; a text-only config is that object
 *   alone) is Qwen3-Next's: Gated DeltaNet and gated full attention by `layer_types` or
 *   `full_attention_interval`, one gated shared expert (read by `parseQwen3Next`). Its Gated
 *   DeltaNet splits the input projection into in_proj_qkv, in_proj_z, in_proj_b and in_proj_a:
 *   the same parameters as Qwen3-Next's in_proj_qkvz and in_proj_ba.
 * - Every layer is MoE: the modular file deletes `intermediate_size`, `decoder_sparse_step` and
 *   `mlp_only_layers` (`AttributeError()`), so a copy that still carries them changes nothing.
 * - `mtp_num_hidden_layers` (1) MTP modules are stored under `mtp.*` and counted apart, as for
 *   Qwen3-Next; `mtp_use_dedicated_embeddings` false shares the embedding and the head.
 * - The vision tower under `vision_config` is Qwen3-VL's with no deepstack mergers
 *   (`deepstack_visual_indexes` []); its merger projects to `out_hidden_size`, the text width.
 * - `tie_word_embeddings` is false at both levels in every release; the top level decides.
 *
 * @example countParams(parseHFConfig(qwen36_35bA3b)).total // 35_107_181_936 (+ mtp.* 844_640_768)
 */
export function parseQwen35Moe(top: ConfigReader): ModelSpec {
  const nested = top.child('text_config');
  if (!nested && top.optString('model_type') === 'qwen3_5_moe')
    throw new ConfigError('text_config', undefined, 'an object with the text model sizes');
  const text = nested ?? top;
  if (!text.has('num_experts') && !text.has('num_local_experts'))
    throw new ConfigError(text.field('num_experts'), undefined, 'the routed experts per layer');
  const spec = parseQwen3Next(text);
  const vision = nested ? top.child('vision_config') : null;
  const checkpoint = readCheckpoint(top, nested ?? undefined);
  return {
    ...spec,
    family: 'qwen3_5_moe',
    tieEmbeddings: top.bool('tie_word_embeddings', text.bool('tie_word_embeddings', false)),
    denseMlp: null,
    moeLayers: { firstDense: 0, step: 1, offset: 0, denseLayers: [] },
    vision: vision ? readVision(vision, spec.hiddenSize) : null,
    checkpoint: { ...checkpoint, dtype: checkpoint.dtype ?? text.optString('dtype') },
  };
}

/** This module's reader, as families/registry.ts loads it. */
export { parseQwen35Moe as read };
