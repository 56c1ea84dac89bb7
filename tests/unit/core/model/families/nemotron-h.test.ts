import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCheckpoint } from '../../../../../src/lib/core/checkpoint/compare.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseNemotronH } from '../../../../../src/lib/core/model/families/nemotron-h.ts';
import { expandLayers } from '../../../../../src/lib/core/model/layer-list.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import {
  kvBytesPerSequence,
  stateBytesPerSequencePerLayer,
  stateElements,
} from '../../../../../src/lib/core/serving/kv-cache.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';
import {
  NEMOTRON_3_NANO,
  NEMOTRON_H_8B,
  nemotronHMtpTensors,
  nemotronHTensors,
} from '../../../helpers/jamba-nemotron-tensors.ts';

/** A real config.json from tests/fixtures/new-families (origins: docs/research/families/nemotron_h.md). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const nano = newFamilyConfig('nvidia-nemotron-3-nano-30b-a3b-bf16.config.json');
const h8b = newFamilyConfig('nemotron-h-8b-base-8k.config.json');
/** Nemotron 3.5 Lightning 30B-A3B: Nano's shapes plus one MTP module (its audit, nemotron_h.md). */
const lightning = { ...nano, num_nextn_predict_layers: 1, mtp_hybrid_override_pattern: '*E' };

describe('parseNemotronH on the Nemotron fixture configs, counted', () => {
  it('countParams(Nemotron 3 Nano 30B-A3B) is the Hub total + 2,944 correction-bias values', () => {
    const count = countParams(parseHFConfig(nano));
    // model.safetensors.index.json total_parameters 31,577,937,344 (nemotron_h.md §4), which
    // leaves out the 23 MoE layers × 128 e_score_correction_bias buffer values the checkpoint
    // stores and the project counts (README, Conventions): 31,577,940,288, the checkpoint's
    // "main elements including buffers" (Nemotron 3.5 Lightning audit, same shapes).
    expect(count.total).toBe(31_577_937_344 + 23 * 128);
    expect(count.total).toBe(31_577_940_288);
    // total − 23 MoE layers × (128 − 6) idle experts × 9,977,856 (2·2688·1856) = 3,580,076,352:
    // NVIDIA's "3.6B with embeddings" (3,580,073,408 in nemotron_h.md §4, + 2,944 bias values).
    expect(count.active).toBe(31_577_940_288 - 23 * 122 * 9_977_856);
    expect(count.active).toBe(3_580_076_352);
    // Without the input embedding: NVIDIA's "3.2B active".
    expect(count.activeExcludingEmbedding).toBe(3_227_754_816);
    expect(count.mtp).toBe(0);
    expect(count.breakdown.sharedExperts).toBe(23 * 2 * 2688 * 3712);
    expect(count.breakdown.norms).toBe(53 * 2688);
  });

  it('countParams(Nemotron-H-8B-Base-8K) is 8,100,852,736, dense: active = total', () => {
    const count = countParams(parseHFConfig(h8b));
    // nemotron_h.md §4: 2·131,072·4,096 + 53 norms × 4,096 + 24 M × 109,635,968 + 4 * ×
    // 41,943,040 + 24 - × 2·4,096·21,504 (the card: "8B of model parameters").
    expect(count.total).toBe(8_100_852_736);
    expect(count.active).toBe(8_100_852_736);
    expect(count.breakdown.denseFfn).toBe(24 * 2 * 4096 * 21504);
  });

  it('Nemotron 3.5 Lightning: one "*E" MTP module is 1,335,325,952, apart from the total', () => {
    const count = countParams(parseHFConfig(lightning));
    // "Original MTP elements = 1,335,325,952" (270 mtp.* entries; Lightning audit, nemotron_h.md
    // §5): attention 23,396,352 + MoE 1,297,465,472 + 2 block norms + enorm, hnorm, final norm
    // (5 × 2,688) + eh_proj 2·2688².
    expect(count.mtp).toBe(1_335_325_952);
    expect(count.total).toBe(31_577_940_288);
  });
});

describe('parseNemotronH', () => {
  const spec = parseNemotronH(new ConfigReader(nano));
  const dense = parseNemotronH(new ConfigReader(h8b));

  it('reads one block per layer: M a Mamba-2 mixer, * attention, E experts, each with one norm', () => {
    const layers = expandLayers(spec);
    expect(layers).toHaveLength(52);
    expect(layers.filter((l) => l.mixer === 'attention').map((l) => l.index)).toEqual([
      5, 12, 19, 26, 33, 42,
    ]);
    expect(layers.filter((l) => l.mixer === 'state')).toHaveLength(23);
    expect(layers.filter((l) => l.ffn.kind === 'moe')).toHaveLength(23);
    expect(layers.every((l) => (l.mixer === 'none') === (l.ffn.kind !== 'none'))).toBe(true);
    expect(layers.every((l) => !l.kind.rope)).toBe(true);
    const perLayer = countParams(spec).layers;
    expect(perLayer.every((l) => l.norms === 2688)).toBe(true);
  });

  it('reads Nano: Mamba-2 of 64 x 64, GQA 32/2, non-gated experts and a 3712-wide shared expert', () => {
    expect(spec.stateMixer).toEqual({
      kind: 'mamba2',
      heads: 64,
      headDim: 64,
      groups: 8,
      stateSize: 128,
      convKernel: 4,
      convBias: true,
      projBias: false,
    });
    expect(spec.attention).toMatchObject({ heads: 32, kvHeads: 2, headDim: 128, qkvBias: false });
    expect(spec.moe).toEqual({
      experts: 128,
      topK: 6,
      expert: { intermediateSize: 1856, gated: false, bias: false },
      routerBias: false,
      scoreCorrectionBias: true,
      shared: { count: 1, mlp: { intermediateSize: 3712, gated: false, bias: false }, gate: false },
      residualDense: null,
      groupLimit: null,
    });
    expect(spec.denseMlp).toBeNull();
  });

  it('reads the dense 8B: - blocks are relu² MLPs, head_dim from attention_head_dim, no MoE', () => {
    expect(dense.moe).toBeNull();
    expect(dense.denseMlp).toEqual({ intermediateSize: 21504, gated: false, bias: false });
    expect(dense.attention).toMatchObject({ heads: 32, kvHeads: 8, headDim: 128 });
    const layers = expandLayers(dense);
    expect(layers.filter((l) => l.mixer === 'attention').map((l) => l.index)).toEqual([
      7, 18, 29, 40,
    ]);
    expect(layers.filter((l) => l.ffn.kind === 'dense')).toHaveLength(24);
  });

  it('keeps per sequence a Mamba-2 state (conv in BF16, SSM in FP32) and a KV cache on * layers', () => {
    // nemotron_h.md §3; conv (kernel − 1) columns and the FP32 SSM state as vLLM keeps them.
    // Nano: conv (4096 + 2·8·128)·3 = 18,432, SSM 64·64·128 = 524,288 → 36,864 + 2,097,152 B.
    expect(stateElements(spec.stateMixer!)).toEqual({ conv: 6144 * 3, state: 64 * 64 * 128 });
    expect(stateBytesPerSequencePerLayer(spec.stateMixer!)).toBe(2_134_016);
    // 23 M layers + 6 * layers × 4,096 tokens × 2·2·128·2 B.
    expect(kvBytesPerSequence(spec, 4096, 'bf16', 'hybrid')).toBe(23 * 2_134_016 + 6 * 4096 * 1024);
    // 8B: conv (8192 + 2048)·3·2 = 61,440 B, SSM 128·64·128·4 = 4,194,304 B; 4 * layers × 4,096 B.
    expect(stateBytesPerSequencePerLayer(dense.stateMixer!)).toBe(4_255_744);
    expect(kvBytesPerSequence(dense, 4096, 'bf16', 'hybrid')).toBe(
      24 * 4_255_744 + 4 * 4096 * 4096,
    );
  });

  it('layers_block_type (alias layer_types) wins over the pattern; - and E can mix', () => {
    const types = ['linear_attention', 'moe', 'full_attention', 'mlp', 'mamba', 'attention'];
    const mixed = parseHFConfig({ ...nano, layer_types: types, num_hidden_layers: 6 });
    const layers = expandLayers(mixed);
    expect(layers.map((l) => `${l.mixer}/${l.ffn.kind}`)).toEqual([
      'state/none',
      'none/moe',
      'attention/none',
      'none/dense',
      'state/none',
      'attention/none',
    ]);
    expect(mixed.denseMlp).toEqual({ intermediateSize: 1856, gated: false, bias: false });
    expect(mixed.moeLayers.denseLayers).toEqual([3]);
  });

  it('reads the Mamba aliases and biases: mamba_n_groups, mamba_d_conv, use_bias, mlp_bias', () => {
    const aliased = parseNemotronH(
      new ConfigReader({ ...h8b, mamba_n_groups: 4, mamba_d_conv: 3, use_bias: true }),
    );
    expect(aliased.stateMixer).toMatchObject({ groups: 4, convKernel: 3, projBias: true });
    const biased = parseNemotronH(new ConfigReader({ ...nano, mlp_bias: true }));
    expect(biased.moe?.shared?.mlp.bias).toBe(true);
    expect(biased.moe?.expert.bias).toBe(false);
  });

  it('refuses what it cannot count, naming the field', () => {
    const { hybrid_override_pattern: _, ...noPattern } = nano;
    expect(configErrorOf(() => parseHFConfig(noPattern)).field).toBe('hybrid_override_pattern');
    const cases: [Record<string, unknown>, string][] = [
      [{ hybrid_override_pattern: 'MEX*' }, 'hybrid_override_pattern'],
      [{ hybrid_override_pattern: '' }, 'hybrid_override_pattern'],
      [{ hybrid_override_pattern: 'MEME' }, 'num_hidden_layers'],
      [{ layer_types: ['moe', 'conv'], num_hidden_layers: 2 }, 'layer_types[1]'],
      [{ moe_latent_size: 1024 }, 'moe_latent_size'],
      [
        { num_nextn_predict_layers: 1, mtp_hybrid_override_pattern: '*E*E' },
        'mtp_hybrid_override_pattern',
      ],
      [{ num_nextn_predict_layers: 1, mtp_layers_block_type: ['moe'] }, 'mtp_layers_block_type'],
      [{ num_key_value_heads: 3 }, 'num_key_value_heads'],
      [{ n_routed_experts: undefined }, 'n_routed_experts or num_local_experts'],
    ];
    for (const [change, field] of cases) {
      expect(configErrorOf(() => parseHFConfig({ ...nano, ...change })).field).toBe(field);
    }
  });
});

describe('checkCheckpoint(Nemotron-H)', () => {
  it('Nano: the backbone.* tensors hold the count; the 270 mtp.* tensors of Lightning set apart', () => {
    const count = countParams(parseHFConfig(lightning));
    const tensors = [...nemotronHTensors(NEMOTRON_3_NANO), ...nemotronHMtpTensors(NEMOTRON_3_NANO)];
    const check = checkCheckpoint(tensors, count, 52);
    expect(check).toMatchObject({ matches: true, differences: [], unknown: [] });
    expect(check.total).toBe(31_577_940_288);
    expect(check.extras).toEqual([{ kind: 'mtp', tensors: 270, elements: 1_335_325_952 }]);
  });

  it("8B: each - block's mixer.up_proj / down_proj is a dense FFN, not a mixer", () => {
    const check = checkCheckpoint(
      nemotronHTensors(NEMOTRON_H_8B),
      countParams(parseHFConfig(h8b)),
      52,
    );
    expect(check).toMatchObject({ matches: true, differences: [], extras: [], unknown: [] });
    expect(check.total).toBe(8_100_852_736);
  });
});
