import { ConfigError } from './errors.ts';
import type { ModelSpec } from './types.ts';

/**
 * Checks the relations between a spec's sizes that single fields cannot: top-k within the
 * experts, divisible heads, a non-empty layer pattern. Throws `ConfigError` naming the field.
 * Used on every parsed config and on every spec the explorer's controls produce.
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
  if (spec.attentionPattern.length === 0)
    throw new ConfigError('layer_types', [], 'at least one layer kind');
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
  if (spec.vision && spec.vision.imageSize % spec.vision.patchSize !== 0) {
    throw new ConfigError(
      'vision_config.patch_size',
      spec.vision.patchSize,
      `a divisor of image_size (${spec.vision.imageSize})`,
    );
  }
}

function hasDenseLayer(spec: ModelSpec): boolean {
  const p = spec.moeLayers;
  return p.firstDense > 0 || p.step > 1 || p.denseLayers.some((i) => i < spec.layers);
}
