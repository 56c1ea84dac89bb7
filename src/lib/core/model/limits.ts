/**
 * Upper limits on a model's sizes and a deployment's scale. Each is far above every released
 * model (so a real config never meets one) and small enough that every computation on a model
 * at all limits at once stays fast: the core's loops run over layers and experts, and a count
 * must stay an exact integer. They are checked once, where input enters the core: reading a
 * config.json (`checkInt`), `validateSpec`, and the explorer's architecture edits.
 */
import { ConfigError } from './errors.ts';

/**
 * The documented limits, each beside what it is measured against (the README lists them too).
 * Messages state the bound ("expected at most 4,096"); the reasons stay here, out of the
 * element's download.
 */
export const LIMITS = {
  /** 32x the 126 layers of Llama 3.1 405B. */
  layers: 4096,
  /** 3.5x the 18,432-wide residual stream of Nemotron-4 340B (also the MLA ranks, vision sizes). */
  hiddenSize: 65_536,
  /** 3.5x the 73,728-wide MLP of Nemotron-4 340B (dense, expert and shared widths). */
  intermediateSize: 262_144,
  /** 4x the 262,208-token vocabulary of Gemma 3. */
  vocabSize: 1_048_576,
  /** 4x the 232 attention heads of Falcon-180B (query and KV heads). */
  heads: 1024,
  /** 8x the 256-wide attention heads of Gemma. */
  headDim: 2048,
  /** 170x the 384 routed experts of Kimi K2. */
  experts: 65_536,
  /** 6.4x the top-10 routing of Qwen3-Next, 8x the top-8 of DeepSeek-V3 and Kimi K2 (at 256,
   *  drawing one token's route through 4,096 layers took about a second). */
  topK: 64,
  /** 32x the 2 shared experts of DeepSeek-V2. */
  sharedExperts: 64,
  /** 64x the one multi-token-prediction module of DeepSeek-V3. */
  mtpModules: 64,
  /** 25x the 10M-token context of Llama 4 Scout (max_position_embeddings, windows, serving). */
  contextTokens: 2 ** 28,
  /** 16,384x the batch slider's 65,536 concurrent sequences. */
  batch: 2 ** 30,
  /** 5x the largest GPU cluster built, about 200,000 devices. */
  devices: 1_048_576,
} as const;

export type LimitId = keyof typeof LIMITS;

/**
 * The limit of each integer field of a config.json, by its name (the last segment of its
 * path; list items such as `mlp_only_layers[3]` by the list's name). Widths without a limit
 * of their own (low-rank projections, the vision tower's sizes) take the hidden size's.
 */
const FIELD_LIMITS: Readonly<Record<string, LimitId>> = {
  num_hidden_layers: 'layers',
  n_layers: 'layers',
  first_k_dense_replace: 'layers',
  moe_layer_freq: 'layers',
  decoder_sparse_step: 'layers',
  interleave_moe_layer_step: 'layers',
  max_window_layers: 'layers',
  no_rope_layer_interval: 'layers',
  mlp_only_layers: 'layers',
  moe_layers: 'layers',
  hidden_size: 'hiddenSize',
  d_model: 'hiddenSize',
  q_lora_rank: 'hiddenSize',
  kv_lora_rank: 'hiddenSize',
  image_size: 'hiddenSize',
  patch_size: 'hiddenSize',
  num_channels: 'hiddenSize',
  vision_output_dim: 'hiddenSize',
  projector_input_dim: 'hiddenSize',
  projector_output_dim: 'hiddenSize',
  intermediate_size: 'intermediateSize',
  intermediate_size_mlp: 'intermediateSize',
  moe_intermediate_size: 'intermediateSize',
  shared_expert_intermediate_size: 'intermediateSize',
  shared_intermediate_size: 'intermediateSize',
  ffn_hidden_size: 'intermediateSize',
  vocab_size: 'vocabSize',
  num_attention_heads: 'heads',
  n_heads: 'heads',
  num_key_value_heads: 'heads',
  kv_n_heads: 'heads',
  head_dim: 'headDim',
  qk_nope_head_dim: 'headDim',
  qk_rope_head_dim: 'headDim',
  v_head_dim: 'headDim',
  num_local_experts: 'experts',
  n_routed_experts: 'experts',
  num_experts: 'experts',
  moe_num_experts: 'experts',
  n_group: 'experts',
  topk_group: 'experts',
  num_experts_per_tok: 'topK',
  experts_per_token: 'topK',
  moe_top_k: 'topK',
  n_shared_experts: 'sharedExperts',
  num_nextn_predict_layers: 'mtpModules',
  max_position_embeddings: 'contextTokens',
  max_seq_len: 'contextTokens',
  sliding_window: 'contextTokens',
  attention_chunk_size: 'contextTokens',
  // The hybrid families' names (Kimi-Linear, Qwen3-Next, LongCat-Flash, Jamba, Nemotron-H).
  num_experts_per_token: 'topK',
  moe_topk: 'topK',
  num_shared_experts: 'sharedExperts',
  num_expert_group: 'experts',
  zero_expert_num: 'experts',
  expert_ffn_hidden_size: 'intermediateSize',
  moe_shared_expert_intermediate_size: 'intermediateSize',
  num_layers: 'layers',
  model_max_length: 'contextTokens',
  full_attention_interval: 'layers',
  attn_layer_period: 'layers',
  expert_layer_period: 'layers',
  mtp_num_hidden_layers: 'mtpModules',
  kda_layers: 'layers',
  full_attn_layers: 'layers',
  // Linear-attention and state-space mixers (Qwen3-Next, Kimi-Linear, Jamba, Nemotron-H, Granite).
  linear_num_key_heads: 'heads',
  linear_num_value_heads: 'heads',
  linear_key_head_dim: 'headDim',
  linear_value_head_dim: 'headDim',
  linear_conv_kernel_dim: 'headDim',
  short_conv_kernel_size: 'headDim',
  num_heads: 'heads',
  mamba_num_heads: 'heads',
  mamba_n_heads: 'heads',
  mamba_head_dim: 'headDim',
  mamba_d_head: 'headDim',
  mamba_d_state: 'headDim',
  ssm_state_size: 'headDim',
  mamba_d_conv: 'headDim',
  conv_kernel: 'headDim',
  mamba_expand: 'headDim',
  expand: 'headDim',
  n_groups: 'heads',
  mamba_n_groups: 'heads',
  mamba_dt_rank: 'hiddenSize',
};

/** Each field name's largest allowed value (LIMITS by FIELD_LIMITS), made once. */
const MAX_BY_NAME = new Map<string, number>(
  Object.entries(FIELD_LIMITS).map(([name, id]) => [name, LIMITS[id]]),
);

/** The smallest of the limits: a value up to it is within every field's limit. */
export const LEAST_LIMIT = Math.min(...Object.values(LIMITS));

/**
 * The largest value a config.json field may hold, by its name ("hidden_size", not its path):
 * its limit, else Number.MAX_SAFE_INTEGER. The reader's fast path (one Map lookup per integer
 * read); `fieldLimit` names the limit for an error message.
 */
export function maxOfField(name: string): number {
  return MAX_BY_NAME.get(name) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The limit of a config.json field, from its dotted path ("text_config.hidden_size",
 * "mlp_only_layers[3]"); null for a field without one of its own (it is still held to
 * Number.MAX_SAFE_INTEGER).
 */
export function fieldLimit(path: string): LimitId | null {
  // Per integer read (a layer list is read item by item): index and slice, no regex or split.
  let end = path.length;
  if (path.charCodeAt(end - 1) === 93 /* ] */) end = path.lastIndexOf('[');
  const name = path.slice(path.lastIndexOf('.', end - 1) + 1, end);
  return Object.hasOwn(FIELD_LIMITS, name) ? FIELD_LIMITS[name]! : null;
}

/** 65536 -> "65,536": digits grouped the same in every locale. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * What a ConfigError expects of a value over a limit: "at most 4,096"; for null, the
 * exact-integer limit, "at most 9,007,199,254,740,991 (2^53 - 1)".
 */
export function atMost(id: LimitId | null): string {
  return id === null
    ? `at most ${groupDigits(Number.MAX_SAFE_INTEGER)} (2^53 − 1)`
    : `at most ${groupDigits(LIMITS[id])}`;
}

/** Throws ConfigError(field, value, "at most ...") when `value` is over the limit `id`. */
export function checkLimit(field: string, value: number, id: LimitId): void {
  if (value > LIMITS[id]) throw new ConfigError(field, value, atMost(id));
}
