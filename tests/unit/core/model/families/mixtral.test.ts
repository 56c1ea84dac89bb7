import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseMixtral } from '../../../../../src/lib/core/model/families/mixtral.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { fixtureConfig, fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('mixtral', 'phimoe');

describe('parseMixtral on the Mixtral and Phi-3.5-MoE fixture configs, counted', () => {
  it('the fixtures it reads are mixtral-8x7b, mixtral-8x22b, phi-3.5-moe', () => {
    expect(fixtures).toEqual({
      models: ['mixtral-8x7b'],
      moreModels: ['mixtral-8x22b', 'phi-3.5-moe'],
    });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseMixtral', () => {
  it('parseMixtral(Mixtral 8x7B) reads 8 experts of 14336, top-2, RMSNorm, no biases', () => {
    const spec = parseMixtral(new ConfigReader(fixtureConfig('mixtral-8x7b')), 'mixtral');
    expect(spec.moe).toMatchObject({
      experts: 8,
      topK: 2,
      expert: { intermediateSize: 14336, gated: true, bias: false },
      shared: null,
      routerBias: false,
    });
    expect(spec.norm).toEqual({ kind: 'rmsnorm', bias: false });
    expect(spec).toMatchObject({ lmHeadBias: false, denseMlp: null });
    // sliding_window null: global attention on every layer
    expect(spec.attentionPattern).toEqual([{ window: { kind: 'global' }, rope: true }]);
  });

  it('parseMixtral(Phi-3.5-MoE) reads attention and lm_head biases and LayerNorm with bias', () => {
    const spec = parseMixtral(new ConfigReader(moreModelConfig('phi-3.5-moe')), 'phimoe');
    expect(spec.attention).toMatchObject({ qkvBias: true, outBias: true });
    expect(spec.lmHeadBias).toBe(true);
    expect(spec.norm).toEqual({ kind: 'layernorm', bias: true });
    expect(spec.moe).toMatchObject({ experts: 16, topK: 2 });
  });

  it('ignores attention_bias and lm_head_bias on Mixtral', () => {
    const spec = parseHFConfig({
      ...fixtureConfig('mixtral-8x7b'),
      attention_bias: true,
      lm_head_bias: true,
    });
    expect(spec.attention).toMatchObject({ qkvBias: false, outBias: false });
    expect(spec.lmHeadBias).toBe(false);
  });
});
