import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseOlmoe } from '../../../../../src/lib/core/model/families/olmoe.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('olmoe');

describe('parseOlmoe on the OLMoE fixture config, counted', () => {
  it('the fixtures it reads are olmoe-1b-7b', () => {
    expect(fixtures).toEqual({ models: [], moreModels: ['olmoe-1b-7b'] });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseOlmoe', () => {
  it('parseOlmoe(OLMoE-1B-7B) reads 64 experts of 1024, top-8, with full-width q/k norms', () => {
    const spec = parseOlmoe(new ConfigReader(moreModelConfig('olmoe-1b-7b')));
    expect(spec).toMatchObject({ family: 'olmoe', layers: 16, hiddenSize: 2048, denseMlp: null });
    expect(spec.moe).toMatchObject({
      experts: 64,
      topK: 8,
      expert: { intermediateSize: 1024, gated: true, bias: false },
    });
    expect(spec.attention).toMatchObject({
      heads: 16,
      kvHeads: 16,
      qkNorm: 'full',
      qkvBias: false,
    });
  });

  it('reads attention_bias as biases on q, k, v and o', () => {
    const spec = parseHFConfig({ ...moreModelConfig('olmoe-1b-7b'), attention_bias: true });
    expect(spec.attention).toMatchObject({ qkvBias: true, outBias: true });
  });
});
