import { checkInt, type ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import { maxOfField } from '../limits.ts';
import type {
  AttentionLayerKind,
  CheckpointFormat,
  GqaAttention,
  MoeLayerPattern,
  QkNorm,
} from '../types.ts';
import { layerPattern } from './layer-pattern.ts';

export { shortestPeriod } from './layer-pattern.ts';

/** Every layer dense, or every layer MoE: the pattern of Mixtral, OLMoE, gpt-oss and Llama 3. */
export const ALL_LAYERS: MoeLayerPattern = { firstDense: 0, step: 1, offset: 0, denseLayers: [] };

export const GLOBAL: AttentionLayerKind = { window: { kind: 'global' }, rope: true };

/** head_dim, defaulting to hidden / heads as every family's modeling file does. */
export function readHeadDim(r: ConfigReader, hidden: number, heads: number): number {
  if (r.has('head_dim')) return r.int('head_dim');
  if (hidden % heads !== 0) {
    throw new ConfigError(
      r.field('head_dim'),
      undefined,
      `a head_dim (hidden_size ${hidden} is not divisible by ${heads} heads)`,
    );
  }
  return hidden / heads;
}

/**
 * Grouped-query attention from the usual config names (models/llama/modeling_llama.py):
 * num_attention_heads, num_key_value_heads (default: heads), head_dim (default: hidden / heads).
 */
export function readGqa(
  r: ConfigReader,
  hidden: number,
  options: { qkvBias: boolean; outBias: boolean; qkNorm?: QkNorm; sinks?: boolean },
): GqaAttention {
  const heads = r.int('num_attention_heads');
  const kvHeads = r.optInt('num_key_value_heads', heads);
  if (heads % kvHeads !== 0) {
    throw new ConfigError(
      r.field('num_key_value_heads'),
      kvHeads,
      `a divisor of num_attention_heads (${heads})`,
    );
  }
  return {
    kind: 'gqa',
    heads,
    kvHeads,
    headDim: readHeadDim(r, hidden, heads),
    qkvBias: options.qkvBias,
    outBias: options.outBias,
    fusedQkv: false,
    qkNorm: options.qkNorm ?? 'none',
    sinks: options.sinks ?? false,
  };
}

type LayerType = 'full_attention' | 'sliding_attention' | 'chunked_attention';

const isLayerType = (value: unknown): value is LayerType =>
  value === 'full_attention' || value === 'sliding_attention' || value === 'chunked_attention';

/**
 * The repeating attention pattern from `layer_types` ("full_attention", "sliding_attention",
 * "chunked_attention"), compressed to its shortest period; `fallback` (one kind for every layer,
 * or each layer's) for a layer the field does not list, or every layer when it is absent. A
 * function that returns one object per kind (not a new one per layer) reads fastest.
 */
export function readLayerTypes(
  r: ConfigReader,
  layers: number,
  fallback: AttentionLayerKind | ((index: number) => AttentionLayerKind),
): AttentionLayerKind[] {
  const types = r.optListOf(
    'layer_types',
    isLayerType,
    '"full_attention", "sliding_attention" or "chunked_attention"',
  );
  if (types === null && typeof fallback !== 'function' && layers > 0) return [fallback];
  const kindOf = typeof fallback === 'function' ? fallback : () => fallback;
  if (types === null) return layerPattern(layers, kindOf);
  // One object per kind, made when first met (a window's size is read once, if used).
  let fullRope: AttentionLayerKind | undefined;
  let fullNope: AttentionLayerKind | undefined;
  let sliding: AttentionLayerKind | undefined;
  let chunked: AttentionLayerKind | undefined;
  return layerPattern(layers, (i) => {
    const type = types[i];
    if (type === undefined) return kindOf(i);
    if (type === 'full_attention')
      return kindOf(i).rope
        ? (fullRope ??= { window: { kind: 'global' }, rope: true })
        : (fullNope ??= { window: { kind: 'global' }, rope: false });
    if (type === 'sliding_attention')
      return (sliding ??= {
        window: { kind: 'sliding', tokens: r.int('sliding_window') },
        rope: true,
      });
    return (chunked ??= {
      window: { kind: 'chunked', tokens: r.int('attention_chunk_size') },
      rope: true,
    });
  });
}

/**
 * A MoE layer pattern from an explicit list of MoE layer indices (Llama 4 `moe_layers`): a rule
 * {firstDense, step, offset} when one fits, else every other layer listed as dense.
 */
export function patternFromMoeLayers(
  field: string,
  list: readonly unknown[],
  layers: number,
): MoeLayerPattern {
  const written = ruleAsWritten(field, list, layers);
  if (written !== null) return written;
  // Entries past the last layer name no layer (modeling_llama4.py tests `layer_idx in moe_layers`).
  const moe = (list as readonly number[]).filter((i) => i < layers);
  const wanted = new Set(moe);
  const first = moe[0] ?? 0;
  const step = moe.length > 1 ? moe[1]! - first : 1;
  if (step > 0) {
    const rule: MoeLayerPattern = {
      firstDense: first,
      step,
      offset: first % step,
      denseLayers: [],
    };
    let fits = true;
    for (let i = 0; i < layers && fits; i++) {
      fits = (i >= rule.firstDense && i % rule.step === rule.offset) === wanted.has(i);
    }
    if (fits) return rule;
  }
  const denseLayers: number[] = [];
  for (let i = 0; i < layers; i++) if (!wanted.has(i)) denseLayers.push(i);
  return { ...ALL_LAYERS, denseLayers };
}

/**
 * Checks every entry of a list of layer indices (an integer from 0 to the list's limit, else a
 * ConfigError naming `field[i]`) and, in the same pass, recognises the list as released configs
 * write it: first, first + step, ... in order up to the last layer (entries past it ignored).
 * Returns that rule, or null for any other list.
 */
function ruleAsWritten(
  field: string,
  list: readonly unknown[],
  layers: number,
): MoeLayerPattern | null {
  const max = maxOfField(field.slice(field.lastIndexOf('.') + 1)); // the list's name, not its path
  let listed = 0;
  let first = 0;
  let step = 1;
  let inOrder = true;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    const index =
      typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max
        ? v
        : checkInt(`${field}[${i}]`, v, 0);
    if (index >= layers) continue;
    if (listed === 0) first = index;
    else if (listed === 1) step = index - first;
    else if (index !== first + listed * step) inOrder = false;
    listed++;
  }
  const every = listed > 0 && step > 0 && listed === Math.floor((layers - 1 - first) / step) + 1;
  return inOrder && every
    ? { firstDense: first, step, offset: first % step, denseLayers: [] }
    : null;
}

/** torch_dtype and quantization_config, as the checkpoint stores its weights. */
export function readCheckpoint(r: ConfigReader, inner: ConfigReader = r): CheckpointFormat {
  const dtype =
    r.optString('torch_dtype') ?? r.optString('dtype') ?? inner.optString('torch_dtype');
  const q = r.child('quantization_config');
  const notConverted =
    q?.optArray('modules_to_not_convert', (v) => String(v)) ??
    q?.optArray('ignored_layers', (v) => String(v)) ??
    q?.optArray('ignore', (v) => String(v)) ??
    [];
  const checkpoint = {
    dtype,
    quantMethod: q?.optString('quant_method') ?? null,
    notQuantized: notConverted,
  };
  return q !== null && (q.has('config_groups') || q.has('bits'))
    ? { ...checkpoint, quantConfig: r.raw('quantization_config') }
    : checkpoint;
}
