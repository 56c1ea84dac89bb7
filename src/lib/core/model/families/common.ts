import { checkInt, type ConfigReader } from '../config-reader.ts';
import { ConfigError } from '../errors.ts';
import type {
  AttentionLayerKind,
  CheckpointFormat,
  GqaAttention,
  MoeLayerPattern,
  MoeSpec,
  QkNorm,
} from '../types.ts';

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

/**
 * The repeating attention pattern from `layer_types` ("full_attention", "sliding_attention",
 * "chunked_attention"), compressed to its shortest period; `fallback` when the field is absent.
 */
export function readLayerTypes(
  r: ConfigReader,
  layers: number,
  fallback: (index: number) => AttentionLayerKind,
): AttentionLayerKind[] {
  const types = r.optArray('layer_types', (value, field) => {
    switch (value) {
      case 'full_attention':
        return 'full';
      case 'sliding_attention':
        return 'sliding';
      case 'chunked_attention':
        return 'chunked';
      default:
        throw new ConfigError(
          field,
          value,
          '"full_attention", "sliding_attention" or "chunked_attention"',
        );
    }
  });
  const kinds: AttentionLayerKind[] = [];
  if (types === null) {
    for (let i = 0; i < layers; i++) kinds.push(fallback(i));
    return shortestPeriod(kinds);
  }
  for (let i = 0; i < layers; i++) {
    const type = types?.[i];
    if (type === undefined) kinds.push(fallback(i));
    else if (type === 'full') kinds.push({ window: { kind: 'global' }, rope: fallback(i).rope });
    else if (type === 'sliding')
      kinds.push({ window: { kind: 'sliding', tokens: r.int('sliding_window') }, rope: true });
    else
      kinds.push({
        window: { kind: 'chunked', tokens: r.int('attention_chunk_size') },
        rope: true,
      });
  }
  return shortestPeriod(kinds);
}

/**
 * The shortest prefix of `kinds` that repeats to give all of them: the length minus the
 * longest proper prefix that is also a suffix (the Knuth-Morris-Pratt failure function),
 * so linear in the number of layers.
 */
export function shortestPeriod(kinds: readonly AttentionLayerKind[]): AttentionLayerKind[] {
  const n = kinds.length;
  if (n === 0) return [];
  // border[i]: the length of the longest proper prefix of kinds[0..i] that is also its suffix.
  const border = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    let k = border[i - 1]!;
    while (k > 0 && !sameKind(kinds[i]!, kinds[k]!)) k = border[k - 1]!;
    border[i] = sameKind(kinds[i]!, kinds[k]!) ? k + 1 : k;
  }
  return kinds.slice(0, n - border[n - 1]!);
}

function sameKind(a: AttentionLayerKind, b: AttentionLayerKind): boolean {
  if (a.rope !== b.rope || a.window.kind !== b.window.kind) return false;
  if ((a.mixer ?? 'attention') !== (b.mixer ?? 'attention') || (a.ffn ?? true) !== (b.ffn ?? true))
    return false;
  return a.window.kind === 'global' || a.window.tokens === (b.window as { tokens: number }).tokens;
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
  // Entries past the last layer name no layer (modeling_llama4.py tests `layer_idx in moe_layers`).
  const moe = list.map((v, i) => checkInt(`${field}[${i}]`, v, 0)).filter((i) => i < layers);
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

/** torch_dtype and quantization_config, as the checkpoint stores its weights. */
export function readCheckpoint(r: ConfigReader, inner: ConfigReader = r): CheckpointFormat {
  const dtype =
    r.optString('torch_dtype') ?? r.optString('dtype') ?? inner.optString('torch_dtype');
  const q = r.child('quantization_config');
  const notConverted =
    q?.optArray('modules_to_not_convert', (v) => String(v)) ??
    q?.optArray('ignored_layers', (v) => String(v)) ??
    [];
  return { dtype, quantMethod: q?.optString('quant_method') ?? null, notQuantized: notConverted };
}

/**
 * The DeepSeek-V3 MoE block as GLM-4.5 and dots.llm1 reuse it (models/deepseek_v3/modeling_deepseek_v3.py
 * `DeepseekV3MoE`, `DeepseekV3TopkRouter`; models/glm4_moe `Glm4MoeMoE`; models/dots1 `Dots1MoE`):
 * `n_routed_experts` (alias `num_local_experts`) SwiGLU experts of `moe_intermediate_size`, top
 * `num_experts_per_tok`; a bias-free router with `e_score_correction_bias` (a buffer, but stored in
 * the checkpoint and counted); one shared MLP of width `moe_intermediate_size * n_shared_experts`
 * (counted as `n_shared_experts` experts of `moe_intermediate_size`: the same parameters, as no
 * projection has a bias); group-limited routing from `n_group` / `topk_group`.
 */
export function readDeepseekV3Moe(r: ConfigReader, sharedDefault: number | null): MoeSpec {
  const width = r.int('moe_intermediate_size');
  const shared =
    sharedDefault === null
      ? r.int('n_shared_experts', 0)
      : r.optInt('n_shared_experts', sharedDefault, 0);
  const groups = r.optInt('n_group', 1);
  const topGroups = r.optInt('topk_group', groups);
  return {
    experts: r.intOf(['n_routed_experts', 'num_local_experts']),
    topK: r.int('num_experts_per_tok'),
    expert: { intermediateSize: width, gated: true, bias: false },
    routerBias: false,
    scoreCorrectionBias: true,
    shared:
      shared > 0
        ? { count: shared, mlp: { intermediateSize: width, gated: true, bias: false }, gate: false }
        : null,
    residualDense: null,
    groupLimit: groups > 1 && topGroups < groups ? { groups, topGroups } : null,
  };
}
