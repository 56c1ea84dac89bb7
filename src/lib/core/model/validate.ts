import { ConfigError } from './errors.ts';
import { checkLimit, type LimitId } from './limits.ts';
import type { ModelSpec, Qwen3VlVision } from './types.ts';

/**
 * Checks a spec's sizes against LIMITS and the relations between them that single fields
 * cannot: top-k within the experts, divisible heads, a non-empty layer pattern, a dense prefix
 * within the layers, a count that stays exact. Throws `ConfigError` naming the field (by its
 * config.json name). Used on every parsed config and on every spec the explorer's controls
 * produce.
 */
export function validateSpec(spec: ModelSpec): void {
  const positive: [string, number][] = [
    ['hidden_size', spec.hiddenSize],
    ['vocab_size', spec.vocabSize],
    ['num_hidden_layers', spec.layers],
  ];
  for (const [field, value] of positive) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new ConfigError(field, value, 'an integer >= 1');
  }
  for (const [field, value, limit] of sizes(spec)) checkLimit(field, value, limit);
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

/** Every size of a spec with a limit: its config.json name, its value, its limit. */
function sizes(spec: ModelSpec): (readonly [string, number, LimitId])[] {
  const a = spec.attention;
  const m = spec.moe;
  const v = spec.vision;
  // A loop, not Math.max(...windows): a spread of a long pattern overflows the stack.
  let window = 0;
  for (const k of spec.attentionPattern)
    if (k.window.kind !== 'global') window = Math.max(window, k.window.tokens);
  return [
    ['num_hidden_layers', spec.layers, 'layers'],
    ['hidden_size', spec.hiddenSize, 'hiddenSize'],
    ['vocab_size', spec.vocabSize, 'vocabSize'],
    ['num_attention_heads', a.heads, 'heads'],
    ...(a.kind === 'gqa'
      ? ([
          ['num_key_value_heads', a.kvHeads, 'heads'],
          ['head_dim', a.headDim, 'headDim'],
        ] as const)
      : ([
          ['q_lora_rank', a.qLoraRank ?? 0, 'hiddenSize'],
          ['kv_lora_rank', a.kvLoraRank, 'hiddenSize'],
          ['qk_nope_head_dim', a.qkNopeHeadDim, 'headDim'],
          ['qk_rope_head_dim', a.qkRopeHeadDim, 'headDim'],
          ['v_head_dim', a.vHeadDim, 'headDim'],
        ] as const)),
    ['layer_types', spec.attentionPattern.length, 'layers'],
    ['sliding_window', window, 'contextTokens'],
    ['intermediate_size', spec.denseMlp?.intermediateSize ?? 0, 'intermediateSize'],
    ['num_local_experts', m?.experts ?? 0, 'experts'],
    ['num_experts_per_tok', m?.topK ?? 0, 'topK'],
    ['moe_intermediate_size', m?.expert.intermediateSize ?? 0, 'intermediateSize'],
    ['n_shared_experts', m?.shared?.count ?? 0, 'sharedExperts'],
    ['shared_expert_intermediate_size', m?.shared?.mlp.intermediateSize ?? 0, 'intermediateSize'],
    ['moe_layer_step', spec.moeLayers.step, 'layers'],
    ['num_nextn_predict_layers', spec.mtp?.modules ?? 0, 'mtpModules'],
    ['max_position_embeddings', spec.maxContextTokens ?? 0, 'contextTokens'],
    [
      `vision_config.${v?.kind === 'qwen3_vl' ? 'depth' : 'num_hidden_layers'}`,
      v?.layers ?? 0,
      'layers',
    ],
    ['vision_config.hidden_size', v?.hiddenSize ?? 0, 'hiddenSize'],
    ['vision_config.intermediate_size', v?.intermediateSize ?? 0, 'intermediateSize'],
    ...(v?.kind === 'qwen3_vl' ? qwen3VlSizes(v) : []),
  ];
}

/** Qwen3-VL's vision sizes without a field limit of their own: held to the widths' and layers'. */
function qwen3VlSizes(v: Qwen3VlVision): (readonly [string, number, LimitId])[] {
  return [
    ['vision_config.patch_size', v.patchSize, 'hiddenSize'],
    ['vision_config.temporal_patch_size', v.temporalPatchSize, 'hiddenSize'],
    ['vision_config.in_channels', v.channels, 'hiddenSize'],
    ['vision_config.num_position_embeddings', v.positionEmbeddings, 'contextTokens'],
    ['vision_config.spatial_merge_size', v.spatialMergeSize, 'hiddenSize'],
    ['vision_config.deepstack_visual_indexes', v.deepstackMergers, 'layers'],
  ];
}

/**
 * State layers need a stateful mixer; every layer needs a mixer or a feed-forward. (The mixer's
 * sizes are held to their limits as they are read: limits.ts FIELD_LIMITS.)
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
