import { ConfigError } from './errors.ts';
import { atMost, LIMITS, type LimitId } from './limits.ts';
import type { AttentionSpec, ModelSpec, Qwen3VlVision } from './types.ts';

/**
 * Checks a spec's sizes against LIMITS and the relations between them that single fields
 * cannot: top-k within the experts, divisible heads, a non-empty layer pattern, a dense prefix
 * within the layers, a count that stays exact. Throws `ConfigError` naming the field (by its
 * config.json name). Used on every parsed config and on every spec the explorer's controls
 * produce.
 */
export function validateSpec(spec: ModelSpec): void {
  checkPositive('hidden_size', spec.hiddenSize);
  checkPositive('vocab_size', spec.vocabSize);
  checkPositive('num_hidden_layers', spec.layers);
  checkSizes(spec);
  if (spec.attentionPattern.length === 0)
    throw new ConfigError('layer_types', [], 'at least one layer kind');
  if (spec.moeLayers.firstDense > spec.layers) {
    throw new ConfigError(
      'first_k_dense_replace',
      spec.moeLayers.firstDense,
      `at most num_hidden_layers (${spec.layers})`,
    );
  }
  checkLayerKinds(spec);
  const a = spec.attention;
  if (a.kind === 'gqa' && a.heads % a.kvHeads !== 0) {
    throw new ConfigError(
      'num_key_value_heads',
      a.kvHeads,
      `a divisor of num_attention_heads (${a.heads})`,
    );
  }
  if (spec.moe) {
    const { experts, topK, shared } = spec.moe;
    if (topK > experts)
      throw new ConfigError(
        'num_experts_per_tok',
        topK,
        `at most the number of routed experts (${experts})`,
      );
    if (shared && shared.count < 0)
      throw new ConfigError('n_shared_experts', shared.count, 'a non-negative integer');
    if (spec.moeLayers.step < 1)
      throw new ConfigError('moe_layer_step', spec.moeLayers.step, 'an integer >= 1');
  }
  const hasDense = !spec.moe || hasDenseLayer(spec);
  if (hasDense && spec.denseMlp === null) {
    throw new ConfigError('intermediate_size', undefined, 'a dense MLP width for the dense layers');
  }
  if (spec.vision?.kind === 'llama4' && spec.vision.imageSize % spec.vision.patchSize !== 0) {
    throw new ConfigError(
      'vision_config.patch_size',
      spec.vision.patchSize,
      `a divisor of image_size (${spec.vision.imageSize})`,
    );
  }
}

function checkPositive(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ConfigError(field, value, 'an integer >= 1');
}

/**
 * Every size of a spec with a limit, by its config.json name, in this order. (Checked one by
 * one, not from a list of tuples: this runs on every parse and every control's edit.)
 */
function checkSizes(spec: ModelSpec): void {
  const m = spec.moe;
  const v = spec.vision;
  within('num_hidden_layers', spec.layers, LIMITS.layers, 'layers');
  within('hidden_size', spec.hiddenSize, LIMITS.hiddenSize, 'hiddenSize');
  within('vocab_size', spec.vocabSize, LIMITS.vocabSize, 'vocabSize');
  checkAttentionSizes(spec.attention);
  within('layer_types', spec.attentionPattern.length, LIMITS.layers, 'layers');
  within('sliding_window', widestWindow(spec), LIMITS.contextTokens, 'contextTokens');
  within(
    'intermediate_size',
    spec.denseMlp?.intermediateSize ?? 0,
    LIMITS.intermediateSize,
    'intermediateSize',
  );
  within('num_local_experts', m?.experts ?? 0, LIMITS.experts, 'experts');
  within('num_experts_per_tok', m?.topK ?? 0, LIMITS.topK, 'topK');
  within(
    'moe_intermediate_size',
    m?.expert.intermediateSize ?? 0,
    LIMITS.intermediateSize,
    'intermediateSize',
  );
  within('n_shared_experts', m?.shared?.count ?? 0, LIMITS.sharedExperts, 'sharedExperts');
  within(
    'shared_expert_intermediate_size',
    m?.shared?.mlp.intermediateSize ?? 0,
    LIMITS.intermediateSize,
    'intermediateSize',
  );
  within('moe_layer_step', spec.moeLayers.step, LIMITS.layers, 'layers');
  within('num_nextn_predict_layers', spec.mtp?.modules ?? 0, LIMITS.mtpModules, 'mtpModules');
  within(
    'max_position_embeddings',
    spec.maxContextTokens ?? 0,
    LIMITS.contextTokens,
    'contextTokens',
  );
  if (v === null) return;
  within(
    `vision_config.${v.kind === 'qwen3_vl' ? 'depth' : 'num_hidden_layers'}`,
    v.layers,
    LIMITS.layers,
    'layers',
  );
  within('vision_config.hidden_size', v.hiddenSize, LIMITS.hiddenSize, 'hiddenSize');
  within(
    'vision_config.intermediate_size',
    v.intermediateSize,
    LIMITS.intermediateSize,
    'intermediateSize',
  );
  if (v.kind === 'qwen3_vl') checkQwen3VlSizes(v);
}

/**
 * The attention's sizes: GQA's heads and head_dim, or MLA's ranks and head widths. DeepSeek-V4's
 * are held to their limits where its reader reads them (limits.ts, by field name); no control
 * edits them.
 */
function checkAttentionSizes(a: AttentionSpec): void {
  within('num_attention_heads', a.heads, LIMITS.heads, 'heads');
  if (a.kind === 'gqa') {
    within('num_key_value_heads', a.kvHeads, LIMITS.heads, 'heads');
    within('head_dim', a.headDim, LIMITS.headDim, 'headDim');
  } else if (a.kind === 'mla') {
    within('q_lora_rank', a.qLoraRank ?? 0, LIMITS.hiddenSize, 'hiddenSize');
    within('kv_lora_rank', a.kvLoraRank, LIMITS.hiddenSize, 'hiddenSize');
    within('qk_nope_head_dim', a.qkNopeHeadDim, LIMITS.headDim, 'headDim');
    within('qk_rope_head_dim', a.qkRopeHeadDim, LIMITS.headDim, 'headDim');
    within('v_head_dim', a.vHeadDim, LIMITS.headDim, 'headDim');
  }
}

/** The widest sliding or chunked window of the pattern, 0 when every layer is global. */
function widestWindow(spec: ModelSpec): number {
  // A loop, not Math.max(...windows): a spread of a long pattern overflows the stack.
  let window = 0;
  for (const k of spec.attentionPattern)
    if (k.window.kind !== 'global') window = Math.max(window, k.window.tokens);
  return window;
}

/** Qwen3-VL's vision sizes without a field limit of their own: held to the widths' and layers'. */
function checkQwen3VlSizes(v: Qwen3VlVision): void {
  within('vision_config.patch_size', v.patchSize, LIMITS.hiddenSize, 'hiddenSize');
  within('vision_config.temporal_patch_size', v.temporalPatchSize, LIMITS.hiddenSize, 'hiddenSize');
  within('vision_config.in_channels', v.channels, LIMITS.hiddenSize, 'hiddenSize');
  within(
    'vision_config.num_position_embeddings',
    v.positionEmbeddings,
    LIMITS.contextTokens,
    'contextTokens',
  );
  within('vision_config.spatial_merge_size', v.spatialMergeSize, LIMITS.hiddenSize, 'hiddenSize');
  within('vision_config.deepstack_visual_indexes', v.deepstackMergers, LIMITS.layers, 'layers');
}

/**
 * Throws ConfigError(field, value, "at most ...") when `value` is over `max`, the limit `id`.
 * (Each caller reads its limit by name: one lookup by a varying id per size cost more.)
 */
function within(field: string, value: number, max: number, id: LimitId): void {
  if (value > max) throw new ConfigError(field, value, atMost(id));
}

/**
 * State layers need a stateful mixer; every layer needs a mixer or a feed-forward. (The mixer's
 * sizes are held to their limits as they are read: limits.ts FIELD_LIMITS.) A prefix's kinds
 * (DeepSeek-V4's, `attentionPrefix`) are made by its reader as its pattern's are, and both are
 * compressed attention.
 */
function checkLayerKinds(spec: ModelSpec): void {
  for (const k of spec.attentionPattern) {
    if (k.mixer === 'state' && !spec.stateMixer)
      throw new ConfigError(
        'layer_types',
        'linear_attention',
        'a linear-attention or state-space layer configuration',
      );
    if (k.mixer === 'none' && k.ffn === false)
      throw new ConfigError('layer_types', 'empty block', 'a layer with a mixer or a feed-forward');
  }
}

function hasDenseLayer(spec: ModelSpec): boolean {
  const p = spec.moeLayers;
  return p.firstDense > 0 || p.step > 1 || p.denseLayers.some((i) => i < spec.layers);
}
