import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseDeepseek } from '../../../../../src/lib/core/model/families/deepseek.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { fixtureConfig, fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('deepseek_v2', 'deepseek_v3', 'kimi_k2');

describe('parseDeepseek on the DeepSeek and Kimi fixture configs, counted', () => {
  it('the fixtures it reads are deepseek-v3, deepseek-v2, deepseek-v2-lite, kimi-k2', () => {
    expect(fixtures).toEqual({
      models: ['deepseek-v3'],
      moreModels: ['deepseek-v2', 'deepseek-v2-lite', 'kimi-k2'],
    });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseDeepseek', () => {
  it('reads DeepSeek-V3 MLA, dense prefix, shared expert, score-correction bias and MTP', () => {
    const spec = parseHFConfig(fixtureConfig('deepseek-v3'));
    expect(spec.attention).toEqual({
      kind: 'mla',
      heads: 128,
      qLoraRank: 1536,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
      bias: false,
    });
    expect(spec.moeLayers.firstDense).toBe(3);
    expect(spec.moe?.shared?.count).toBe(1);
    expect(spec.moe?.scoreCorrectionBias).toBe(true);
    expect(spec.mtp).toEqual({ modules: 1 });
    expect(spec.checkpoint.quantMethod).toBe('fp8');
  });

  it('parseDeepseek(DeepSeek-V3) reads group-limited routing: 8 groups, top 4 (n_group, topk_group)', () => {
    const spec = parseDeepseek(new ConfigReader(fixtureConfig('deepseek-v3')), 'deepseek_v3');
    expect(spec.moe?.groupLimit).toEqual({ groups: 8, topGroups: 4 });
  });

  it('parseDeepseek(DeepSeek-V2-Lite) projects queries directly, has 2 shared experts and no score-correction bias', () => {
    const spec = parseDeepseek(
      new ConfigReader(moreModelConfig('deepseek-v2-lite')),
      'deepseek_v2',
    );
    expect(spec.attention).toMatchObject({ kind: 'mla', heads: 16, qLoraRank: null });
    expect(spec.moe).toMatchObject({ experts: 64, topK: 6, scoreCorrectionBias: false });
    expect(spec.moe?.shared?.count).toBe(2);
    expect(spec.moe?.groupLimit).toBeNull(); // n_group 1
    expect(spec.moeLayers.firstDense).toBe(1);
  });

  it('parseDeepseek(Kimi K2) reads 384 experts, one dense layer and no MTP module', () => {
    const spec = parseDeepseek(new ConfigReader(moreModelConfig('kimi-k2')), 'kimi_k2');
    expect(spec).toMatchObject({ family: 'kimi_k2', layers: 61, mtp: { modules: 0 } });
    expect(spec.moe).toMatchObject({ experts: 384, topK: 8, scoreCorrectionBias: true });
    expect(spec.moeLayers.firstDense).toBe(1);
  });

  it('a num_key_value_heads different from num_attention_heads is a ConfigError for MLA', () => {
    const config = { ...fixtureConfig('deepseek-v3'), num_key_value_heads: 8 };
    const error = configErrorOf(() => parseHFConfig(config));
    expect(error.field).toBe('num_key_value_heads');
    expect(error.expected).toBe('equal to num_attention_heads for MLA');
  });
});
