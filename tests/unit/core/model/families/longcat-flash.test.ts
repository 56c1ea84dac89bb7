import { describe, expect, it } from 'vitest';
import {
  countParams,
  expandLayers,
  kvBytesPerSequence,
  kvBytesPerToken,
  parseHFConfig,
} from '../../../../../src/lib/core/index.ts';
import { checkCheckpoint } from '../../../../../src/lib/core/checkpoint/compare.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseLongcatFlash } from '../../../../../src/lib/core/model/families/longcat-flash.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import {
  LONGCAT_FLASH_CHAT as chat,
  longcatShape,
  longcatTensors,
} from '../../../helpers/longcat-flash.ts';

// No real config.json of LongCat-Flash was found (docs/research/families/longcat_flash.md §4):
// `chat` is the transformers config class's defaults, which are LongCat-Flash-Chat's values,
// plus the keys quoted from the real config (tests/unit/helpers/longcat-flash.ts).
// Arithmetic (longcat_flash.md §4; H 6144, V 131072, 28 logical layers):
//   MLA 9,437,184 (q_a) + 1,536 + 18,874,368 (q_b) + 3,538,944 (kv_a) + 512 + 8,388,608 (kv_b)
//     + 50,331,648 (o) = 90,572,800, two per logical layer;
//   dense MLPs 2 × 3·6144·12288 = 452,984,832; norms 4·6144; router 768·6144 = 4,718,592;
//   experts 512 × 37,748,736 (3·6144·2048) = 19,327,352,832;
//   per logical layer 19,966,226,432; × 28 + embed and head 1,610,612,736 + final norm 6,144
//   = 560,664,958,976 (the doc's total, ≈ the published "560B").
const EXPERT = 37_748_736;
const DOC_TOTAL = 560_664_958_976;
// e_score_correction_bias: E + Z = 768 entries per MoE, 28 MoEs. A persistent buffer stored in the
// checkpoint; the doc's total leaves it out, the project counts it as it does DeepSeek-V3's.
const CORRECTION_BIAS = 28 * 768;
const EMBEDDING = 131_072 * 6_144;

describe('parseLongcatFlash on LongCat-Flash-Chat (config-class defaults), counted', () => {
  const spec = parseHFConfig(chat);
  const count = countParams(spec);

  it('countParams(LongCat-Flash-Chat) is the hand-derived 560,664,958,976 + 21,504 correction-bias entries', () => {
    expect(CORRECTION_BIAS).toBe(21_504);
    expect(count.total).toBe(DOC_TOTAL + CORRECTION_BIAS);
    expect(count.total).toBe(560_664_980_480);
    // "560B total params" (LMSYS/SGLang blog by the Meituan team; arXiv 2509.01322 abstract).
    expect(Math.floor(count.total / 1e9)).toBe(560);
    expect(count.mtp).toBe(0);
  });

  it('breaks down as the doc: two MLA and two dense MLPs per logical layer, four norms, E + Z router rows', () => {
    expect(count.breakdown).toEqual({
      embedding: EMBEDDING,
      lmHead: EMBEDDING,
      attention: 56 * 90_572_800,
      norms: 28 * 4 * 6_144 + 6_144,
      router: 28 * (768 * 6_144 + 768),
      routedExperts: 28 * 512 * EXPERT,
      sharedExperts: 0,
      denseFfn: 56 * 3 * 6_144 * 12_288,
      hyperConnections: 0,
      vision: 0,
      mtp: 0,
    });
  });

  it('active is a range: 0 to 12 real experts per MoE; its max is `active` (top-12 all real)', () => {
    // max: total − 28 MoEs × (512 − 12) idle experts = 32,182,676,480 (doc: 32,182,654,976 + 21,504).
    expect(count.active).toBe(count.total - 28 * 500 * EXPERT);
    expect(count.active).toBe(32_182_654_976 + CORRECTION_BIAS);
    // min: all 12 picks land on zero experts in every MoE: 28 × 12 experts fewer
    // (doc: 19,499,079,680 + 21,504).
    expect(count.activeRange).toEqual({
      min: count.active - 28 * 12 * EXPERT,
      max: count.active,
    });
    expect(count.activeRange!.min).toBe(19_499_079_680 + CORRECTION_BIAS);
  });

  it('without the input embedding the range is the doc\'s 18,693,773,312 to 31,377,348,608 (+ the bias): the published "18.6B–31.3B"', () => {
    expect(count.activeExcludingEmbedding).toBe(count.active - EMBEDDING);
    const min = count.activeRange!.min - EMBEDDING;
    const max = count.activeExcludingEmbedding;
    expect(min - CORRECTION_BIAS).toBe(18_693_773_312);
    expect(max - CORRECTION_BIAS).toBe(31_377_348_608);
    // "activates 18.6B–31.3B parameters" (arXiv 2509.01322 abstract): both ends truncated to 0.1B.
    expect([Math.floor(min / 1e8) / 10, Math.floor(max / 1e8) / 10]).toEqual([18.6, 31.3]);
    // "27B on average" (the PID-held target) lies inside; about 7.86 of the 12 picks are real.
    const realPicks = (27e9 - min) / (28 * EXPERT);
    expect(realPicks).toBeGreaterThan(7.8);
    expect(realPicks).toBeLessThan(7.9);
  });
});

describe('parseLongcatFlash: the layers', () => {
  const spec = parseLongcatFlash(new ConfigReader(chat));

  it('has 2 × num_layers = 56 decoder layers, even MLA + MoE (with mlps.0), odd MLA + mlps.1', () => {
    expect(spec.layers).toBe(56);
    expect(spec.moeLayers).toEqual({ firstDense: 0, step: 2, offset: 0, denseLayers: [] });
    const dense = { intermediateSize: 12_288, gated: true, bias: false };
    expect(spec.denseMlp).toEqual(dense);
    expect(spec.moe).toEqual({
      experts: 512,
      topK: 12,
      expert: { intermediateSize: 2_048, gated: true, bias: false },
      routerBias: false,
      scoreCorrectionBias: true,
      shared: null,
      residualDense: dense,
      groupLimit: null,
      zeroExperts: 256,
    });
    const layers = expandLayers(spec);
    expect(layers.map((l) => l.ffn.kind)).toEqual(
      Array.from({ length: 56 }, (_, i) => (i % 2 === 0 ? 'moe' : 'dense')),
    );
    expect(
      new Set(layers.map((l) => `${l.mixer} ${l.attention.kind} ${l.kind.window.kind}`)),
    ).toEqual(new Set(['attention mla global']));
    expect(spec.stateMixer ?? null).toBeNull();
    expect(spec.mtp).toBeNull();
  });

  it('reads MLA with q-LoRA 1536, kv-LoRA 512, nope 128, rope 64, v 128 and no bias (head_dim 64 unused)', () => {
    expect(spec.attention).toEqual({
      kind: 'mla',
      heads: 64,
      qLoraRank: 1_536,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
      bias: false,
    });
  });

  it('never doubles num_hidden_layers: with 56 there (the class default) it is still 56 layers', () => {
    expect(parseHFConfig({ ...chat, num_hidden_layers: 56 }).layers).toBe(56);
    expect(parseHFConfig({ ...chat, num_hidden_layers: 7 }).layers).toBe(56);
  });

  it('KV cache: the 576-value latent (512 + 64) in each of the 56 MLA sublayers', () => {
    // 56 × 576 × 2 bytes (bf16) = 64,512 bytes per token (longcat_flash.md §3, v5 modular caches
    // the compressed latent); no per-sequence state (no linear attention).
    expect(kvBytesPerToken(spec, 'bf16', 'hybrid')).toBe(64_512);
    expect(kvBytesPerSequence(spec, 131_072, 'bf16', 'hybrid')).toBe(131_072 * 64_512);
  });
});

describe('parseLongcatFlash: aliases and options', () => {
  it('reads intermediate_size, num_experts_per_tok and num_local_experts as the same model', () => {
    const { ffn_hidden_size: ffn, moe_topk: topK, n_routed_experts: experts, ...rest } = chat;
    const aliased = {
      ...rest,
      intermediate_size: ffn,
      num_experts_per_tok: topK,
      num_local_experts: experts,
    };
    expect(parseHFConfig(aliased)).toEqual(parseHFConfig(chat));
  });

  it('router_bias adds E + Z biases per MoE; num_key_value_heads equal to the heads is accepted', () => {
    const total = countParams(
      parseHFConfig({ ...chat, router_bias: true, num_key_value_heads: 64 }),
    ).total;
    expect(total).toBe(560_664_980_480 + 28 * 768);
  });

  it('q_lora_rank null projects queries directly (q_proj [64·192, 6144])', () => {
    const spec = parseHFConfig({ ...chat, q_lora_rank: null });
    expect(spec.attention).toMatchObject({ kind: 'mla', qLoraRank: null });
    const mla = 6_144 * 64 * 192 + 3_538_944 + 512 + 8_388_608 + 50_331_648;
    expect(countParams(spec).breakdown.attention).toBe(56 * mla);
  });
});

describe('parseLongcatFlash refuses a bad config, naming the field', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'num_layers missing',
      { num_layers: undefined, num_hidden_layers: 56 },
      'num_layers',
      'logical layers',
    ],
    ['num_layers past the limit', { num_layers: 2_049 }, 'num_layers', 'at most 2,048'],
    [
      'zero_expert_type not identity',
      { zero_expert_type: 'zero' },
      'zero_expert_type',
      '"identity"',
    ],
    ['zero_expert_num missing', { zero_expert_num: undefined }, 'zero_expert_num', 'non-negative'],
    ['attention_method not MLA', { attention_method: 'GQA' }, 'attention_method', '"MLA"'],
    ['KV heads for MLA', { num_key_value_heads: 8 }, 'num_key_value_heads', 'equal to'],
    ['qk_head_dim off', { qk_head_dim: 128 }, 'qk_head_dim', '(192)'],
    [
      'moe_topk over the experts',
      { moe_topk: 13, n_routed_experts: 12 },
      'moe_topk',
      'at most n_routed_experts (12)',
    ],
    ['moe_topk past the limit', { moe_topk: 65 }, 'moe_topk', 'at most 64'],
    [
      'no FFN width',
      { ffn_hidden_size: undefined },
      'ffn_hidden_size or intermediate_size',
      'integer',
    ],
    ['no expert width', { expert_ffn_hidden_size: undefined }, 'expert_ffn_hidden_size', 'integer'],
  ];
  it.each(cases)('%s', (_, change, field, expected) => {
    const error = configErrorOf(() => parseHFConfig({ ...chat, ...change }));
    expect(error.field).toBe(field);
    expect(error.message).toContain(expected);
  });
});

describe('LongCat-Flash-Chat checked against its checkpoint', () => {
  const spec = parseHFConfig(chat);
  const count = countParams(spec);
  const tensors = longcatTensors(longcatShape(chat));

  it("the tensors from the doc's shapes hold exactly the count, 560,664,980,480", () => {
    const check = checkCheckpoint(tensors, count, spec.layers);
    // 28 layers × (4 norms + 2 × 7 MLA + 2 × 3 MLP + 2 router + 512 × 3 experts) + 3 = 43,739.
    expect(check).toMatchObject({
      tensors: 43_739,
      total: 560_664_980_480,
      matches: true,
      extras: [],
    });
    expect(check.differences).toEqual([]);
  });

  it("without the e_score_correction_bias buffers the tensors hold the doc's 560,664,958,976", () => {
    const weights = tensors.filter((t) => !t.name.endsWith('.e_score_correction_bias'));
    expect(checkCheckpoint(weights, count, spec.layers).total).toBe(DOC_TOTAL);
  });

  it('the MTP module (model.mtp.*) is set apart and named, not counted', () => {
    // Names as the checkpoint's prefix; shapes illustrative (no config field sizes the module).
    const mtp = [
      { name: 'model.mtp.layers.0.eh_proj.weight', dtype: 'BF16', shape: [6_144, 12_288] },
      { name: 'model.mtp.layers.0.enorm.weight', dtype: 'BF16', shape: [6_144] },
    ];
    const check = checkCheckpoint([...tensors, ...mtp], count, spec.layers);
    expect(check.matches).toBe(true);
    expect(check.extras).toEqual([{ kind: 'mtp', tensors: 2, elements: 6_144 * 12_288 + 6_144 }]);
  });
});
