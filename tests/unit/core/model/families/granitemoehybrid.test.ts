import { describe, expect, it } from 'vitest';
import { checkCheckpoint } from '../../../../../src/lib/core/checkpoint/compare.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseGraniteMoeHybrid } from '../../../../../src/lib/core/model/families/granitemoehybrid.ts';
import { expandLayers } from '../../../../../src/lib/core/model/layer-list.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import {
  kvBytesPerSequence,
  stateBytesPerSequencePerLayer,
} from '../../../../../src/lib/core/serving/kv-cache.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { readJson } from '../../../helpers/fixtures.ts';
import { graniteHybridTensors } from '../../../helpers/granite-minimax-tensors.ts';

/**
 * The fixtures are trimmed copies of the published config.json files, only the fields that shape
 * the model (docs/research/families/granitemoehybrid.md §4): Tiny and 1B with their 40-entry
 * `layer_types` (attention at 5, 15, 25, 35) and Mamba head fields.
 */
const config = (file: string) => readJson(`new-families/${file}`) as Record<string, unknown>;
const tiny = config('granite-4.0-h-tiny.config.json');
const oneB = config('granite-4.0-h-1b.config.json');
const smallAsFound = config('granite-4.0-h-small.config.json');

/**
 * granite-4.0-h-small.config.json lacks `layer_types` and the Mamba head fields (granitemoehybrid.md
 * §4); read as it is, transformers would build an all-Mamba model. Supplied here:
 * - `layer_types`: 36 mamba + 4 attention ("Counter(layer_types) = {mamba: 36, attention: 4}", the
 *   fixture's source, find_string id 57624389648), attention at 5, 15, 25, 35 (a third-party
 *   card, hf.kigml.com/deucebucket/Granite-4.0-H-Small-Cerebellum-GGUF: "Full attention layers 4
 *   (positions 5, 15, 25, 35)"; the positions do not change the count);
 * - `mamba_n_heads` 128 (GraniteMoeHybridConfig's default), `mamba_d_head` 64 (its "auto",
 *   2 × 4096 / 128), `mamba_n_groups` 1 (default): the research's assumption, consistent with the
 *   Hub listing's 59.99 GB of safetensors (32,207,337,984 × 2 B = 59.99 GiB).
 */
const small = {
  ...smallAsFound,
  layer_types: tiny.layer_types,
  mamba_n_heads: 128,
  mamba_d_head: 64,
  mamba_n_groups: 1,
};

describe('parseGraniteMoeHybrid on the Granite 4.0-H configs, counted', () => {
  it('countParams(Granite-4.0-H-Tiny) is the published 6,939,037,248, active 1,465,470,528', () => {
    const count = countParams(parseHFConfig(tiny));
    // "6,939,037,248 in the safetensors metadata" (granite-4.0-h-tiny and -tiny-base;
    // granitemoehybrid.md §4, find_string ids 70196246186, 68997933905). By hand: embedding
    // 154,140,672 (tied, once) + final norm 1,536 + layer norms 122,880 + 36 Mamba × 14,642,576
    // + 4 attention × 6,291,456 + 40 × (shared MLP 4,718,592 + router 98,304 + experts 150,994,944).
    expect(count.total).toBe(6_939_037_248);
    // Model card: "7B total / ~1B active". Total − 40 layers × 58 idle experts × 3·1536·512.
    expect(count.active).toBe(6_939_037_248 - 40 * 58 * 2_359_296);
    expect(count.active).toBe(1_465_470_528);
    expect(count.breakdown.lmHead).toBe(0);
  });

  it('countParams(Granite-4.0-H-Small) is 32,207,337,984, active 8,803,121,664 ("32B total / 9B active")', () => {
    const count = countParams(parseHFConfig(small));
    // Hand-derived (granitemoehybrid.md §4; no exact published count): embedding 411,041,792 +
    // 4,096 + 327,680 norms + 36 Mamba × 102,286,976 + 4 attention × 41,943,040 + 40 × (shared
    // 18,874,368 + router 294,912 + 72 experts × 9,437,184).
    expect(count.total).toBe(32_207_337_984);
    expect(count.breakdown.attention).toBe(36 * 102_286_976 + 4 * 41_943_040);
    // Total − 40 × 62 idle experts × 3·4096·768; the card's table: "# Active parameters … 9B".
    expect(count.active).toBe(32_207_337_984 - 40 * 62 * 9_437_184);
    expect(count.active).toBe(8_803_121_664);
  });

  it('countParams(Granite-4.0-H-1B), dense: 1,461,538,368, every parameter active', () => {
    const count = countParams(parseHFConfig(oneB));
    // Hand-derived (granitemoehybrid.md §4; not published): 154,140,672 + 1,536 + 122,880 +
    // 36 × 14,642,576 + 4 × 6,291,456 + 40 shared MLPs × 3·1536·4096 (18,874,368).
    expect(count.total).toBe(1_461_538_368);
    expect(count.breakdown.denseFfn).toBe(40 * 18_874_368);
    expect(count.active).toBe(count.total);
  });

  it("the Small fixture as found is all Mamba (layers_block_type's default): 4 attention layers turn Mamba", () => {
    const spec = parseHFConfig(smallAsFound);
    expect(expandLayers(spec).every((l) => l.mixer === 'state')).toBe(true);
    expect(countParams(spec).total).toBe(32_207_337_984 + 4 * (102_286_976 - 41_943_040));
  });
});

describe('parseGraniteMoeHybrid', () => {
  it('reads the layer kinds: attention at 5, 15, 25, 35, Mamba-2 elsewhere, an FFN in every layer', () => {
    const layers = expandLayers(parseHFConfig(tiny));
    expect(layers.filter((l) => l.mixer === 'attention').map((l) => l.index)).toEqual([
      5, 15, 25, 35,
    ]);
    expect(layers.filter((l) => l.mixer === 'state')).toHaveLength(36);
    expect(layers.every((l) => l.ffn.kind === 'moe')).toBe(true);
    expect(layers.every((l) => !l.kind.rope)).toBe(true); // position_embedding_type "nope"
  });

  it('reads the Mamba-2 mixer, the attention, the experts and the always-on shared MLP of Tiny', () => {
    const spec = parseGraniteMoeHybrid(new ConfigReader(tiny));
    expect(spec.stateMixer).toEqual({
      kind: 'mamba2',
      heads: 48,
      headDim: 64,
      groups: 1,
      stateSize: 128,
      convKernel: 4,
      convBias: true,
      projBias: false,
    });
    expect(spec.attention).toMatchObject({ heads: 12, kvHeads: 4, headDim: 128, qkvBias: false });
    expect(spec.moe).toMatchObject({
      experts: 64,
      topK: 6,
      expert: { intermediateSize: 512 },
      shared: { count: 1, mlp: { intermediateSize: 1024 }, gate: false },
    });
    expect(spec.tieEmbeddings).toBe(true);
  });

  it('with num_local_experts 0 the shared MLP is the dense feed-forward (Granite-4.0-H-1B)', () => {
    const spec = parseGraniteMoeHybrid(new ConfigReader(oneB));
    expect(spec.moe).toBeNull();
    expect(spec.denseMlp).toEqual({ intermediateSize: 4096, gated: true, bias: false });
  });

  it('keeps 1,592,832 bytes of Mamba state per layer and sequence (Tiny)', () => {
    const spec = parseHFConfig(tiny);
    // Core convention (kv-cache.ts, vLLM): conv (3072 + 2·128) × (4 − 1) in BF16 = 19,968 B and
    // the SSM state 48 × 64 × 128 in FP32 = 1,572,864 B. (transformers' HybridMambaAttentionDynamicCache
    // keeps conv [3328, 4] and the state in the model dtype: 13,312 + 393,216 elements, §3.)
    expect(stateBytesPerSequencePerLayer(spec.stateMixer!)).toBe(3328 * 3 * 2 + 48 * 64 * 128 * 4);
    // At 128K tokens in BF16: 4 attention layers × 131,072 × 2·4·128·2 B + 36 Mamba states.
    expect(kvBytesPerSequence(spec, 131_072, 'bf16', 'hybrid')).toBe(
      4 * 131_072 * 2048 + 36 * 1_592_832,
    );
  });

  it('defaults as GraniteMoeHybridConfig: Mamba 128 heads, 1 group, d_state 256, d_head "auto"', () => {
    const {
      mamba_n_heads: _h,
      mamba_n_groups: _g,
      mamba_d_state: _s,
      mamba_d_head: _d,
      ...rest
    } = tiny;
    expect(parseHFConfig(rest).stateMixer).toMatchObject({
      heads: 128,
      headDim: 24, // 2 × 1536 / 128
      groups: 1,
      stateSize: 256,
    });
    expect(parseHFConfig({ ...tiny, mamba_d_head: 'auto' }).stateMixer).toMatchObject({
      headDim: 64,
    });
  });

  it('reads the alias layers_block_type, position_embedding_type "rope", and ignores the muP scalars', () => {
    const { layer_types: types, ...rest } = tiny;
    const scaled = {
      ...rest,
      layers_block_type: types,
      embedding_multiplier: 12,
      logits_scaling: 6,
    };
    expect(countParams(parseHFConfig(scaled)).total).toBe(6_939_037_248);
    const rope = expandLayers(parseHFConfig({ ...tiny, position_embedding_type: 'rope' }));
    expect(rope[5]!.kind.rope).toBe(true);
  });

  it('an all-attention layer_types reads no Mamba field (Granite 4.0 Micro)', () => {
    const spec = parseHFConfig({
      ...oneB,
      layer_types: Array<string>(40).fill('attention'),
      mamba_n_heads: 7, // would not divide 2 × 1536: unread
    });
    expect(spec.stateMixer).toBeNull();
  });
});

describe('parseGraniteMoeHybrid refuses a bad config, naming the field', () => {
  const withType = (i: number, type: string) => {
    const types = [...(tiny.layer_types as string[])];
    types[i] = type;
    return { ...tiny, layer_types: types };
  };
  const cases: [string, Record<string, unknown>, string][] = [
    ['a layer type other than mamba or attention', withType(3, 'moe'), 'layer_types[3]'],
    ['a layer_types shorter than the layers', { ...tiny, layer_types: ['mamba'] }, 'layer_types'],
    [
      'heads that do not divide mamba_expand × hidden',
      { ...tiny, mamba_n_heads: 7 },
      'mamba_n_heads',
    ],
    [
      'a mamba_d_head that does not fill the inner width',
      { ...tiny, mamba_d_head: 32 },
      'mamba_d_head',
    ],
    [
      'heads that do not divide hidden_size',
      { ...tiny, num_attention_heads: 7 },
      'num_attention_heads',
    ],
    [
      'kv heads that do not divide the heads',
      { ...tiny, num_key_value_heads: 5 },
      'num_key_value_heads',
    ],
    [
      'a dense model without its MLP',
      { ...oneB, shared_intermediate_size: 0 },
      'shared_intermediate_size',
    ],
    ['no num_local_experts', { ...tiny, num_local_experts: undefined }, 'num_local_experts'],
    [
      'no num_experts_per_tok with experts',
      { ...tiny, num_experts_per_tok: undefined },
      'num_experts_per_tok',
    ],
  ];
  for (const [what, bad, field] of cases) {
    it(`${what}: ${field}`, () => {
      expect(configErrorOf(() => parseHFConfig(bad)).field).toBe(field);
    });
  }
});

describe('Granite-4.0-H-Tiny checkpoint against the count', () => {
  const tensors = graniteHybridTensors({
    vocab: 100_352,
    hidden: 1536,
    layerTypes: tiny.layer_types as string[],
    heads: 12,
    kvHeads: 4,
    mambaHeads: 48,
    mambaHeadDim: 64,
    mambaGroups: 1,
    mambaState: 128,
    mambaConv: 4,
    experts: 64,
    expertWidth: 512,
    sharedWidth: 1024,
  });

  it('matches the count to the parameter, in every component (586 tensors, no lm_head: tied)', () => {
    // 36 Mamba layers × 15 tensors + 4 attention layers × 11 + embedding + final norm.
    expect(tensors).toHaveLength(586);
    const check = checkCheckpoint(tensors, countParams(parseHFConfig(tiny)), 40);
    expect(check).toMatchObject({
      total: 6_939_037_248,
      matches: true,
      differences: [],
      extras: [],
      unknown: [],
    });
  });
});

describe('Granite-4.0-H-1B (dense) checkpoint against the count', () => {
  it('matches in total; its shared_mlp is filed as shared experts by name, counted as the dense FFN', () => {
    const tensors = graniteHybridTensors({
      vocab: 100_352,
      hidden: 1536,
      layerTypes: oneB.layer_types as string[],
      heads: 12,
      kvHeads: 4,
      mambaHeads: 48,
      mambaHeadDim: 64,
      mambaGroups: 1,
      mambaState: 128,
      mambaConv: 4,
      experts: 0,
      expertWidth: 0,
      sharedWidth: 4096,
    });
    const check = checkCheckpoint(tensors, countParams(parseHFConfig(oneB)), 40);
    expect(check).toMatchObject({ total: 1_461_538_368, matches: true, unknown: [] });
    // classify.ts reads `.shared_mlp.` as shared experts whatever the model; in a dense Granite
    // it is the only feed-forward (40 × 18,874,368), which the count reports as denseFfn.
    expect(check.differences).toEqual([
      { component: 'sharedExperts', parameters: 40 * 18_874_368 },
      { component: 'denseFfn', parameters: -40 * 18_874_368 },
    ]);
  });
});
