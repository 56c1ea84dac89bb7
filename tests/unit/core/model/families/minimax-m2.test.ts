import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseMinimaxM2 } from '../../../../../src/lib/core/model/families/minimax-m2.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';

/** A real config.json from tests/fixtures/new-families (origin: docs/research/families/minimax_m2.md). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const m27 = newFamilyConfig('minimax-m2.7.config.json');

describe('parseMinimaxM2 on the MiniMax-M2.7 fixture config, counted', () => {
  it('countParams(MiniMax-M2.7) is the published exact total 228,689,764,864, no MTP', () => {
    const count = countParams(parseHFConfig(m27));
    // HF API total of MiniMaxAI/MiniMax-M2.7 (and M2, M2.1: same shapes), llama.cpp
    // model_n_params 228689764864 (docs/research/families/minimax_m2.md §4): weights only.
    // The other published figure, 228,703,644,928 (an FP8 copy's tensor listing; M2.5 in an
    // audit table), adds the FP8 weight_scale_inv tensors, which are not parameters:
    // 62 layers × (attention 2,688 + 256 experts × 864) = 13,880,064 more.
    expect(count.total).toBe(228_689_764_864);
    expect(count.total + 62 * (2_688 + 256 * 864)).toBe(228_703_644_928);
    // use_mtp / num_mtp_modules 3 are advertised, but the checkpoint holds no MTP tensors.
    expect(count.mtp).toBe(0);
    // total − 62 MoE layers × (256 − 8) idle experts × 14,155,776 (3·3072·1536)
    //   = 228,689,764,864 − 217,659,211,776 = 11,030,553,088; without the embedding and the
    //   lm_head (2 × 200064·3072) 9,801,359,872, the card's "10B active".
    expect(count.active).toBe(228_689_764_864 - 62 * (256 - 8) * 14_155_776);
    expect(count.active - count.breakdown.embedding - count.breakdown.lmHead).toBe(9_801_359_872);
  });
});

describe('parseMinimaxM2', () => {
  it('parseMinimaxM2(MiniMax-M2.7) reads full-width q/k norms, 256 experts of intermediate_size, no dense MLP', () => {
    const spec = parseMinimaxM2(new ConfigReader(m27));
    expect(spec.attention).toEqual({
      kind: 'gqa',
      heads: 48,
      kvHeads: 8,
      headDim: 128,
      qkvBias: false,
      outBias: false,
      fusedQkv: false,
      qkNorm: 'full',
      sinks: false,
    });
    expect(spec.denseMlp).toBeNull();
    expect(spec.moe).toMatchObject({
      experts: 256,
      topK: 8,
      expert: { intermediateSize: 1536, gated: true, bias: false },
      scoreCorrectionBias: true,
      shared: null,
    });
    expect(spec.mtp).toBeNull();
    expect(spec.checkpoint.quantMethod).toBe('fp8');
  });

  it('refuses an attn_type_list with a lightning-attention layer (0)', () => {
    const types = Array<number>(62).fill(1);
    types[7] = 0;
    const error = configErrorOf(() => parseHFConfig({ ...m27, attn_type_list: types }));
    expect(error.field).toBe('attn_type_list[7]');
  });

  it('use_qk_norm false drops the q/k norms; use_routing_bias false the correction bias', () => {
    const spec = parseHFConfig({ ...m27, use_qk_norm: false, use_routing_bias: false });
    expect(spec.attention).toMatchObject({ qkNorm: 'none' });
    expect(spec.moe?.scoreCorrectionBias).toBe(false);
    // 62 × (q_norm 6,144 + k_norm 1,024 + 256 bias values) fewer.
    expect(countParams(spec).total).toBe(228_689_764_864 - 62 * (6_144 + 1_024 + 256));
  });
});
