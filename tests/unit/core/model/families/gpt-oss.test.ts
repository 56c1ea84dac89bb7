import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseGptOss } from '../../../../../src/lib/core/model/families/gpt-oss.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { fixtureConfig, fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('gpt_oss');

describe('parseGptOss on the gpt-oss fixture configs, counted', () => {
  it('the fixtures it reads are gpt-oss-20b, gpt-oss-120b', () => {
    expect(fixtures).toEqual({ models: ['gpt-oss-20b'], moreModels: ['gpt-oss-120b'] });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseGptOss', () => {
  it('reads gpt-oss layer_types as alternating sliding (128) and full attention', () => {
    const spec = parseHFConfig(fixtureConfig('gpt-oss-20b'));
    expect(spec.attentionPattern).toEqual([
      { window: { kind: 'sliding', tokens: 128 }, rope: true },
      { window: { kind: 'global' }, rope: true },
    ]);
    expect(spec.checkpoint).toEqual({
      dtype: 'bfloat16',
      quantMethod: 'mxfp4',
      notQuantized: [
        'model.layers.*.self_attn',
        'model.layers.*.mlp.router',
        'model.embed_tokens',
        'lm_head',
      ],
    });
  });

  it('parseGptOss(gpt-oss-120b) reads 36 layers of 128 experts, top-4, with biased experts and router', () => {
    const spec = parseGptOss(new ConfigReader(moreModelConfig('gpt-oss-120b')));
    expect(spec).toMatchObject({
      family: 'gpt_oss',
      layers: 36,
      hiddenSize: 2880,
      vocabSize: 201088,
    });
    expect(spec.moe).toMatchObject({
      experts: 128,
      topK: 4,
      expert: { intermediateSize: 2880, gated: true, bias: true },
      routerBias: true,
    });
    expect(spec.attention).toMatchObject({ heads: 64, kvHeads: 8, headDim: 64, sinks: true });
  });

  it('takes top-k from experts_per_token when num_experts_per_tok is absent', () => {
    const { num_experts_per_tok: _, ...config } = fixtureConfig('gpt-oss-20b');
    expect(parseHFConfig({ ...config, experts_per_token: 2 }).moe?.topK).toBe(2);
  });

  it('without either top-k field the error names both', () => {
    const {
      num_experts_per_tok: _,
      experts_per_token: __,
      ...config
    } = fixtureConfig('gpt-oss-20b');
    expect(configErrorOf(() => parseHFConfig(config)).field).toBe(
      'num_experts_per_tok or experts_per_token',
    );
  });

  it('an unknown layer_types entry names its index', () => {
    const config = fixtureConfig('gpt-oss-20b');
    const types = [...(config.layer_types as string[])];
    types[3] = 'linear_attention';
    expect(configErrorOf(() => parseHFConfig({ ...config, layer_types: types })).field).toBe(
      'layer_types[3]',
    );
  });
});
