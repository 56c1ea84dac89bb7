import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseGlm4Moe } from '../../../../../src/lib/core/model/families/glm4-moe.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';

/** A real config.json from tests/fixtures/new-families (origins: docs/research/families/glm4_moe*.md). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const glm47 = newFamilyConfig('glm-4.7.config.json');
const glm45Air = newFamilyConfig('glm-4.5-air.config.json');
const glm47Flash = newFamilyConfig('glm-4.7-flash.config.json');

// Published figures and the arithmetic that reproduces them: docs/research/families/glm4_moe.md
// and glm4_moe_lite.md, section 4. The Hub safetensors totals count the whole checkpoint: the main
// model, the MTP layer (model.layers.<L>.*: one MoE layer + eh_proj + 3 norms, our `mtp`) and, in
// these releases, the MTP layer's own embed_tokens and shared_head.head copies (2 x V x H), which
// the project counts nowhere (the main model's embedding and head are the same weights).
const cases = [
  {
    name: 'GLM-4.7',
    config: glm47,
    // main model: 2·151552·5120 embed+head + 3 dense layers × 325,083,392 + 89 MoE layers ×
    // 3,935,625,632 + final norm 5,120 (glm4_moe.md §4).
    total: 352_797_829_024,
    // one MoE layer 3,935,625,632 + eh_proj 2·5120² 52,428,800 + enorm, hnorm, shared_head.norm 3·5120.
    mtp: 3_988_069_792,
    // total − 89 MoE layers × (160 − 8) idle experts × 23,592,960 (3·5120·1536)
    //   = 352,797,829,024 − 319,165,562,880
    active: 352_797_829_024 - 89 * (160 - 8) * 23_592_960,
    copies: 2 * 151_552 * 5_120,
    // "358,337,791,296 parameters per HuggingFace safetensors metadata" (GLM-4.7; same figure for
    // GLM-4.5 in build_registry.py's "exact params from HF safetensors" table): glm4_moe.md §4.
    checkpoint: 358_337_791_296,
  },
  {
    name: 'GLM-4.5-Air',
    config: glm45Air,
    // 1 dense layer 243,554,304 + 45 MoE layers × 2,341,492,864 + embed+head 1,241,513,984 + 4,096;
    // also exactly the HF total of PrimeIntellect/INTELLECT-3, an Air fine-tune without the MTP layer.
    total: 106_852_251_264,
    // 2,341,492,864 + 2·4096² 33,554,432 + 3·4096
    mtp: 2_375_059_584,
    // total − 45 MoE layers × (128 − 8) × 17,301,504 (3·4096·1408) = 106,852,251,264 − 93,428,121,600
    active: 106_852_251_264 - 45 * (128 - 8) * 17_301_504,
    copies: 2 * 151_552 * 4_096,
    // HF safetensors total 110,468,824,832 (build_registry.py table; survey "GLM-4.5-Air
    // (110,468,824,832)"): glm4_moe.md §4.
    checkpoint: 110_468_824_832,
  },
  {
    name: 'GLM-4.7-Flash',
    config: glm47Flash,
    // 2·154880·2048 embed+head 634,388,480 + dense layer 0 84,677,888 + 46 MoE layers ×
    // 635,311,424 + final norm 2,048 (glm4_moe_lite.md §4).
    total: 29_943_393_920,
    // 635,311,424 + eh_proj 2·2048² 8,388,608 + 3·2048
    mtp: 643_706_176,
    // total − 46 MoE layers × (64 − 4) × 9,437,184 (3·2048·1536) = 29,943,393,920 − 26,046,627,840
    active: 29_943_393_920 - 46 * (64 - 4) * 9_437_184,
    copies: 2 * 154_880 * 2_048,
    // HF API safetensors.total 31,221,488,576 (model survey; the tensor listing's "参数总量"):
    // glm4_moe_lite.md §4.
    checkpoint: 31_221_488_576,
  },
];

describe('parseGlm4Moe on the GLM fixture configs, counted', () => {
  for (const c of cases) {
    it(`countParams(${c.name}) is the main model ${c.total}, MTP ${c.mtp} apart, active ${c.active}`, () => {
      const count = countParams(parseHFConfig(c.config));
      expect(count.total).toBe(c.total);
      expect(count.mtp).toBe(c.mtp);
      expect(count.active).toBe(c.active);
    });

    it(`countParams(${c.name}): total + mtp + the MTP layer's embedding and head copies is the published ${c.checkpoint}`, () => {
      const count = countParams(parseHFConfig(c.config));
      expect(count.total + count.mtp + c.copies).toBe(c.checkpoint);
    });
  }

  it('GLM-4.6 (every shape as GLM-4.7, no MTP embedding copies): total + mtp is the published 356,785,898,816', () => {
    // Audit table of HF safetensors totals (glm4_moe.md §4): 356,785,898,816 for zai-org/GLM-4.6.
    const count = countParams(parseHFConfig(glm47));
    expect(count.total + count.mtp).toBe(356_785_898_816);
  });

  it('active without the embedding and the lm_head is the "32B" and "12B" of the GLM-4.5 cards', () => {
    // GLM-4.5 README: "355B total / 32B active"; GLM-4.5-Air "106B total / 12B active".
    const withoutEmbeddings = (config: Record<string, unknown>) => {
      const count = countParams(parseHFConfig(config));
      return count.active - count.breakdown.embedding - count.breakdown.lmHead;
    };
    expect(withoutEmbeddings(glm47)).toBe(32_080_373_664);
    expect(withoutEmbeddings(glm45Air)).toBe(12_182_615_680);
  });
});

describe('parseGlm4Moe', () => {
  it('parseGlm4Moe(GLM-4.7) reads q/k/v biases but none on o, per-head q/k norms, head_dim 128', () => {
    const spec = parseGlm4Moe(new ConfigReader(glm47), 'glm4_moe');
    expect(spec.attention).toEqual({
      kind: 'gqa',
      heads: 96,
      kvHeads: 8,
      headDim: 128,
      qkvBias: true,
      outBias: false,
      fusedQkv: false,
      qkNorm: 'per-head',
      sinks: false,
    });
    expect(spec.moeLayers).toEqual({ firstDense: 3, step: 1, offset: 0, denseLayers: [] });
    expect(spec.moe).toMatchObject({
      experts: 160,
      topK: 8,
      scoreCorrectionBias: true,
      shared: { count: 1, mlp: { intermediateSize: 1536 }, gate: false },
      groupLimit: null,
    });
    expect(spec.mtp).toEqual({ modules: 1 });
  });

  it('parseGlm4Moe(GLM-4.5-Air) has no q/k norm (use_qk_norm false) and one dense layer', () => {
    const spec = parseGlm4Moe(new ConfigReader(glm45Air), 'glm4_moe');
    expect(spec.attention).toMatchObject({ kind: 'gqa', qkNorm: 'none', qkvBias: true });
    expect(spec.moeLayers.firstDense).toBe(1);
  });

  it('defaults as Glm4MoeConfig: first_k_dense_replace 1, n_shared_experts 1, no bias, no q/k norm', () => {
    const {
      first_k_dense_replace: _f,
      n_shared_experts: _s,
      attention_bias: _b,
      use_qk_norm: _q,
      ...rest
    } = glm47;
    const spec = parseHFConfig(rest);
    expect(spec.moeLayers.firstDense).toBe(1);
    expect(spec.moe?.shared?.count).toBe(1);
    expect(spec.attention).toMatchObject({ qkvBias: false, qkNorm: 'none' });
  });

  it('parseGlm4Moe(GLM-4.7-Flash) reads MLA attention and a dense layer 0', () => {
    const spec = parseGlm4Moe(new ConfigReader(glm47Flash), 'glm4_moe_lite');
    expect(spec.attention).toEqual({
      kind: 'mla',
      heads: 20,
      qLoraRank: 768,
      kvLoraRank: 512,
      qkNopeHeadDim: 192,
      qkRopeHeadDim: 64,
      vHeadDim: 256,
      bias: false,
    });
    expect(spec.moeLayers.firstDense).toBe(1);
    expect(spec.moe).toMatchObject({ experts: 64, topK: 4, shared: { count: 1 } });
  });

  it('glm4_moe_lite reads mlp_layer_types over first_k_dense_replace', () => {
    const types = ['dense', 'dense', ...Array<string>(45).fill('sparse')];
    const spec = parseHFConfig({ ...glm47Flash, mlp_layer_types: types });
    expect(spec.moeLayers).toMatchObject({ firstDense: 2, step: 1 });
    // Layer 1 turns dense: one MoE layer (635,311,424) fewer, one dense layer (84,677,888) more.
    expect(countParams(spec).total).toBe(29_943_393_920 - 635_311_424 + 84_677_888);
  });

  it('glm4_moe_lite refuses an mlp_layer_types entry other than "dense" or "sparse"', () => {
    const types = ['dense', 'moe', ...Array<string>(45).fill('sparse')];
    const error = configErrorOf(() => parseHFConfig({ ...glm47Flash, mlp_layer_types: types }));
    expect(error.field).toBe('mlp_layer_types[1]');
    expect(error.expected).toBe('"dense" or "sparse"');
  });

  it('glm4_moe_lite refuses an mlp_layer_types shorter than the layers', () => {
    const error = configErrorOf(() =>
      parseHFConfig({ ...glm47Flash, mlp_layer_types: ['dense', 'sparse'] }),
    );
    expect(error.field).toBe('mlp_layer_types');
  });

  it('q_lora_rank null projects queries directly (q_proj), as DeepSeek-V2-Lite', () => {
    const spec = parseHFConfig({ ...glm47Flash, q_lora_rank: null });
    expect(spec.attention).toMatchObject({ kind: 'mla', qLoraRank: null });
  });
});
