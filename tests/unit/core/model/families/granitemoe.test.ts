import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseGraniteMoe } from '../../../../../src/lib/core/model/families/granitemoe.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('granitemoe', 'granitemoeshared');

describe('parseGraniteMoe on the Granite MoE fixture configs, counted', () => {
  it('the fixtures it reads are granite-3.0-1b-a400m, granite-3.0-3b-a800m', () => {
    expect(fixtures).toEqual({
      models: [],
      moreModels: ['granite-3.0-1b-a400m', 'granite-3.0-3b-a800m'],
    });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseGraniteMoe', () => {
  it('parseGraniteMoe(granite-3.0-1b-a400m) reads 32 experts of 512, top-8, tied embeddings', () => {
    const spec = parseGraniteMoe(
      new ConfigReader(moreModelConfig('granite-3.0-1b-a400m')),
      'granitemoe',
    );
    expect(spec).toMatchObject({ family: 'granitemoe', layers: 24, tieEmbeddings: true });
    expect(spec.moe).toMatchObject({
      experts: 32,
      topK: 8,
      expert: { intermediateSize: 512, gated: true, bias: false },
      shared: null,
    });
    expect(spec.attention).toMatchObject({ heads: 16, kvHeads: 8, headDim: 64 });
  });

  it('granitemoeshared adds one always-on shared MLP of shared_intermediate_size', () => {
    const spec = parseHFConfig({
      ...moreModelConfig('granite-3.0-1b-a400m'),
      model_type: 'granitemoeshared',
      shared_intermediate_size: 1024,
    });
    expect(spec.moe?.shared).toEqual({
      count: 1,
      mlp: { intermediateSize: 1024, gated: true, bias: false },
      gate: false,
    });
  });

  it('granitemoe ignores shared_intermediate_size', () => {
    const spec = parseHFConfig({
      ...moreModelConfig('granite-3.0-1b-a400m'),
      shared_intermediate_size: 1024,
    });
    expect(spec.moe?.shared).toBeNull();
  });
});
