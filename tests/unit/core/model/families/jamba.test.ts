import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCheckpoint } from '../../../../../src/lib/core/checkpoint/compare.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseJamba } from '../../../../../src/lib/core/model/families/jamba.ts';
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
import { JAMBA_1_5_MINI, jambaTensors } from '../../../helpers/jamba-nemotron-tensors.ts';

/** A real config.json from tests/fixtures/new-families (origins: docs/research/families/jamba.md). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const mini = newFamilyConfig('ai21-jamba-1.5-mini.config.json');
// Trimmed (jamba.md §4): no model_type, no mamba_d_conv / mamba_dt_rank (class defaults 4, "auto").
const v01 = { model_type: 'jamba', ...newFamilyConfig('jamba-v0.1.config.json') };

describe('parseJamba on the Jamba fixture configs, counted', () => {
  it('countParams(Jamba-1.5-Mini) is the exact 51,570,323,328; active 12,110,311,296', () => {
    const count = countParams(parseHFConfig(mini));
    // HF total of Jamba-v0.1, 51,570,323,328 (a project note quoting it, jamba.md §4); 1.5-Mini
    // has the same shapes; AI21: "52B total / 12B active" (Jamba and Jamba-1.5 papers).
    // 2·65,536·4,096 + 4,096 + 4 attention × 41,943,040 + 28 Mamba × 105,308,448 + 32 × 2·4,096
    // + 16 dense × 176,160,768 + 16 MoE × (65,536 + 16 × 176,160,768).
    expect(count.total).toBe(51_570_323_328);
    // 16 MoE layers × 14 idle experts × 176,160,768 fewer: both vocabulary tables counted.
    expect(count.active).toBe(51_570_323_328 - 16 * 14 * 176_160_768);
    expect(count.active).toBe(12_110_311_296);
    expect(count.activeExcludingEmbedding).toBe(11_841_875_840);
    expect(count.mtp).toBe(0);
    expect(count.breakdown.attention).toBe(4 * 41_943_040 + 28 * 105_308_448);
    expect(count.breakdown.router).toBe(16 * 16 * 4096);
  });

  it('the trimmed Jamba-v0.1 fixture, its gaps filled by JambaConfig defaults, reads as 1.5-Mini', () => {
    const a = parseHFConfig(v01);
    const b = parseHFConfig(mini);
    for (const key of ['attention', 'attentionPattern', 'stateMixer', 'moe', 'moeLayers'] as const)
      expect(a[key]).toEqual(b[key]);
    expect(a.stateMixer).toMatchObject({ convKernel: 4, dtRank: 256 });
  });
});

describe('parseJamba', () => {
  const spec = parseJamba(new ConfigReader(mini));

  it('reads attention on layers 4, 12, 20, 28 (no RoPE) and Mamba-1 elsewhere; experts on odd layers', () => {
    const layers = expandLayers(spec);
    expect(layers.filter((l) => l.mixer === 'attention').map((l) => l.index)).toEqual([
      4, 12, 20, 28,
    ]);
    expect(layers.filter((l) => l.mixer === 'state')).toHaveLength(28);
    expect(layers.every((l) => !l.kind.rope && l.ffn.kind !== 'none')).toBe(true);
    const moe = layers.filter((l) => l.ffn.kind === 'moe').map((l) => l.index);
    expect(moe).toEqual(Array.from({ length: 16 }, (_, i) => 2 * i + 1));
    expect(spec.attentionPattern).toHaveLength(8);
  });

  it('reads GQA 32/8 x 128 without bias, Mamba-1 with inner norms, a bias-free router', () => {
    expect(spec.attention).toMatchObject({ kind: 'gqa', heads: 32, kvHeads: 8, headDim: 128 });
    expect(spec.attention).toMatchObject({ qkvBias: false, outBias: false });
    expect(spec.stateMixer).toEqual({
      kind: 'mamba1',
      innerSize: 8192,
      stateSize: 16,
      convKernel: 4,
      dtRank: 256,
      convBias: true,
      projBias: false,
      innerNorms: true,
    });
    expect(spec.moe).toMatchObject({
      experts: 16,
      topK: 2,
      expert: { intermediateSize: 14336, gated: true },
      routerBias: false,
      scoreCorrectionBias: false,
      shared: null,
    });
  });

  it('keeps a Mamba state per sequence: conv 8192 x 3 in BF16, SSM 8192 x 16 in FP32', () => {
    // jamba.md §3: HF allocates conv [d_inner, d_conv] and SSM [d_inner, d_state]; the core keeps
    // d_conv − 1 conv columns (vLLM) and the SSM state in FP32: 8192·3·2 + 8192·16·4 = 573,440 B.
    expect(stateElements(spec.stateMixer!)).toEqual({ conv: 8192 * 3, state: 8192 * 16 });
    expect(stateBytesPerSequencePerLayer(spec.stateMixer!)).toBe(573_440);
    // 28 Mamba layers × 573,440 + 4 attention layers × 4,096 tokens × 2·8·128·2 B.
    expect(kvBytesPerSequence(spec, 4096, 'bf16', 'hybrid')).toBe(28 * 573_440 + 4 * 4096 * 4096);
  });

  it('mamba_dt_rank "auto" is ceil(hidden / 16); mamba_proj_bias adds in/out biases', () => {
    const auto = parseJamba(
      new ConfigReader({
        ...mini,
        mamba_dt_rank: 'auto',
        hidden_size: 4100,
        num_attention_heads: 20,
        num_key_value_heads: 4,
      }),
    );
    expect(auto.stateMixer).toMatchObject({ dtRank: 257, innerSize: 8200 });
    const biased = countParams(parseHFConfig({ ...mini, mamba_proj_bias: true }));
    // in_proj bias 2·8192 + out_proj bias 4096 on each of the 28 Mamba layers.
    expect(biased.total - 51_570_323_328).toBe(28 * (2 * 8192 + 4096));
  });

  it('layer_types, when present, names each layer; num_experts 1 makes every layer dense', () => {
    const types = Array.from({ length: 32 }, (_, i) => (i < 2 ? 'full_attention' : 'mamba'));
    const typed = expandLayers(parseHFConfig({ ...mini, layer_types: types }));
    expect(typed.filter((l) => l.mixer === 'attention').map((l) => l.index)).toEqual([0, 1]);
    const dense = parseHFConfig({ ...mini, num_experts: 1 });
    expect(dense.moe).toBeNull();
    expect(countParams(dense).total).toBe(51_570_323_328 - 16 * (65_536 + 15 * 176_160_768));
    const allAttention = parseHFConfig({ ...mini, layer_types: Array(32).fill('attention') });
    expect(allAttention.stateMixer).toBeNull();
  });

  it('refuses offsets at or past their period and malformed layer_types, naming the field', () => {
    expect(configErrorOf(() => parseHFConfig({ ...mini, attn_layer_offset: 8 })).field).toBe(
      'attn_layer_offset',
    );
    expect(configErrorOf(() => parseHFConfig({ ...mini, expert_layer_offset: 2 })).field).toBe(
      'expert_layer_offset',
    );
    expect(configErrorOf(() => parseHFConfig({ ...mini, layer_types: ['mamba'] })).field).toBe(
      'layer_types',
    );
    const bad = configErrorOf(() => parseHFConfig({ ...mini, layer_types: Array(32).fill('x') }));
    expect(bad.field).toBe('layer_types[0]');
    expect(configErrorOf(() => parseHFConfig({ ...mini, mamba_dt_rank: 'big' })).field).toBe(
      'mamba_dt_rank',
    );
    const { hidden_size: _, ...noHidden } = mini;
    expect(configErrorOf(() => parseHFConfig(noHidden)).field).toBe('hidden_size');
  });
});

describe('checkCheckpoint(Jamba-1.5-Mini)', () => {
  it('the checkpoint tensors hold the count to the parameter', () => {
    const count = countParams(parseHFConfig(mini));
    const check = checkCheckpoint(jambaTensors(JAMBA_1_5_MINI), count, 32);
    expect(check).toMatchObject({ matches: true, differences: [], extras: [], unknown: [] });
    expect(check.total).toBe(51_570_323_328);
  });
});
