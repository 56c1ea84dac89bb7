import { describe, expect, it } from 'vitest';
import {
  findPreset,
  parseHFConfig,
  presets,
  presetSpec,
  validateSpec,
  type GqaAttention,
  type Llama4Vision,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';

const spec = (id: string) => presetSpec(findPreset(id)!);
const mixtral = spec('mixtral-8x7b');
const scout = spec('llama4-scout');

describe('validateSpec', () => {
  it('validateSpec accepts every preset', () => {
    for (const preset of presets) expect(() => validateSpec(presetSpec(preset))).not.toThrow();
  });

  it.each<[string, ModelSpec, string]>([
    ['hidden size 0', { ...mixtral, hiddenSize: 0 }, 'hidden_size'],
    ['a fractional vocabulary', { ...mixtral, vocabSize: 32000.5 }, 'vocab_size'],
    ['no layers', { ...mixtral, layers: 0 }, 'num_hidden_layers'],
    ['an empty layer pattern', { ...mixtral, attentionPattern: [] }, 'layer_types'],
    [
      '32 query heads over 5 KV heads',
      { ...mixtral, attention: { ...(mixtral.attention as GqaAttention), kvHeads: 5 } },
      'num_key_value_heads',
    ],
    [
      'top-9 of 8 experts',
      { ...mixtral, moe: { ...mixtral.moe!, topK: 9 } },
      'num_experts_per_tok',
    ],
    [
      '-1 shared experts',
      {
        ...scout,
        moe: { ...scout.moe!, shared: { ...scout.moe!.shared!, count: -1 } },
      },
      'n_shared_experts',
    ],
    [
      'an interleave step of 0',
      { ...scout, moeLayers: { ...scout.moeLayers, step: 0 } },
      'moe_layer_step',
    ],
    [
      'a dense prefix without a dense MLP width',
      { ...mixtral, moeLayers: { ...mixtral.moeLayers, firstDense: 2 } },
      'intermediate_size',
    ],
    [
      'a 14-pixel patch of a 335-pixel image',
      { ...scout, vision: { ...(scout.vision as Llama4Vision), imageSize: 335 } },
      'vision_config.patch_size',
    ],
  ])('validateSpec of a spec with %s names %s', (_, bad, field) => {
    expect(configErrorOf(() => validateSpec(bad)).field).toBe(field);
  });

  it('validateSpec of top-k above the experts says the limit: "at most the number of routed experts (8), got 9"', () => {
    const bad = { ...mixtral, moe: { ...mixtral.moe!, topK: 9 } };
    expect(configErrorOf(() => validateSpec(bad)).message).toBe(
      'num_experts_per_tok: expected at most the number of routed experts (8), got 9',
    );
  });

  it('validateSpec accepts a dense model without MoE when it has a dense MLP (Llama 3.1 8B)', () => {
    expect(() => validateSpec(spec('llama3.1-8b'))).not.toThrow();
    expect(
      configErrorOf(() => validateSpec({ ...spec('llama3.1-8b'), denseMlp: null })).field,
    ).toBe('intermediate_size');
  });
});

describe('validateSpec at the limits', () => {
  it('finding 10: first_k_dense_replace above the layers is refused, naming the config.json field', () => {
    const deepseek = spec('deepseek-v3');
    const bad = { ...deepseek, moeLayers: { ...deepseek.moeLayers, firstDense: 1000 } };
    expect(configErrorOf(() => validateSpec(bad)).message).toBe(
      'first_k_dense_replace: expected at most num_hidden_layers (61), got 1000',
    );
    const all = { ...deepseek, moeLayers: { ...deepseek.moeLayers, firstDense: 61 } };
    expect(() => validateSpec(all)).not.toThrow();
  });

  it('finding 1: ?m=deepseek-v3&x.first_k_dense_replace=1000 is refused by the parser (CLI and browser alike)', () => {
    const json = { ...findPreset('deepseek-v3')!.config, first_k_dense_replace: 1000 };
    const error = configErrorOf(() => parseHFConfig(json));
    expect(error.field).toBe('first_k_dense_replace');
    expect(error.message).toContain('at most num_hidden_layers (61)');
  });

  it.each<[string, ModelSpec, string]>([
    ['4,097 layers', { ...mixtral, layers: 4097 }, 'num_hidden_layers'],
    [
      '65,537 experts',
      { ...mixtral, moe: { ...mixtral.moe!, experts: 65_537 } },
      'num_local_experts',
    ],
    [
      'a 2^28 + 1 context',
      { ...mixtral, maxContextTokens: 2 ** 28 + 1 },
      'max_position_embeddings',
    ],
    ['65 MTP modules', { ...mixtral, mtp: { modules: 65 } }, 'num_nextn_predict_layers'],
    [
      'a pattern longer than 4,096 layers',
      { ...mixtral, attentionPattern: Array(5000).fill(mixtral.attentionPattern[0]) },
      'layer_types',
    ],
    ['a 2^53 vocabulary', { ...mixtral, vocabSize: 2 ** 53 }, 'vocab_size'],
  ])('validateSpec of a spec with %s names %s and its limit', (_, bad, field) => {
    const error = configErrorOf(() => validateSpec(bad));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/expected (at most|an integer)/);
  });

  it('validateSpec of a long attention pattern does not spread it into Math.max', () => {
    const long = { ...mixtral, attentionPattern: Array(200_000).fill(mixtral.attentionPattern[0]) };
    expect(configErrorOf(() => validateSpec(long)).field).toBe('layer_types');
  });
});
