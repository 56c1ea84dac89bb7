import { describe, expect, it } from 'vitest';
import { checkCheckpoint } from '../../../../../src/lib/core/checkpoint/compare.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseMinimax } from '../../../../../src/lib/core/model/families/minimax.ts';
import { expandLayers } from '../../../../../src/lib/core/model/layer-list.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import {
  kvBytesPerSequence,
  stateBytesPerSequencePerLayer,
} from '../../../../../src/lib/core/serving/kv-cache.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { readJson } from '../../../helpers/fixtures.ts';
import { minimaxTensors, storedBytes } from '../../../helpers/granite-minimax-tensors.ts';

/**
 * MiniMax-M1's config.json, a byte copy of the MiniMax-AI/MiniMax-M1 GitHub repo's @ 2abb4f45
 * (docs/research/families/minimax.md §4): model_type minimax_m1, `attn_type_list` [0 x 7, 1] x 10.
 */
const m1 = readJson('new-families/minimax-m1.config.json') as Record<string, unknown>;
const attnTypes = m1.attn_type_list as number[];

/**
 * The same model as transformers' `minimax` reads it (MiniMaxAI/MiniMax-Text-01-hf): no full
 * verbatim -hf config was obtainable (minimax.md §4), so this is M1's with `layer_types` written
 * from `attn_type_list` (0 -> "linear_attention", 1 -> "full_attention"), as the conversion does.
 */
const { attn_type_list: _list, ...m1Rest } = m1;
const asTransformers = {
  ...m1Rest,
  model_type: 'minimax',
  layer_types: attnTypes.map((t) => (t === 0 ? 'linear_attention' : 'full_attention')),
};

// Per-layer blocks (minimax.md §4: H 6144, nh 64, kv 8, hd 128, E 32, I 9216):
const EXPERT = 3 * 6144 * 9216; // 169,869,312: w1, w3 [9216, 6144], w2 [6144, 9216]
const LIGHTNING = 5 * 64 * 128 * 6144 + 64 * 128; // 251,666,432: qkv 3P·H, gate P·H, out H·P, norm P
const SOFTMAX = 2 * 8192 * 6144 + 2 * 1024 * 6144; // 113,246,208: q, o 8192·6144; k, v 1024·6144
const EMBEDDING = 200_064 * 6144; // 1,229,193,216, and as much again for the untied lm_head

describe('parseMinimax on MiniMax-M1, counted', () => {
  const count = countParams(parseHFConfig(m1));

  it('countParams(MiniMax-M1) is the published 456,089,655,296', () => {
    // HF-variant audit table (minimax.md §4, find_string id 69468411049), MiniMax-M1-40k and -80k.
    // By hand: 70 × (251,666,432 + 5,436,014,592 MoE + 12,288 norms) + 10 × (113,246,208 +
    // 5,436,014,592 + 12,288) + 2 × 1,229,193,216 + 6,144 = 456,089,655,296.
    expect(count.total).toBe(456_089_655_296);
    expect(count.breakdown.attention).toBe(70 * LIGHTNING + 10 * SOFTMAX);
  });

  it('active is the total less 30 idle experts a layer; without the embedding and the lm_head it is the README\'s "45.9B activated"', () => {
    // total − 80 × 30 × 169,869,312 = 48,403,306,496 (minimax.md §4, project convention).
    expect(count.active).toBe(456_089_655_296 - 80 * 30 * EXPERT);
    expect(count.active).toBe(48_403_306_496);
    // "456 billion parameters with 45.9 billion parameters activated per token" (M1 README line 52;
    // MiniMax-01 README lines 62-63): both vocab tables out, 45,944,920,064.
    expect(count.breakdown.embedding).toBe(EMBEDDING);
    expect(count.breakdown.lmHead).toBe(EMBEDDING);
    expect(count.active - 2 * EMBEDDING).toBe(45_944_920_064);
  });

  it('layers 7, 15, …, 79 are softmax attention, the other 70 lightning attention', () => {
    const layers = expandLayers(parseHFConfig(m1));
    const softmax = layers.filter((l) => l.mixer === 'attention').map((l) => l.index);
    expect(softmax).toEqual([7, 15, 23, 31, 39, 47, 55, 63, 71, 79]);
    expect(layers.filter((l) => l.mixer === 'state')).toHaveLength(70);
    expect(layers.every((l) => l.ffn.kind === 'moe')).toBe(true);
  });

  it('reads GQA for the softmax layers and a lightning mixer of 64 heads × 128', () => {
    const spec = parseMinimax(new ConfigReader(m1));
    expect(spec.attention).toMatchObject({ kind: 'gqa', heads: 64, kvHeads: 8, headDim: 128 });
    expect(spec.stateMixer).toEqual({ kind: 'lightning', heads: 64, headDim: 128 });
    expect(spec.moe).toMatchObject({ experts: 32, topK: 2, shared: null, routerBias: false });
    expect(spec.moe?.expert.intermediateSize).toBe(9216);
    expect(spec.tieEmbeddings).toBe(false);
    expect(spec.mtp).toBeNull();
  });

  it('keeps 4,194,304 bytes of state per lightning layer and sequence: 293,601,280 over 70 layers', () => {
    // One fp32 kv matrix of 64 × 128 × 128 per layer (modeling_minimax_m1.py:297; vLLM
    // linear_attention_state_shape), no conv state (minimax.md §3).
    const spec = parseHFConfig(m1);
    expect(stateBytesPerSequencePerLayer(spec.stateMixer!)).toBe(64 * 128 * 128 * 4);
    // At 1M tokens in BF16: 10 softmax layers × 1,000,000 × 2·8·128·2 B + 70 × 4,194,304.
    expect(kvBytesPerSequence(spec, 1_000_000, 'bf16', 'hybrid')).toBe(
      10 * 1_000_000 * 4096 + 293_601_280,
    );
  });
});

describe('parseMinimax: the three model types', () => {
  it('transformers `minimax` with layer_types counts as the remote-code config', () => {
    expect(countParams(parseHFConfig(asTransformers)).total).toBe(456_089_655_296);
  });

  it('minimax_text_01 (MiniMax-Text-01: same shapes as M1, minimax.md §4) counts the same', () => {
    expect(countParams(parseHFConfig({ ...m1, model_type: 'minimax_text_01' })).total).toBe(
      456_089_655_296,
    );
  });

  it('`minimax` without layer_types alternates full and linear attention from layer 0, as MiniMaxConfig', () => {
    const { layer_types: _t, ...rest } = asTransformers;
    const spec = parseHFConfig(rest);
    expect(
      expandLayers(spec)
        .slice(0, 4)
        .map((l) => l.mixer),
    ).toEqual(['attention', 'state', 'attention', 'state']);
    // 40 lightning + 40 softmax: 30 layers turn from lightning to softmax.
    expect(countParams(spec).total).toBe(456_089_655_296 - 30 * (LIGHTNING - SOFTMAX));
  });

  it('`minimax` ignores attn_type_list and the remote code ignores layer_types', () => {
    const both = { ...asTransformers, attn_type_list: attnTypes.map(() => 1) };
    expect(countParams(parseHFConfig(both)).total).toBe(456_089_655_296);
    const remote = { ...m1, layer_types: asTransformers.layer_types.map(() => 'full_attention') };
    expect(countParams(parseHFConfig(remote)).total).toBe(456_089_655_296);
  });

  it("shared_intermediate_size > 0 adds the remote code's shared MLP (of intermediate_size) and its sigmoid coefficient", () => {
    const spec = parseHFConfig({ ...m1, shared_intermediate_size: 4096 });
    expect(spec.moe?.shared).toEqual({
      count: 1,
      mlp: { intermediateSize: 9216, gated: true, bias: false },
      gate: true,
    });
    expect(countParams(spec).total).toBe(456_089_655_296 + 80 * (EXPERT + 6144));
    // transformers' MiniMax has no shared expert.
    const hf = parseHFConfig({ ...asTransformers, shared_intermediate_size: 4096 });
    expect(hf.moe?.shared).toBeNull();
  });

  it('sliding_window makes the softmax layers sliding, not the lightning ones', () => {
    const spec = parseHFConfig({ ...m1, sliding_window: 4096 });
    const [lightning, softmax] = [expandLayers(spec)[0]!, expandLayers(spec)[7]!];
    expect(softmax.kind.window).toEqual({ kind: 'sliding', tokens: 4096 });
    expect(lightning.kind.window).toEqual({ kind: 'global' });
  });

  it('num_key_value_heads defaults to 8 and head_dim to hidden / heads, as MiniMaxM1Config', () => {
    const { num_key_value_heads: _kv, head_dim: _hd, ...rest } = m1;
    expect(parseHFConfig(rest).attention).toMatchObject({ heads: 64, kvHeads: 8, headDim: 96 });
  });

  it('the residual factors are scalars: changing them changes no count', () => {
    const scaled = { ...m1, layernorm_mlp_alpha: 1, postnorm: false };
    expect(countParams(parseHFConfig(scaled)).total).toBe(456_089_655_296);
  });
});

describe('parseMinimax refuses a bad config, naming the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a remote-code config without attn_type_list', m1Rest, 'attn_type_list'],
    [
      'an attn_type_list entry other than 0 or 1',
      { ...m1, attn_type_list: [0, 2] },
      'attn_type_list[1]',
    ],
    [
      'an attn_type_list shorter than the layers',
      { ...m1, attn_type_list: [0, 1] },
      'attn_type_list',
    ],
    [
      'a layer_types entry other than linear or full attention',
      { ...asTransformers, layer_types: ['linear_attention', 'sliding_attention'] },
      'layer_types[1]',
    ],
    [
      'a layer_types shorter than the layers',
      { ...asTransformers, layer_types: ['linear_attention'] },
      'layer_types',
    ],
    ['no num_local_experts', { ...m1, num_local_experts: undefined }, 'num_local_experts'],
    ['no intermediate_size', { ...m1, intermediate_size: undefined }, 'intermediate_size'],
    [
      'kv heads that do not divide the heads',
      { ...m1, num_key_value_heads: 7 },
      'num_key_value_heads',
    ],
  ];
  for (const [what, config, field] of cases) {
    it(`${what}: ${field}`, () => {
      expect(configErrorOf(() => parseHFConfig(config)).field).toBe(field);
    });
  }
});

describe('MiniMax-M1 checkpoint against the count', () => {
  const tensors = minimaxTensors({
    vocab: 200_064,
    hidden: 6144,
    attnTypes,
    heads: 64,
    kvHeads: 8,
    headDim: 128,
    experts: 32,
    expertWidth: 9216,
  });

  it('holds 8,243 tensors and 912,210,767,872 bytes, as its model.safetensors.index.json', () => {
    // MiniMax-AI/MiniMax-M1 @ 2abb4f45: 8,243 weight_map entries, metadata.total_size 912,210,767,872.
    expect(tensors).toHaveLength(8243);
    expect(storedBytes(tensors)).toBe(912_210_767_872);
  });

  it('matches the count to the parameter, in every component', () => {
    const check = checkCheckpoint(tensors, countParams(parseHFConfig(m1)), 80);
    expect(check).toMatchObject({
      total: 456_089_655_296,
      matches: true,
      differences: [],
      extras: [],
      unknown: [],
    });
  });
});
