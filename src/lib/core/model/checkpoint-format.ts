/**
 * How a checkpoint stores its weights, as config.json states it: its dtype, `quantization_config`
 * and, for compressed-tensors (llm-compressor), the weight scheme that `quant_method` alone does
 * not name.
 */
import type { ConfigReader } from './config-reader.ts';

/**
 * A compressed-tensors scheme: the weights' bits, integer or float, their group, and the
 * activations' bits (null: 16-bit).
 */
export interface QuantScheme {
  bits: number;
  type: 'int' | 'float';
  groupSize: number | null;
  activationBits: number | null;
}

/** How the checkpoint stores its weights, as read from config.json. */
export interface CheckpointFormat {
  /** `torch_dtype` / `dtype`, e.g. "bfloat16". */
  dtype: string | null;
  /** `quantization_config.quant_method`, e.g. "fp8", "mxfp4". */
  quantMethod: string | null;
  /** Module patterns the quantization leaves in `dtype` (`modules_to_not_convert`, `ignore`). */
  notQuantized: readonly string[];
  /**
   * `quantization_config` as written, when it states a scheme (compressed-tensors'
   * `config_groups`, GPTQ's and AWQ's `bits`): read by `readQuantScheme` where the weights are
   * sized (serving/weights.ts), which keeps its code out of the parser every page loads first.
   */
  quantConfig?: unknown;
  /**
   * The routed experts' format where it differs from the rest (DeepSeek-V4's `expert_dtype`
   * "fp4": "mxfp4", e2m1 with a UE8M0 scale per 32 values).
   */
  expertFormat?: string;
}

/**
 * The weight scheme of a compressed-tensors `quantization_config`, from its first group with
 * weights: `config_groups.<group>.weights` `num_bits`, `type` ("int" or "float") and
 * `group_size`, and `input_activations.num_bits` (llm-compressor's format; Kimi K2 Thinking:
 * 4-bit int in groups of 32, activations unquantized). Without groups, GPTQ's and AWQ's `bits`
 * and `group_size` (-1: one scale per channel), weight-only integers (transformers
 * `GPTQConfig`, `AwqConfig`). Null when the config gives neither.
 */
export function readQuantScheme(q: ConfigReader): QuantScheme | null {
  const groups = q.child('config_groups');
  if (groups === null) {
    if (!q.has('bits')) return null;
    const group = q.raw('group_size');
    return {
      bits: q.int('bits'),
      type: 'int',
      groupSize: typeof group === 'number' && group > 0 ? group : null,
      activationBits: null,
    };
  }
  for (const name of groups.keys()) {
    const group = groups.child(name);
    const weights = group?.child('weights');
    if (!group || !weights) continue;
    const activations = group.child('input_activations');
    return {
      bits: weights.int('num_bits'),
      type: weights.optString('type') === 'float' ? 'float' : 'int',
      groupSize: weights.optInt('group_size', null),
      activationBits: activations === null ? null : activations.optInt('num_bits', null),
    };
  }
  return null;
}
