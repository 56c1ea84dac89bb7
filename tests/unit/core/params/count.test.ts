import { describe, expect, it } from 'vitest';
import {
  countParams,
  layerParams,
  mtpParams,
  parseHFConfig,
  presets,
  presetSpec,
  sumBreakdown,
  type ParamBreakdown,
} from '../../../../src/lib/core/index.ts';
import {
  expectedParams,
  fixtureModelIds,
  fixtureSpec,
  moreExpectedParams,
  moreModelIds,
} from '../../helpers/fixtures.ts';

// Every fixture config is counted against its published figure in the test of the family that
// parses it (tests/unit/core/model/families/*.test.ts, through helpers/published-counts.ts).
describe('countParams on real configs (tests/fixtures/expected-params.json)', () => {
  it('has an expected count for every fixture config', () => {
    expect(fixtureModelIds.sort()).toEqual(Object.keys(expectedParams).sort());
  });

  it('has a published figure for every config of tests/fixtures/more-models', () => {
    expect(moreModelIds.sort()).toEqual(Object.keys(moreExpectedParams).sort());
  });
});

describe('countParams on hand-derived models', () => {
  // Hand-derived from the modeling files; each expected value is worked out in the comment.
  const cases: {
    id: string;
    config: Record<string, unknown>;
    total: number;
    active: number;
    source: string;
  }[] = [
    {
      id: 'DBRX',
      source:
        'models/dbrx: embed+head 2 x 100352 x 6144; per layer Wqkv 6144 x 8192, out 6144^2, 16 experts x 3 x 6144 x 10752, router 6144 x 16, 2 LayerNorms without bias; x40; final norm. Card: 132B total / 36B active',
      config: {
        model_type: 'dbrx',
        d_model: 6144,
        n_heads: 48,
        n_layers: 40,
        vocab_size: 100352,
        attn_config: { kv_n_heads: 8 },
        ffn_config: { ffn_hidden_size: 10752, moe_num_experts: 16, moe_top_k: 4 },
      },
      total: 131_596_523_520,
      active: 36_469_708_800,
    },
    {
      id: 'OLMoE-1B-7B-0924',
      source:
        'models/olmoe: 16 layers x (4 x 2048^2 attention + q_norm 2048 + k_norm 2048 + router 2048 x 64 + 64 experts x 3 x 2048 x 1024 + 2 x 2048 norms) + 2 x 50304 x 2048 + 2048. Paper: 6.9B total, 1.3B active',
      config: {
        model_type: 'olmoe',
        hidden_size: 2048,
        intermediate_size: 1024,
        num_hidden_layers: 16,
        num_attention_heads: 16,
        num_key_value_heads: 16,
        num_experts: 64,
        num_experts_per_tok: 8,
        vocab_size: 50304,
      },
      total: 6_919_161_856,
      active: 1_282_017_280,
    },
    {
      id: 'Phi-3.5-MoE',
      source:
        'models/phimoe: q,k,v,o with bias (16,781,312 + 2 x 4,195,328 + 16,781,312), router 4096 x 16, 16 experts x 3 x 4096 x 6400, 2 LayerNorms with bias (2 x 8192); x32; embed 32064 x 4096; lm_head with bias 32064 x 4097; final LayerNorm 8192. Active: 32 x (41,953,280 + 65,536 + 2 x 78,643,200 + 16,384) + 131,334,144 + 131,366,208 + 8,192. Card: 41.9B total, 6.6B active',
      config: {
        model_type: 'phimoe',
        hidden_size: 4096,
        intermediate_size: 6400,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        num_local_experts: 16,
        num_experts_per_tok: 2,
        vocab_size: 32064,
        attention_bias: true,
        lm_head_bias: true,
        sliding_window: 131072,
      },
      total: 41_873_153_344,
      active: 6_640_999_744,
    },
    {
      id: 'granite-3.0-1b-a400m',
      source:
        'models/granitemoe: tied embedding 49155 x 1024; per layer attention 3,145,728 (16 q heads, 8 kv heads of 64), router 1024 x 32, 32 experts x 3 x 1024 x 512, 2 norms; x24; final norm. Active: 24 x (3,145,728 + 32,768 + 8 x 1,572,864 + 2,048) + 50,334,720 (the tied matrix, once) + 1,024. Card: 1.3B total, 400M active',
      config: {
        model_type: 'granitemoe',
        hidden_size: 1024,
        intermediate_size: 512,
        num_hidden_layers: 24,
        num_attention_heads: 16,
        num_key_value_heads: 8,
        num_local_experts: 32,
        num_experts_per_tok: 8,
        vocab_size: 49155,
        tie_word_embeddings: true,
      },
      total: 1_334_628_352,
      active: 428_658_688,
    },
  ];
  for (const c of cases) {
    it(`countParams(${c.id}) is ${c.total} total, ${c.active} active`, () => {
      const count = countParams(parseHFConfig(c.config));
      expect(count.total, c.source).toBe(c.total);
      expect(count.active, c.source).toBe(c.active);
    });
  }
});

describe('countParams of tied embeddings', () => {
  it('tied embeddings count the matrix once and keep it active as the lm_head', () => {
    const untied = fixtureSpec('llama3.1-8b');
    const tied = { ...untied, tieEmbeddings: true };
    const a = countParams(untied);
    const b = countParams(tied);
    expect(a.total - b.total).toBe(128256 * 4096);
    expect(b.activeExcludingEmbedding).toBe(b.active);
  });
});

describe('countParams breakdown', () => {
  it('sums to total and active', () => {
    for (const preset of presets) {
      const count = countParams(presetSpec(preset));
      // MTP is listed in the breakdown but is not part of the model's total.
      const sum = ({ mtp: _, ...b }: ParamBreakdown) => Object.values(b).reduce((x, y) => x + y, 0);
      expect(sum(count.breakdown)).toBe(count.total);
      expect(sum(count.activeBreakdown)).toBe(count.active);
      expect(count.layers).toHaveLength(presetSpec(preset).layers);
    }
  });

  it('puts Llama 4 Maverick MoE layers on odd indices (interleave step 2)', () => {
    const count = countParams(fixtureSpec('llama4-maverick'));
    expect(count.layers.filter((l) => l.ffn === 'moe').map((l) => l.index)).toEqual(
      Array.from({ length: 24 }, (_, i) => 2 * i + 1),
    );
  });

  it('DeepSeek-V3 has 3 dense layers and 58 MoE layers (first_k_dense_replace = 3)', () => {
    const count = countParams(fixtureSpec('deepseek-v3'));
    expect(count.layers.slice(0, 3).every((l) => l.ffn === 'dense')).toBe(true);
    expect(count.layers.filter((l) => l.ffn === 'moe')).toHaveLength(58);
  });
});

describe('sumBreakdown', () => {
  it('sumBreakdown adds every component but mtp', () => {
    const b: ParamBreakdown = {
      embedding: 1,
      lmHead: 2,
      attention: 4,
      norms: 8,
      router: 16,
      routedExperts: 32,
      sharedExperts: 64,
      denseFfn: 128,
      hyperConnections: 1024,
      vision: 256,
      mtp: 512,
    };
    expect(sumBreakdown(b)).toBe(1535);
  });
});

describe('layerParams', () => {
  const mixtral = fixtureSpec('mixtral-8x7b');

  it('layerParams(Mixtral 8x7B, MoE layer): 8 experts in total, top-2 of them active', () => {
    // models/mixtral: attention 2 x 4096^2 + 2 x 4096 x 1024 = 41,943,040; norms 2 x 4096;
    // router 4096 x 8; one expert 3 x 4096 x 14336 = 176,160,768
    const l = layerParams(mixtral, 0, true);
    expect(l).toMatchObject({
      ffn: 'moe',
      attention: 41_943_040,
      norms: 8192,
      router: 32_768,
      routedExperts: 8 * 176_160_768,
      routedExpertsActive: 2 * 176_160_768,
    });
    expect(l.total).toBe(41_943_040 + 8192 + 32_768 + 8 * 176_160_768);
    expect(l.active).toBe(41_943_040 + 8192 + 32_768 + 2 * 176_160_768);
  });

  it('layerParams(DeepSeek-V3, dense layer) has the dense MLP of 3 x 7168 x 18432 and no router', () => {
    const l = layerParams(fixtureSpec('deepseek-v3'), 0, false);
    expect(l).toMatchObject({ ffn: 'dense', router: 0, routedExperts: 0, sharedExperts: 0 });
    expect(l.denseFfn).toBe(3 * 7168 * 18432);
    expect(l.total).toBe(l.active);
  });
});

describe('mtpParams', () => {
  it('mtpParams(DeepSeek-V3) is the 11,610,068,224 of expected-params.json', () => {
    // One MoE layer + enorm, hnorm, shared_head.norm (3 x 7168) + eh_proj 2 x 7168^2
    // (DeepSeek-V3 report 2.2); the report's 14B also counts the module's embedding and head.
    const spec = fixtureSpec('deepseek-v3');
    const layer = layerParams(spec, 61, true).total;
    expect(mtpParams(spec)).toBe(layer + 3 * 7168 + 2 * 7168 * 7168);
    expect(mtpParams(spec)).toBe(expectedParams['deepseek-v3']!.mtp);
  });

  it('mtpParams is 0 without MTP modules (Kimi K2: num_nextn_predict_layers 0)', () => {
    const kimi = parseHFConfig(presets.find((p) => p.id === 'kimi-k2')!.config);
    expect(mtpParams(kimi)).toBe(0);
    expect(mtpParams(fixtureSpec('mixtral-8x7b'))).toBe(0);
  });
});

describe('countParams of a spec too big to count', () => {
  it('finding 6: countParams of a hand-built spec past 2^53 says it is too big to count exactly', () => {
    const spec = fixtureSpec('mixtral-8x7b');
    const huge = { ...spec, vocabSize: 1e15 }; // not validated: countParams is the backstop
    expect(() => countParams(huge)).toThrow(
      /^parameters: too big to count exactly: about 8\.19e\+18/,
    );
  });

  it('finding 8: an MTP count past 2^53 is refused, never printed inexact', () => {
    const spec = fixtureSpec('deepseek-v3');
    expect(() => countParams({ ...spec, mtp: { modules: 1e9 } })).toThrow(
      /^num_nextn_predict_layers: too big to count exactly/,
    );
  });
});
