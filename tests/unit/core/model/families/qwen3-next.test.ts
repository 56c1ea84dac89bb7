import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCheckpoint,
  countParams,
  expandLayers,
  kvBytesPerSequence,
  kvBytesPerToken,
  parseHFConfig,
  stateBytesPerSequencePerLayer,
  stateElements,
} from '../../../../../src/lib/core/index.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseQwen3Next } from '../../../../../src/lib/core/model/families/qwen3-next.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';
import { QWEN3_NEXT_80B, qwen3NextTensors } from '../../../helpers/hybrid-checkpoint-tensors.ts';

/** A real config.json from tests/fixtures/new-families (origins: docs/research/families/qwen3_next.md §4). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const instruct = newFamilyConfig('qwen3-next-80b-a3b-instruct.config.json');
const thinking = newFamilyConfig('qwen3-next-80b-a3b-thinking.config.json');
const coder = newFamilyConfig('qwen3-coder-next.config.json');

// Hand-derived in qwen3_next.md §4 from the tensor table (§2), V 151936, H 2048, 48 layers:
// 12 full-attention layers × 27,263,488 + 36 Gated DeltaNet layers × 33,718,464
// + 48 MoE blocks × 1,614,809,088 + 48 × 2 norms × 2048 + embed and lm_head 2 × 311,164,928
// + final norm 2048 = 79,674,391,296 (what transformers builds; the card's "80B").
const TOTAL = 79_674_391_296;
// mtp.*: one full-attention layer 27,263,488 + its MoE 1,614,809,088 + 2 norms 4,096
// + fc 2·2048² 8,388,608 + pre_fc_norm_embedding, pre_fc_norm_hidden, norm 3 × 2048 (§2).
const MTP = 1_650_471_424;
// Model-inspector listing of Qwen/Qwen3-Next-80B-A3B-Instruct (41 safetensors files, 75,944
// tensors, all BF16): "参数总量: 81,324,862,720" = TOTAL + MTP (§1, §4).
const CHECKPOINT_TOTAL = 81_324_862_720;
// total − 48 × 512 routed experts × 3,145,728 (3·2048·512) + 48 × top-10 × 3,145,728 (§4).
const ACTIVE = TOTAL - 48 * 512 * 3_145_728 + 48 * 10 * 3_145_728;

describe('parseQwen3Next on the Qwen3-Next fixture configs, counted', () => {
  const cases = [
    { name: 'Qwen3-Next-80B-A3B-Instruct', config: instruct },
    // Same shapes as Instruct (qwen3_next.md §4); no exact published total, the card says "80B / 3B".
    { name: 'Qwen3-Next-80B-A3B-Thinking', config: thinking },
    // Same shapes (rope_theta 5,000,000, explicit attention_bias false); "80B total, 3B active".
    { name: 'Qwen3-Coder-Next', config: coder },
  ];
  for (const c of cases) {
    it(`countParams(${c.name}) is ${TOTAL}, active ${ACTIVE}, no MTP announced`, () => {
      const count = countParams(parseHFConfig(c.config));
      expect(count.total).toBe(TOTAL);
      expect(count.active).toBe(ACTIVE);
      expect(count.mtp).toBe(0);
    });
  }

  it('the parts: mixers 12 × 27,263,488 + 36 × 33,718,464; non-embedding 79,052,061,440 ("79B")', () => {
    const count = countParams(parseHFConfig(instruct));
    expect(count.breakdown.attention).toBe(12 * 27_263_488 + 36 * 33_718_464);
    expect(count.layers[0]).toMatchObject({ mixer: 'state', attention: 33_718_464 });
    expect(count.layers[3]).toMatchObject({ mixer: 'attention', attention: 27_263_488 });
    // Model card: "Non-Embedding: 79B".
    expect(count.total - count.breakdown.embedding - count.breakdown.lmHead).toBe(79_052_061_440);
    expect(count.activeExcludingEmbedding).toBe(3_563_764_480);
  });

  it('a config announcing the MTP module (num_nextn_predict_layers 1) counts it apart: total + mtp is the checkpoint total', () => {
    const count = countParams(parseHFConfig({ ...instruct, num_nextn_predict_layers: 1 }));
    expect(count.total).toBe(TOTAL);
    expect(count.mtp).toBe(MTP);
    expect(count.total + count.mtp).toBe(CHECKPOINT_TOTAL);
    expect(parseHFConfig({ ...instruct, mtp_num_hidden_layers: 1 }).mtp).toEqual({ modules: 1 });
    expect(parseHFConfig({ ...instruct, num_nextn_predict_layers: 0 }).mtp).toBeNull();
  });
});

describe('parseQwen3Next: layers and state', () => {
  const spec = parseQwen3Next(new ConfigReader(instruct));

  it('every 4th layer (3, 7, ..., 47) is gated full attention; the other 36 are Gated DeltaNet', () => {
    expect(spec.attentionPattern).toHaveLength(4);
    const layers = expandLayers(spec);
    const full = layers.filter((l) => l.mixer === 'attention').map((l) => l.index);
    expect(full).toEqual(Array.from({ length: 12 }, (_, k) => 4 * k + 3));
    expect(layers.filter((l) => l.mixer === 'state')).toHaveLength(36);
    expect(layers.every((l) => l.ffn.kind === 'moe')).toBe(true);
    expect(layers[0]!.kind.rope).toBe(false);
    expect(layers[3]!.kind.rope).toBe(true);
  });

  it('reads gated attention (q_proj doubled), head_dim 256, and the Gated DeltaNet sizes', () => {
    expect(spec.attention).toEqual({
      kind: 'gqa',
      heads: 16,
      kvHeads: 2,
      headDim: 256,
      qkvBias: false,
      outBias: false,
      fusedQkv: false,
      qkNorm: 'per-head',
      sinks: false,
      outputGate: true,
    });
    expect(spec.stateMixer).toEqual({
      kind: 'gated_deltanet',
      keyHeads: 16,
      valueHeads: 32,
      keyHeadDim: 128,
      valueHeadDim: 128,
      convKernel: 4,
    });
    expect(spec.moe).toMatchObject({
      experts: 512,
      topK: 10,
      expert: { intermediateSize: 512 },
      shared: { count: 1, mlp: { intermediateSize: 512 }, gate: true },
    });
  });

  it('state per sequence per linear layer: conv 8192 × 3 in BF16 + recurrent 32 × 128 × 128 in FP32 = 2,146,304 B', () => {
    // qwen3_next.md §3: conv_dim 2·2048 + 4096 = 8192 channels × (kernel − 1) (vLLM layout),
    // recurrent [nv, dk, dv]; 36 layers → 19,759,104 elements ≈ 77.3 MB per sequence.
    expect(stateElements(spec.stateMixer!)).toEqual({ conv: 24_576, state: 524_288 });
    expect(stateBytesPerSequencePerLayer(spec.stateMixer!)).toBe(2_146_304);
    // 12 full-attention layers keep K and V, 2 × 2 × 256 elements per token in BF16.
    expect(kvBytesPerToken(spec, 'bf16', 'hybrid')).toBe(12 * 2048);
    expect(kvBytesPerSequence(spec, 262_144, 'bf16', 'hybrid')).toBe(
      12 * 262_144 * 2048 + 36 * 2_146_304,
    );
  });
});

describe('parseQwen3Next: layer fields', () => {
  it('an explicit layer_types (legacy "mamba" / "attention" too) overrides full_attention_interval', () => {
    const types = Array.from({ length: 48 }, (_, i) => ((i + 1) % 4 === 0 ? 'attention' : 'mamba'));
    const spec = parseHFConfig({ ...instruct, full_attention_interval: 2, layer_types: types });
    expect(countParams(spec).total).toBe(TOTAL);
  });

  it('full_attention_interval 2 makes 24 full-attention layers', () => {
    const spec = parseHFConfig({ ...instruct, full_attention_interval: 2 });
    expect(expandLayers(spec).filter((l) => l.mixer === 'attention')).toHaveLength(24);
    expect(countParams(spec).total).toBe(TOTAL + 12 * (27_263_488 - 33_718_464));
  });

  it('without full_attention_interval, the config class default 4 applies', () => {
    const { full_attention_interval: _i, ...rest } = instruct;
    expect(countParams(parseHFConfig(rest)).total).toBe(TOTAL);
  });

  it('mlp_only_layers and decoder_sparse_step make dense layers of intermediate_size', () => {
    // One MoE block (1,614,809,088) becomes a dense MLP 3 × 2048 × 5120 = 31,457,280.
    const dense = 3 * 2048 * 5120;
    expect(countParams(parseHFConfig({ ...instruct, mlp_only_layers: [0] })).total).toBe(
      TOTAL - 1_614_809_088 + dense,
    );
    const everyOther = parseHFConfig({ ...instruct, decoder_sparse_step: 2 });
    expect(expandLayers(everyOther)[1]!.ffn.kind).toBe('moe');
    expect(countParams(everyOther).total).toBe(TOTAL - 24 * (1_614_809_088 - dense));
  });

  it('num_experts 0 makes every layer dense', () => {
    const spec = parseHFConfig({ ...instruct, num_experts: 0 });
    expect(spec.moe).toBeNull();
    expect(countParams(spec).total).toBe(TOTAL - 48 * (1_614_809_088 - 3 * 2048 * 5120));
  });

  it('attention_bias puts a bias on q (gate included), k, v and o', () => {
    const spec = parseHFConfig({ ...instruct, attention_bias: true });
    // 12 layers × (q 8192 + k 512 + v 512 + o 2048).
    expect(countParams(spec).total).toBe(TOTAL + 12 * (8192 + 512 + 512 + 2048));
  });
});

describe('parseQwen3Next refuses', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'a layer_types entry it does not know',
      { layer_types: Array<string>(48).fill('sliding_attention') },
      'layer_types[0]',
      '"linear_attention" or "full_attention"',
    ],
    [
      'a layer_types shorter than the layers',
      { layer_types: ['linear_attention', 'full_attention'] },
      'layer_types',
      'one entry per layer (num_hidden_layers 48)',
    ],
    [
      'value heads that are not a multiple of the key heads',
      { linear_num_value_heads: 24, linear_num_key_heads: 16 },
      'linear_num_value_heads',
      'a multiple of linear_num_key_heads (16)',
    ],
    [
      'kv heads that do not divide the heads',
      { num_key_value_heads: 3 },
      'num_key_value_heads',
      'a divisor of num_attention_heads (16)',
    ],
    [
      'a full_attention_interval of 0',
      { full_attention_interval: 0 },
      'full_attention_interval',
      'an integer >= 1',
    ],
    [
      'a missing num_experts_per_tok',
      { num_experts_per_tok: undefined },
      'num_experts_per_tok',
      'an integer >= 1',
    ],
  ];
  for (const [what, change, field, expected] of cases) {
    it(`${what} (${field})`, () => {
      const error = configErrorOf(() => parseHFConfig({ ...instruct, ...change }));
      expect(error.field).toBe(field);
      expect(error.expected).toBe(expected);
    });
  }
});

describe('Qwen3-Next-80B-A3B-Instruct checked against its checkpoint', () => {
  const tensors = qwen3NextTensors(QWEN3_NEXT_80B);

  it('75,944 tensors hold the count to the parameter; mtp.* (1,553 tensors) is a named extra', () => {
    const check = checkCheckpoint(tensors, countParams(parseHFConfig(instruct)), 48);
    expect(check).toMatchObject({
      tensors: 75_944,
      total: TOTAL,
      matches: true,
      differences: [],
      unknown: [],
    });
    expect(check.extras).toEqual([{ kind: 'mtp', tensors: 1553, elements: MTP }]);
    expect(check.total + check.extras[0]!.elements).toBe(CHECKPOINT_TOTAL);
  });

  it('with num_nextn_predict_layers 1 the counted MTP equals the stored mtp.* elements', () => {
    const count = countParams(parseHFConfig({ ...instruct, num_nextn_predict_layers: 1 }));
    const check = checkCheckpoint(tensors, count, 48);
    expect(check.matches).toBe(true);
    expect(check.extras[0]!.elements).toBe(count.mtp);
  });

  it('a checkpoint counted as dense q_proj (no output gate) would differ in attention by 12 × 8,388,608', () => {
    const count = countParams(parseHFConfig(instruct));
    const halfQ = tensors.map((t) =>
      /^model\.layers\.\d+\.self_attn\.q_proj\.weight$/.test(t.name)
        ? { ...t, shape: [t.shape[0]! / 2, t.shape[1]!] }
        : t,
    );
    expect(checkCheckpoint(halfQ, count, 48).differences).toEqual([
      { component: 'attention', parameters: -12 * 4096 * 2048 },
    ]);
  });
});
