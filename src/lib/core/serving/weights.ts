/**
 * Weight memory: parameters x bits per parameter, per component, with a format chosen per
 * component group. Quantization schemes quantize Linear layers; the tensors they leave alone
 * (norms, the router, usually the embeddings) stay at the checkpoint's 16-bit dtype.
 */
import { WEIGHT_FORMATS, weightFormatFromName, type WeightFormatId } from './weight-formats.ts';
import type { ParamBreakdown, ParamComponent } from '../params/count.ts';
import type { ModelSpec, QuantScheme } from '../model/types.ts';
import { readQuantScheme } from '../model/checkpoint-format.ts';
import { ConfigReader, isObject } from '../model/config-reader.ts';

/** The format of each group of weights. */
export interface WeightPlan {
  /** Attention, shared experts, dense FFN layers, vision tower. */
  linear: WeightFormatId;
  /** Routed experts (gpt-oss ships these in MXFP4 and the rest in BF16). */
  experts: WeightFormatId;
  /** Input embedding and lm_head. */
  embeddings: WeightFormatId;
  /** Norms and router: never quantized by any scheme we know. */
  unquantized: WeightFormatId;
}

/** The unquantized dtype for a format: itself when it is a 16/32-bit float, else BF16. */
function unquantizedFor(format: WeightFormatId): WeightFormatId {
  return format === 'fp32' || format === 'fp16' || format === 'bf16' ? format : 'bf16';
}

/**
 * The plan for "everything at `weights`, routed experts at `experts`": embeddings follow
 * `weights` unless it quantizes Linear layers only (fp8, int8, int4, MXFP4, NVFP4), in which
 * case they stay 16-bit; GGUF quantizes embeddings too.
 */
export function weightPlan(weights: WeightFormatId, experts: WeightFormatId = weights): WeightPlan {
  const unquantized = unquantizedFor(weights);
  return {
    linear: weights,
    experts,
    embeddings: WEIGHT_FORMATS[weights].linearOnly ? unquantized : weights,
    unquantized,
  };
}

/**
 * The checkpoint's own formats, from `quantization_config` else `torch_dtype` (default BF16).
 * Modules listed in `modules_to_not_convert` keep the dtype: gpt-oss lists attention, router,
 * embeddings and lm_head, leaving only the experts in MXFP4.
 */
export function defaultWeightPlan(spec: ModelSpec): WeightPlan {
  const dtype = weightFormatFromName(spec.checkpoint.dtype ?? 'bf16') ?? 'bf16';
  const { quantMethod: method, quantConfig } = spec.checkpoint;
  // The scheme compressed-tensors' groups or GPTQ's and AWQ's bits give (model/checkpoint-format.ts)
  const quantScheme = isObject(quantConfig)
    ? readQuantScheme(new ConfigReader(quantConfig, 'quantization_config'))
    : null;
  const quantized =
    (quantScheme && schemeFormat(quantScheme)) ??
    (method === null ? null : weightFormatFromName(method));
  if (quantized === null) return weightPlan(dtype);
  const keeps = (pattern: RegExp) => spec.checkpoint.notQuantized.some((m) => pattern.test(m));
  // DeepSeek-V4's `expert_dtype` "fp4": its experts in MXFP4 beside FP8 (model/checkpoint-format.ts).
  const experts = spec.checkpoint.expertFormat
    ? (weightFormatFromName(spec.checkpoint.expertFormat) ?? quantized)
    : quantized;
  return {
    linear: keeps(/self_attn|attn/) ? dtype : quantized,
    experts,
    embeddings: WEIGHT_FORMATS[quantized].linearOnly ? unquantizedFor(dtype) : quantized,
    unquantized: unquantizedFor(dtype),
  };
}

/**
 * The format a compressed-tensors scheme stores: 8 bits as FP8 or INT8; 4-bit floats as NVFP4
 * (groups of 16) or MXFP4; 4-bit integers as W4A8 with 8-bit activations, else weight-only INT4
 * in groups of 32 or of 128; null for other widths.
 */
export function schemeFormat(scheme: QuantScheme): WeightFormatId | null {
  const { bits, type, groupSize, activationBits } = scheme;
  if (bits === 8) return type === 'float' ? 'fp8' : 'int8';
  if (bits !== 4) return null;
  if (type === 'float') return groupSize === 16 ? 'nvfp4' : 'mxfp4';
  if (activationBits === 8) return 'w4a8';
  return groupSize !== null && groupSize <= 32 ? 'int4_g32' : 'int4';
}

/** The format of each component under a plan. */
export function componentFormat(component: ParamComponent, plan: WeightPlan): WeightFormatId {
  switch (component) {
    case 'routedExperts':
      return plan.experts;
    case 'embedding':
    case 'lmHead':
      return plan.embeddings;
    case 'norms':
    case 'router':
      return plan.unquantized;
    case 'hyperConnections':
      // DeepSeek-V4 stores and runs them in FP32 (inference/model.py `Block`: hc_*_fn float32).
      return 'fp32';
    case 'attention':
    case 'sharedExperts':
    case 'denseFfn':
    case 'vision':
    case 'mtp':
      return plan.linear;
  }
}

/** Bytes of `params` parameters in `format`, rounded up to a whole byte. */
export function paramBytes(params: number, format: WeightFormatId): number {
  return Math.ceil((params * WEIGHT_FORMATS[format].bitsPerParam) / 8);
}

export type ByteBreakdown = Record<Exclude<ParamComponent, 'mtp'>, number>;

/**
 * Weight bytes per component and in all, for one copy of the model (MTP excluded).
 *
 * @example weightBytes(countParams(mixtral).breakdown, weightPlan('bf16')).total // 93_405_585_408
 */
export function weightBytes(
  breakdown: ParamBreakdown,
  plan: WeightPlan,
): { total: number; byComponent: ByteBreakdown } {
  const byComponent = {} as ByteBreakdown;
  let total = 0;
  for (const key of Object.keys(breakdown) as ParamComponent[]) {
    if (key === 'mtp') continue;
    const bytes = paramBytes(breakdown[key], componentFormat(key, plan));
    byComponent[key] = bytes;
    total += bytes;
  }
  return { total, byComponent };
}
