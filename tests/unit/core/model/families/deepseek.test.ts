import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseDeepseek } from '../../../../../src/lib/core/model/families/deepseek.ts';
import { countParams, parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import {
  FIXTURES,
  fixtureConfig,
  fixtureIdsOfType,
  moreModelConfig,
} from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('deepseek_v2', 'deepseek_v3', 'kimi_k2');

describe('parseDeepseek on the DeepSeek and Kimi fixture configs, counted', () => {
  it('the fixtures it reads are deepseek-v3, deepseek-v2, deepseek-v2-lite, kimi-k2 and kimi-k2-thinking', () => {
    expect(fixtures).toEqual({
      models: ['deepseek-v3'],
      moreModels: ['deepseek-v2', 'deepseek-v2-lite', 'kimi-k2', 'kimi-k2-thinking'],
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

/**
 * DeepSeek-V3.2: tests/fixtures/new-families/deepseek-v3.2.config.json, the published config.json
 * (origins and the tensor listing: docs/research/families/deepseek_v32.md).
 */
const v32 = JSON.parse(
  readFileSync(join(FIXTURES, 'new-families', 'deepseek-v3.2.config.json'), 'utf8'),
) as Record<string, unknown>;

describe('parseDeepseek(DeepSeek-V3.2): DeepSeek-V3 plus the lightning indexer', () => {
  it('reads the indexer of DeepSeek Sparse Attention: 64 heads of 128 picking 2,048 tokens (index_n_heads, index_head_dim, index_topk)', () => {
    const spec = parseHFConfig(v32);
    expect(spec.family).toBe('deepseek_v32');
    expect(spec.attention).toMatchObject({ kind: 'mla', qLoraRank: 1536 });
    expect(spec.attention.kind === 'mla' && spec.attention.indexer).toEqual({
      heads: 64,
      headDim: 128,
      topK: 2048,
    });
  });

  it('names index_topk when it is missing', () => {
    const { index_topk: _, ...rest } = v32;
    expect(() => parseHFConfig(rest)).toThrow(/index_topk/);
  });

  it('countParams(DeepSeek-V3.2) matches the published weights to the parameter, MTP apart', () => {
    const count = countParams(parseHFConfig(v32));
    // Published weights without FP8 scales: 685,355,329,792 (HF-variant audit table, research note
    // id 69468411049). It decomposes as total + mtp + the MTP layer's own embed_tokens and
    // shared_head.head copies (2 x 129,280 x 7,168 = 1,853,358,080):
    // 671,877,944,064 + 11,624,027,648 + 1,853,358,080 = 685,355,329,792. The checkpoint's
    // 685,396,921,376 (tensor listing, id 62736905881) adds 41,591,584 FP8 weight_scale_inv elements,
    // which are not parameters (README "Conventions").
    expect(count.total).toBe(671_877_944_064); // DeepSeek-V3's 671,026,419,200 + 61 x 13,959,424 indexer
    expect(count.mtp).toBe(11_624_027_648); // DeepSeek-V3's 11,610,068,224 + layer 61's indexer 13,959,424
    expect(count.total + count.mtp + 2 * 129_280 * 7_168).toBe(685_355_329_792);
    expect(685_396_921_376 - 685_355_329_792).toBe(41_591_584);
  });

  it('countParams(DeepSeek-V3.2).active counts the indexer as attention: 38,403,822,336 by hand', () => {
    // Indexer per layer (inference/model.py `Indexer`): wq_b 64*128*1536 = 12,582,912, wk 128*7168
    // = 917,504, k_norm weight+bias 256, weights_proj 64*7168 = 458,752 -> 13,959,424.
    // MLA per layer: 7168*1536 + 1536 + 1536*128*192 + 7168*576 + 512 + 512*128*256 + 128*128*7168
    // = 187,107,328; with the indexer 201,066,752; x 61 = 12,265,071,872.
    // Layer norms 61 x 2 x 7168 = 874,496. Dense MLP 3 x 3*7168*18432 = 1,189,085,184.
    // MoE layer active: router 256*7168 + 256 bias = 1,835,264, shared 3*7168*2048 = 44,040,192,
    // top-8 routed 8 x 44,040,192 = 352,321,536 -> 398,196,992; x 58 = 23,095,425,536.
    // Embedding + lm_head 2 x 129,280*7168 = 1,853,358,080; final norm 7,168.
    // 12,265,071,872 + 874,496 + 1,189,085,184 + 23,095,425,536 + 1,853,358,080 + 7,168
    // = 38,403,822,336 (DeepSeek-V3's 37,552,297,472 + 851,524,864 indexer).
    const count = countParams(parseHFConfig(v32));
    expect(count.active).toBe(38_403_822_336);
    expect(count.activeExcludingEmbedding).toBe(38_403_822_336 - 926_679_040);
  });

  it('a deepseek_v32 config without q_lora_rank is a ConfigError: the indexer reads the q-LoRA latent', () => {
    const error = configErrorOf(() => parseHFConfig({ ...v32, q_lora_rank: null }));
    expect(error.field).toBe('q_lora_rank');
  });

  it('DeepSeek-V3 has no indexer: its count is unchanged', () => {
    const spec = parseHFConfig(fixtureConfig('deepseek-v3'));
    expect(spec.attention.kind === 'mla' && spec.attention.indexer).toBeFalsy();
    expect(countParams(spec).total).toBe(671_026_419_200);
  });
});
