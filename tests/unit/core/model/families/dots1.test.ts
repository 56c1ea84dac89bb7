import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseDots1 } from '../../../../../src/lib/core/model/families/dots1.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';

/** A real config.json from tests/fixtures/new-families (origins: docs/research/families/dots1.md). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const base = newFamilyConfig('dots.llm1.base.config.json');
const inst = newFamilyConfig('dots.llm1.inst.config.json');

describe('parseDots1 on the dots.llm1 fixture configs, counted', () => {
  for (const [name, config] of [
    ['dots.llm1.base', base],
    ['dots.llm1.inst', inst],
  ] as const) {
    it(`countParams(${name}) is the published exact total 142,774,381,696, no MTP`, () => {
      const count = countParams(parseHFConfig(config));
      // "BF16 parameters from Hub safetensors metadata": 142,774,381,696 (DinoML
      // agents/plans/transformers/dots1/report.md; docs/research/families/dots1.md §4): weights
      // 142,774,373,888 + 61 MoE layers × 128 e_score_correction_bias values (7,808), a buffer the
      // checkpoint stores and the project counts (README, Conventions). inst has the same shapes
      // (its config differs only in eos_token_id).
      expect(count.total).toBe(142_774_381_696);
      expect(count.mtp).toBe(0);
      // total − 61 MoE layers × (128 − 6) idle experts × 17,301,504 (3·4096·1408)
      //   = 142,774,381,696 − 128,757,792,768 = 14,016,588,928 (the "14B activated" of the card).
      expect(count.active).toBe(142_774_381_696 - 61 * (128 - 6) * 17_301_504);
    });
  }
});

describe('parseDots1', () => {
  it('parseDots1(dots.llm1) reads MHA 32/32 with per-head q/k norms, 2 shared experts, 1 dense layer', () => {
    const spec = parseDots1(new ConfigReader(base));
    expect(spec.attention).toEqual({
      kind: 'gqa',
      heads: 32,
      kvHeads: 32,
      headDim: 128,
      qkvBias: false,
      outBias: false,
      fusedQkv: false,
      qkNorm: 'per-head',
      sinks: false,
    });
    expect(spec.moe).toMatchObject({
      experts: 128,
      topK: 6,
      expert: { intermediateSize: 1408 },
      scoreCorrectionBias: true,
      shared: { count: 2, mlp: { intermediateSize: 1408 }, gate: false },
    });
    expect(spec.moeLayers.firstDense).toBe(1);
    expect(spec.attentionPattern).toEqual([{ window: { kind: 'global' }, rope: true }]);
    expect(spec.mtp).toBeNull();
  });

  it('attention_bias puts a bias on q, k, v and o (Qwen3 attention)', () => {
    const spec = parseDots1(new ConfigReader({ ...base, attention_bias: true }));
    expect(spec.attention).toMatchObject({ qkvBias: true, outBias: true });
  });

  it('a sliding_window slides layers >= max_window_layers', () => {
    const spec = parseHFConfig({ ...base, sliding_window: 4096, max_window_layers: 60 });
    expect(spec.attentionPattern.length).toBe(62);
    expect(spec.attentionPattern[59]).toEqual({ window: { kind: 'global' }, rope: true });
    expect(spec.attentionPattern[60]).toEqual({
      window: { kind: 'sliding', tokens: 4096 },
      rope: true,
    });
  });

  it('n_shared_experts is required: the config class default (None) builds no model', () => {
    const { n_shared_experts: _, ...rest } = base;
    expect(configErrorOf(() => parseHFConfig(rest)).field).toBe('n_shared_experts');
  });
});
