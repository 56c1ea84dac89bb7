import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseQwenMoe } from '../../../../../src/lib/core/model/families/qwen-moe.ts';
import { expandLayers, parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { fixtureConfig, fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('qwen2_moe', 'qwen3_moe');

describe('parseQwenMoe on the Qwen MoE fixture configs, counted', () => {
  it('the fixtures it reads are qwen3-30b-a3b, qwen1.5-moe-a2.7b, qwen2-57b-a14b, qwen3-235b-a22b, qwen3-coder-480b-a35b', () => {
    expect(fixtures).toEqual({
      models: ['qwen3-30b-a3b'],
      moreModels: [
        'qwen1.5-moe-a2.7b',
        'qwen2-57b-a14b',
        'qwen3-235b-a22b',
        'qwen3-coder-480b-a35b',
      ],
    });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseQwenMoe', () => {
  it('reads Qwen2-MoE shared expert with its gate and qkv bias, and mlp_only_layers', () => {
    const spec = parseHFConfig({
      model_type: 'qwen2_moe',
      hidden_size: 2048,
      intermediate_size: 5632,
      moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      num_key_value_heads: 16,
      num_experts: 60,
      num_experts_per_tok: 4,
      vocab_size: 151936,
      mlp_only_layers: [0],
      decoder_sparse_step: 1,
    });
    expect(spec.moe?.shared).toEqual({
      count: 1,
      mlp: { intermediateSize: 5632, gated: true, bias: false },
      gate: true,
    });
    expect(spec.attention).toMatchObject({ qkvBias: true, outBias: false });
    expect(
      expandLayers(spec)
        .map((l) => l.ffn.kind)
        .slice(0, 2),
    ).toEqual(['dense', 'moe']);
  });

  it('parseQwenMoe(Qwen3-30B-A3B) reads per-head q/k norms, no shared expert, every layer MoE', () => {
    const spec = parseQwenMoe(new ConfigReader(fixtureConfig('qwen3-30b-a3b')), 'qwen3_moe');
    expect(spec.attention).toMatchObject({
      heads: 32,
      kvHeads: 4,
      headDim: 128,
      qkNorm: 'per-head',
    });
    expect(spec.moe).toMatchObject({ experts: 128, topK: 8, shared: null });
    expect(spec.moe?.expert.intermediateSize).toBe(768);
    expect(expandLayers(spec).every((l) => l.ffn.kind === 'moe')).toBe(true);
  });

  it('decoder_sparse_step 2 makes layers 1, 3, 5 ... MoE ((i + 1) % step == 0)', () => {
    const spec = parseHFConfig({ ...fixtureConfig('qwen3-30b-a3b'), decoder_sparse_step: 2 });
    expect(spec.moeLayers).toMatchObject({ step: 2, offset: 1 });
    expect(
      expandLayers(spec)
        .slice(0, 4)
        .map((l) => l.ffn.kind),
    ).toEqual(['dense', 'moe', 'dense', 'moe']);
  });

  it('a sliding window applies only with use_sliding_window, from max_window_layers on', () => {
    const config = moreModelConfig('qwen2-57b-a14b'); // use_sliding_window false
    expect(parseHFConfig(config).attentionPattern).toEqual([
      { window: { kind: 'global' }, rope: true },
    ]);
    const sliding = parseHFConfig({
      ...config,
      use_sliding_window: true,
      sliding_window: 4096,
      max_window_layers: 20,
    });
    const kinds = expandLayers(sliding).map((l) => l.kind.window.kind);
    expect(kinds.slice(19, 21)).toEqual(['global', 'sliding']);
  });

  it('a negative mlp_only_layers entry names its index', () => {
    const config = { ...fixtureConfig('qwen3-30b-a3b'), mlp_only_layers: [0, -1] };
    expect(configErrorOf(() => parseHFConfig(config)).field).toBe('mlp_only_layers[1]');
  });
});
