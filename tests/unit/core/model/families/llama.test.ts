import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseLlama } from '../../../../../src/lib/core/model/families/llama.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { fixtureConfig, fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('llama', 'mistral');

describe('parseLlama on the Llama and Mistral fixture configs, counted', () => {
  it('the fixtures it reads are llama3.1-8b, llama3.1-405b, llama3.1-70b, mistral-7b', () => {
    expect(fixtures).toEqual({
      models: ['llama3.1-8b'],
      moreModels: ['llama3.1-405b', 'llama3.1-70b', 'mistral-7b'],
    });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseLlama', () => {
  it('parseLlama(Llama 3.1 8B) reads a dense model: GQA 32/8 of 128, SwiGLU 14336, no experts', () => {
    const spec = parseLlama(new ConfigReader(fixtureConfig('llama3.1-8b')), 'llama');
    expect(spec).toMatchObject({ family: 'llama', layers: 32, hiddenSize: 4096, moe: null });
    expect(spec.attention).toMatchObject({ kind: 'gqa', heads: 32, kvHeads: 8, headDim: 128 });
    expect(spec.denseMlp).toEqual({ intermediateSize: 14336, gated: true, bias: false });
    expect(spec.maxContextTokens).toBe(131072);
  });

  it('parseLlama(Mistral 7B) reads sliding_window 4096 as every layer sliding', () => {
    const spec = parseLlama(new ConfigReader(moreModelConfig('mistral-7b')), 'mistral');
    expect(spec.attentionPattern).toEqual([
      { window: { kind: 'sliding', tokens: 4096 }, rope: true },
    ]);
  });

  it('reads Llama attention_bias and mlp_bias as biases on q, k, v, o and on the MLP', () => {
    const spec = parseHFConfig({
      ...fixtureConfig('llama3.1-8b'),
      attention_bias: true,
      mlp_bias: true,
    });
    expect(spec.attention).toMatchObject({ qkvBias: true, outBias: true });
    expect(spec.denseMlp?.bias).toBe(true);
  });

  it('ignores attention_bias and mlp_bias on Mistral, which has neither', () => {
    const spec = parseHFConfig({
      ...moreModelConfig('mistral-7b'),
      attention_bias: true,
      mlp_bias: true,
    });
    expect(spec.attention).toMatchObject({ qkvBias: false, outBias: false });
    expect(spec.denseMlp?.bias).toBe(false);
  });
});
