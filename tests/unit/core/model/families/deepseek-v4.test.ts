import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  expandLayers,
  kvBytesPerSequence,
  kvBytesPerToken,
  parseHFConfig,
} from '../../../../../src/lib/core/index.ts';
import { checkCheckpoint } from '../../../../../src/lib/core/checkpoint/compare.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';
import {
  deepseekV4Tensors,
  storedTotals,
  type V4Shape,
} from '../../../helpers/deepseek-v4-checkpoint-tensors.ts';

/** Verbatim Hub config.json files (origins: docs/research/families/deepseek_v4.md §1). */
const read = (file: string) =>
  JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<string, unknown>;
const flash = read('deepseek-v4-flash.config.json');
const pro = read('deepseek-v4-pro.config.json');

// V4-Flash by hand (deepseek_v4.md §2; D 4096, 64 heads of 512, q-LoRA 1024, 8 output groups of
// 1024, indexer 64 heads of 128, 256 experts of 2048, 4 hyper-connection streams, V 129,280):
// the attention every layer has: wq_a 4096·1024 + q_norm 1024 + wq_b 1024·32768 + wkv 4096·512
// + kv_norm 512 + wo_a 1024·32768 + wo_b 8192·4096 + 64 sinks.
const CORE = 106_956_352;
// A CSA layer's compressor (ape 4·1024 + wkv, wgate 1024·4096 each + norm 512) and its indexer
// (wq_b 1024·8192 + weights_proj 4096·64 + ape 4·256 + wkv, wgate 256·4096 each + norm 128).
const CSA = 8_393_216 + 10_749_056;
// An HCA layer's compressor: ape 128·512 + wkv, wgate 512·4096 each + norm 512.
const HCA = 4_260_352;
// Hyper-connections: hc_attn and hc_ffn fn [24, 16384], base [24], scale [3]; the head's [4, 16384] + 4 + 1.
const HC = 2 * (24 * 16_384 + 24 + 3);
const HC_HEAD = 4 * 16_384 + 4 + 1;
const EXPERT = 3 * 4096 * 2048;
// Router 256·4096, and its bias of 256 but in the 3 hash-routed layers.
const MOE = 256 * 4096 + 256 * EXPERT + EXPERT;
const LAYER = CORE + HC + 2 * 4096 + MOE + 256;
const EMBED = 129_280 * 4096;

describe('parseDeepseekV4, counted', () => {
  it(`V4-Flash: 284,332,240,471 (the card's "284B"), by hand from its modules`, () => {
    const count = countParams(parseHFConfig(flash));
    const byHand = 43 * LAYER - 3 * 256 + 21 * CSA + 20 * HCA + HC_HEAD + 2 * EMBED + 4096;
    expect(count.total).toBe(byHand);
    expect(count.total).toBe(284_332_240_471);
    expect(count.breakdown.hyperConnections).toBe(43 * HC + HC_HEAD);
    expect(count.breakdown.attention).toBe(43 * CORE + 21 * CSA + 20 * HCA);
    expect(count.breakdown.router).toBe(43 * 256 * 4096 + 40 * 256);
  });

  it('V4-Flash with its MTP module is 290,942,289,362: the Hub’s counts by dtype, FP4 pairs unpacked, scales and hash tables left out', () => {
    const count = countParams(parseHFConfig(flash));
    // The MTP module: a window-only layer (compress_ratios[43] = 0), not hash-routed, e_proj and
    // h_proj 4096², enorm, hnorm, norm, its own hyper-connection head.
    expect(count.mtp).toBe(LAYER + 2 * 4096 * 4096 + 3 * 4096 + HC_HEAD);
    expect(count.mtp).toBe(6_610_048_891);
    // deepseek-ai/DeepSeek-V4-Flash @60d8d707, Hugging Face safetensors.parameters (find_string id
    // 60837029690): BF16 1,415,259,264; F8_E4M3 6,023,020,544; F32 36,168,018; I8 141,733,920,768
    // (two e2m1 values each); F8_E8M0 scales and I64 tid2eid are not parameters. A census of the
    // file headers gives the same "logical unpacked params: 290942289362" (id 61809074102).
    expect(count.total + count.mtp).toBe(
      1_415_259_264 + 6_023_020_544 + 36_168_018 + 2 * 141_733_920_768,
    );
    expect(count.total + count.mtp).toBe(290_942_289_362);
  });

  it('V4-Pro: 1,572,997,201,763 + MTP 25,840,145,979 (the card’s "1.6T"), the published logical counts', () => {
    const count = countParams(parseHFConfig(pro));
    // deepseek-ai/DeepSeek-V4-Pro @b5968e91, an inventory of its 145,116 tensors (find_string id
    // 69746277356): "base_logical_parameters" 1,572,997,201,763, "mtp_logical_parameters" 25,840,145,979.
    expect(count.total).toBe(1_572_997_201_763);
    expect(count.mtp).toBe(25_840_145_979);
    expect((count.total + count.mtp) / 1e12).toBeCloseTo(1.6, 1);
  });

  it('active: 13.27B for Flash and 48.85B for Pro without the input embedding, the cards’ "13B" and "49B"', () => {
    const f = countParams(parseHFConfig(flash));
    expect(f.active).toBe(f.total - 43 * 250 * EXPERT);
    expect(f.activeExcludingEmbedding).toBe(13_270_101_591);
    const p = countParams(parseHFConfig(pro));
    expect(p.activeExcludingEmbedding).toBe(48_852_402_019);
    // DeepSeek's activated counts leave out the input embedding (a lookup): with it, 13.8B and 49.8B.
    expect(Math.round(f.activeExcludingEmbedding / 1e9)).toBe(13);
    expect(Math.round(p.activeExcludingEmbedding / 1e9)).toBe(49);
  });
});

/** The tensor-list sizes of a config. */
const shape = (c: Record<string, unknown>) => c as unknown as V4Shape;

describe('the DeepSeek-V4 checkpoints’ tensor lists', () => {
  it('Flash: 69,187 tensors, 158,069,433,298 elements as stored, 159,609,485,896 bytes, each as published', () => {
    const stored = storedTotals(deepseekV4Tensors(shape(flash)));
    // Hub safetensors.total, index total_size, tensors and their dtypes (find_string ids 63121134490,
    // 59368543979, 65859349062, 60837029690; deepseek_v4.md §3).
    expect(stored.tensors).toBe(69_187);
    expect(stored.elements).toBe(158_069_433_298);
    expect(stored.bytes).toBe(159_609_485_896);
    expect(stored.byDtype).toEqual({
      BF16: { tensors: 433, elements: 1_415_259_264 },
      F32: { tensors: 417, elements: 36_168_018 },
      F8_E4M3: { tensors: 375, elements: 6_023_020_544 },
      F8_E8M0: { tensors: 34_167, elements: 8_858_737_664 },
      I64: { tensors: 3, elements: 2_327_040 },
      I8: { tensors: 33_792, elements: 141_733_920_768 },
    });
  });

  it('Pro: 145,116 tensors, 861,608,274,846 elements, 864,704,792,696 bytes', () => {
    const stored = storedTotals(deepseekV4Tensors(shape(pro)));
    // ids 62525154746 (safetensors total, tensors), 62866897938 (total_size), 69746277356 (dtypes).
    expect(stored.tensors).toBe(145_116);
    expect(stored.elements).toBe(861_608_274_846);
    expect(stored.bytes).toBe(864_704_792_696);
    expect(stored.byDtype.I8!.tensors).toBe(71_424);
    expect(stored.byDtype.F8_E8M0!.tensors).toBe(71_952);
  });

  it('checkCheckpoint matches the count to the parameter, each tensor placed, FP4 pairs counted twice', () => {
    for (const config of [flash, pro]) {
      const spec = parseHFConfig(config);
      const count = countParams(spec);
      const check = checkCheckpoint(deepseekV4Tensors(shape(config)), count, spec.layers, true);
      expect(check.unknown).toEqual([]);
      expect(check.differences).toEqual([]);
      expect(check.matches).toBe(true);
      expect(check.extras.map((e) => e.kind).sort()).toEqual(['buffer', 'mtp', 'scale']);
      // Read as one value a byte (an INT8 checkpoint's), the experts would count half.
      const unpacked = checkCheckpoint(deepseekV4Tensors(shape(config)), count, spec.layers);
      expect(unpacked.matches).toBe(false);
    }
  });
});

describe('parseDeepseekV4, layers', () => {
  const kinds = (config: Record<string, unknown>) =>
    expandLayers(parseHFConfig(config)).map((l) => {
      const w = l.kind.window;
      return w.kind === 'compressed' ? w.ratio : -1;
    });

  it('Flash: 2 window-only layers, then CSA and HCA in turn (21 and 20); Pro: 2 HCA, then 30 CSA and 31 HCA', () => {
    const f = kinds(flash);
    expect(f.filter((r) => r === 0)).toHaveLength(2);
    expect(f.filter((r) => r === 4)).toHaveLength(21);
    expect(f.filter((r) => r === 128)).toHaveLength(20);
    const p = kinds(pro);
    expect([p.filter((r) => r === 4).length, p.filter((r) => r === 128).length]).toEqual([30, 31]);
  });

  it('the layers are a rule: Flash a prefix of 3, then HCA and CSA in turn; Pro the same', () => {
    for (const config of [flash, pro]) {
      const spec = parseHFConfig(config);
      expect(spec.attentionPrefix).toHaveLength(3);
      expect(
        spec.attentionPattern.map((k) => (k.window.kind === 'compressed' ? k.window.ratio : -1)),
      ).toEqual([128, 4]);
    }
  });

  it('the indexer is in the CSA layers only; the first 3 layers route by token id', () => {
    const layers = expandLayers(parseHFConfig(flash));
    const csa = layers.filter((l) => l.kind.indexer !== false).map((l) => l.index);
    expect(csa).toEqual(Array.from({ length: 21 }, (_, i) => 2 + 2 * i));
    expect(layers.filter((l) => l.kind.hashRouted).map((l) => l.index)).toEqual([0, 1, 2]);
  });

  it('transformers’ layer_types and compress_rates, or mlp_layer_types, say the same as compress_ratios', () => {
    const { compress_ratios: ratios, num_hash_layers: _h, ...rest } = flash;
    const names = {
      0: 'sliding_attention',
      4: 'compressed_sparse_attention',
      128: 'heavily_compressed_attention',
    };
    const layer_types = (ratios as (0 | 4 | 128)[]).slice(0, 43).map((r) => names[r]);
    const mlp_layer_types = Array.from({ length: 43 }, (_, i) => (i < 3 ? 'hash_moe' : 'moe'));
    const typed = { ...rest, layer_types, mlp_layer_types };
    expect(countParams(parseHFConfig(typed)).total).toBe(284_332_240_471);
  });

  it('without compress_ratios or layer_types, transformers’ default: two HCA layers, then HCA and CSA in turn', () => {
    const { compress_ratios: _r, ...rest } = pro;
    const ratios = kinds(rest);
    expect(ratios.slice(0, 6)).toEqual([128, 128, 128, 4, 128, 4]);
  });

  it('a bad config names the field, the value and what is expected', () => {
    const ratios = [...(flash.compress_ratios as number[])];
    ratios[5] = 16;
    expect(configErrorOf(() => parseHFConfig({ ...flash, compress_ratios: ratios }))?.message).toBe(
      'compress_ratios[5]: expected 0, 4 or 128, got 16',
    );
    expect(configErrorOf(() => parseHFConfig({ ...flash, compress_ratios: [0, 4] }))?.message).toBe(
      'compress_ratios: expected at least 43 entries (num_hidden_layers), got 2',
    );
    expect(configErrorOf(() => parseHFConfig({ ...flash, num_key_value_heads: 8 }))?.message).toBe(
      'num_key_value_heads: expected 1: DeepSeek-V4 shares one key-value head among all heads, got 8',
    );
    // Its own sizes are held to the limits of their kind (limits.ts): a width, a head count.
    expect(configErrorOf(() => parseHFConfig({ ...flash, o_lora_rank: 1e9 }))?.field).toBe(
      'o_lora_rank',
    );
    expect(configErrorOf(() => parseHFConfig({ ...flash, index_n_heads: 1e6 }))?.message).toMatch(
      /^index_n_heads: expected at most/,
    );
    expect(configErrorOf(() => parseHFConfig({ ...flash, o_groups: 7 }))?.message).toBe(
      'o_groups: expected a divisor of num_attention_heads × head_dim (32768), got 7',
    );
  });
});

describe('DeepSeek-V4’s KV cache', () => {
  const spec = parseHFConfig(flash);

  it('grows by an entry per 4 tokens in CSA layers (with the indexer’s key) and per 128 in HCA layers', () => {
    // BF16: 21 × (1024 + 132) / 4 + 20 × 1024 / 128.
    expect(kvBytesPerToken(spec, 'bf16', 'hybrid')).toBe(21 * 289 + 20 * 8);
    expect(kvBytesPerToken(spec, 'bf16', 'full')).toBe(6229);
  });

  it('keeps each layer’s 128-token window, its entries and its compressors’ FP32 state', () => {
    const context = 1_000_000;
    const window = 43 * 128 * 1024;
    const csa = 21 * (250_000 * (1024 + 132) + 128 * 132);
    const hca = 20 * 7812 * 1024;
    // kv_state and score_state: 2 × 4 tokens × 1024 and 2 × 4 × 256 FP32 (CSA, overlapping), 128 × 512 (HCA).
    const states = 21 * (65_536 + 16_384) + 20 * 524_288;
    expect(kvBytesPerSequence(spec, context, 'bf16', 'hybrid')).toBe(window + csa + hca + states);
  });

  it('V4-Pro at a million tokens keeps about a tenth of DeepSeek-V3.2’s cache, as its card says', () => {
    const v32 = parseHFConfig(read('deepseek-v3.2.config.json'));
    const ratio =
      kvBytesPerSequence(parseHFConfig(pro), 1_000_000, 'bf16', 'hybrid') /
      kvBytesPerSequence(v32, 1_000_000, 'bf16', 'hybrid');
    // "10% of the KV cache compared with DeepSeek-V3.2" (DeepSeek-V4 model card, at 1M tokens).
    expect(ratio).toBeGreaterThan(0.08);
    expect(ratio).toBeLessThan(0.12);
  });
});
