import { describe, expect, it } from 'vitest';
import {
  attentionParams,
  countParams,
  mlpParams,
  parseHFConfig,
  presets,
  presetSpec,
  visionParams,
  type ModelSpec,
  type ParamBreakdown,
} from '../../src/lib/core/index.ts';
import {
  expectedParams,
  fixtureConfig,
  fixtureModelIds,
  moreExpectedParams,
  moreModelConfig,
} from './fixtures.ts';

const fixtureSpec = (id: string): ModelSpec => parseHFConfig(fixtureConfig(id));

/** Significant digits of a rounded headline figure: 1.3e9 -> 2, 132e9 -> 3. */
function significantDigits(headline: number): number {
  return String(headline).replace(/0+$/, '').replace('.', '').replace(/^0+/, '').length;
}

describe('countParams on real configs (tests/fixtures/expected-params.json)', () => {
  it('has an expected count for every fixture config', () => {
    expect(fixtureModelIds.sort()).toEqual(Object.keys(expectedParams).sort());
  });

  for (const [id, expected] of Object.entries(expectedParams)) {
    // Source of each figure: the `published` field of expected-params.json.
    it(`countParams(${id}) matches the published total and active to the parameter`, () => {
      const count = countParams(fixtureSpec(id));
      expect(count.total).toBe(expected.total);
      expect(count.active).toBe(expected.active);
      if (expected.textTotal !== undefined) expect(count.textTotal).toBe(expected.textTotal);
      if (expected.mtp !== undefined) expect(count.mtp).toBe(expected.mtp);
      if (expected.activeExcludingEmbedding !== undefined) {
        expect(count.activeExcludingEmbedding).toBe(expected.activeExcludingEmbedding);
      }
    });
  }
});

describe('countParams on more real configs (tests/fixtures/more-expected-params.json)', () => {
  for (const [id, expected] of Object.entries(moreExpectedParams)) {
    const count = () => countParams(parseHFConfig(moreModelConfig(id)));
    if (expected.total !== null) {
      // Source: the entry's `published` field (safetensors totals, papers, HF API figures).
      it(`countParams(${id}) is the published exact total ${expected.total}`, () => {
        expect(count().total).toBe(expected.total);
        if (expected.active !== null) expect(count().active).toBe(expected.active);
      });
    } else {
      it(`countParams(${id}) rounds to the published headline ${expected.headlineTotal}`, () => {
        const headline = expected.headlineTotal!;
        expect(count().total.toPrecision(significantDigits(headline))).toBe(
          headline.toPrecision(significantDigits(headline)),
        );
      });
    }
  }
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

describe('component formulas', () => {
  it('mlpParams(4096, SwiGLU 14336) is 3 x 4096 x 14336 (models/llama LlamaMLP)', () => {
    expect(mlpParams(4096, { intermediateSize: 14336, gated: true, bias: false })).toBe(
      176_160_768,
    );
  });

  it('mlpParams of a gpt-oss expert counts gate_up and down biases (models/gpt_oss GptOssExperts)', () => {
    // 2880 x 5760 + 5760 + 2880 x 2880 + 2880
    expect(mlpParams(2880, { intermediateSize: 2880, gated: true, bias: true })).toBe(24_891_840);
  });

  it('attentionParams(DeepSeek-V3 MLA) is 187,107,328 per layer', () => {
    // q_a 7168x1536 + norm 1536 + q_b 1536x(128x192) + kv_a 7168x576 + norm 512
    // + kv_b 512x(128x256) + o (128x128)x7168 (models/deepseek_v3 DeepseekV3Attention)
    expect(attentionParams(7168, fixtureSpec('deepseek-v3').attention)).toBe(187_107_328);
  });

  it('attentionParams(gpt-oss-20b) counts biases and 64 sinks', () => {
    // q 2880x4096+4096, k and v 2880x512+512, o 4096x2880+2880, sinks 64
    expect(attentionParams(2880, fixtureSpec('gpt-oss-20b').attention)).toBe(26_550_144);
  });

  it('attentionParams of Qwen3 per-head q/k norms adds 2 x head_dim', () => {
    // q 2048x4096, k and v 2048x512, o 4096x2048, q_norm and k_norm 128 each
    expect(attentionParams(2048, fixtureSpec('qwen3-30b-a3b').attention)).toBe(18_874_624);
  });

  it('visionParams(Llama 4 vision tower + projector) is the published total minus the text model', () => {
    // 108,641,793,536 - 107,769,861,120 (expected-params.json, llama4-scout)
    const spec = fixtureSpec('llama4-scout');
    expect(visionParams(spec.vision!, 5120)).toBe(871_932_416);
  });

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

describe('presets match their published figures', () => {
  for (const preset of presets) {
    it(`${preset.id} lands within 2% of the published ${preset.published.note}`, () => {
      const count = countParams(presetSpec(preset));
      // Published figures are rounded (e.g. "109B"); gpt-oss publishes active excluding the embedding.
      const active = preset.id.startsWith('gpt-oss')
        ? count.activeExcludingEmbedding
        : count.active;
      expect(Math.abs(count.total / preset.published.total - 1)).toBeLessThan(0.02);
      expect(Math.abs(active / preset.published.active - 1)).toBeLessThan(0.03);
    });
  }
});
