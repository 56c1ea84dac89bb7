import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseDbrx } from '../../../../../src/lib/core/model/families/dbrx.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { fixtureIdsOfType, moreModelConfig } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('dbrx');

describe('parseDbrx on the DBRX fixture config, counted', () => {
  it('the fixtures it reads are dbrx', () => {
    expect(fixtures).toEqual({ models: [], moreModels: ['dbrx'] });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseDbrx', () => {
  it('reads DBRX attn_config and ffn_config', () => {
    const spec = parseHFConfig({
      model_type: 'dbrx',
      d_model: 6144,
      n_heads: 48,
      n_layers: 40,
      vocab_size: 100352,
      attn_config: { kv_n_heads: 8 },
      ffn_config: { ffn_hidden_size: 10752, moe_num_experts: 16, moe_top_k: 4 },
    });
    expect(spec.moe).toMatchObject({ experts: 16, topK: 4 });
    expect(spec.attention).toMatchObject({ kvHeads: 8, headDim: 128, fusedQkv: true });
    expect(spec.norm).toEqual({ kind: 'layernorm', bias: false });
  });

  it('parseDbrx(dbrx-instruct) reads max_seq_len 32768 as the context and every layer as MoE', () => {
    const spec = parseDbrx(new ConfigReader(moreModelConfig('dbrx')));
    expect(spec).toMatchObject({
      family: 'dbrx',
      layers: 40,
      maxContextTokens: 32768,
      denseMlp: null,
    });
    expect(spec.moeLayers).toEqual({ firstDense: 0, step: 1, offset: 0, denseLayers: [] });
  });

  it.each(['attn_config', 'ffn_config'])(
    'a config without %s is a ConfigError naming it',
    (field) => {
      const { [field]: _, ...config } = moreModelConfig('dbrx');
      expect(configErrorOf(() => parseHFConfig(config)).field).toBe(field);
    },
  );

  it('n_heads that do not divide d_model are a ConfigError naming n_heads', () => {
    const config = { ...moreModelConfig('dbrx'), n_heads: 45 };
    expect(configErrorOf(() => parseHFConfig(config)).field).toBe('n_heads');
  });
});
