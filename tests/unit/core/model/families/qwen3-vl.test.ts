import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseQwen3VlMoe } from '../../../../../src/lib/core/model/families/qwen3-vl.ts';
import { countParams } from '../../../../../src/lib/core/params/count.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';

/** A real config.json from tests/fixtures/new-families (origins: docs/research/families/qwen3_vl_moe.md §4). */
function newFamilyConfig(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
    string,
    unknown
  >;
}

const vl30b = newFamilyConfig('qwen3-vl-30b-a3b-instruct.config.json');
const vl235b = newFamilyConfig('qwen3-vl-235b-a22b-instruct.config.json');

/** `config` with `edit` applied to one of its nested configs. */
function withNested(
  config: Record<string, unknown>,
  key: 'text_config' | 'vision_config',
  edit: Record<string, unknown>,
): Record<string, unknown> {
  return { ...config, [key]: { ...(config[key] as object), ...edit } };
}

describe('parseQwen3VlMoe on the Qwen3-VL-MoE fixture configs, counted', () => {
  it('countParams(Qwen3-VL-30B-A3B-Instruct) is the checkpoint total 31,070,754,032', () => {
    const count = countParams(parseHFConfig(vl30b));
    // Checkpoint total 31,070,754,032 (model-inspector report of Qwen/Qwen3-VL-30B-A3B-Instruct:
    // 13 files, 882 tensors, all bf16; docs/research/families/qwen3_vl_moe.md §4).
    expect(count.total).toBe(31_070_754_032);
    // Text = Qwen3-30B-A3B (tests/fixtures/expected-params.json): 30,532,122,624; vision
    // 1,770,624 + 2,654,208 + 27 × 15,239,504 + 30,679,808 + 3 × 30,686,720 = 538,631,408.
    expect(count.textTotal).toBe(30_532_122_624);
    expect(count.breakdown.vision).toBe(538_631_408);
    // Active (text only, README Conventions): textTotal − 48 MoE layers × (128 − 8) idle experts
    //   × 4,718,592 (3·2048·768) = 30,532,122,624 − 27,179,089,920 = 3,353,032,704.
    expect(count.active).toBe(3_353_032_704);
    expect(count.mtp).toBe(0);
  });

  it('countParams(Qwen3-VL-235B-A22B-Instruct) is the checkpoint total 235,670,022,896', () => {
    const count = countParams(parseHFConfig(vl235b));
    // Checkpoint total 235,670,022,896 (model-inspector report of
    // Qwen/Qwen3-VL-235B-A22B-Instruct: 96 files, 1,388 tensors, all bf16;
    // docs/research/families/qwen3_vl_moe.md §4).
    expect(count.total).toBe(235_670_022_896);
    // Text = Qwen3-235B-A22B's published total 235,093,634,560; vision 1,770,624 + 2,654,208
    // + 27 × 15,239,504 + 40,119,040 + 3 × 40,125,952 = 576,388,336.
    expect(count.textTotal).toBe(235_093_634_560);
    expect(count.breakdown.vision).toBe(576_388_336);
    // Active: 235,093,634,560 − 94 × (128 − 8) × 18,874,368 (3·4096·1536)
    //   = 235,093,634,560 − 212,902,871,040 = 22,190,763,520.
    expect(count.active).toBe(22_190_763_520);
  });

  it('the vision tower is in total, not in active', () => {
    const count = countParams(parseHFConfig(vl30b));
    expect(count.activeBreakdown.vision).toBe(0);
    expect(count.total - count.textTotal).toBe(count.breakdown.vision);
  });
});

describe('parseQwen3VlMoe', () => {
  it('reads the Qwen3-MoE text model from text_config and the vision tower from vision_config', () => {
    const spec = parseQwen3VlMoe(new ConfigReader(vl30b));
    expect(spec.family).toBe('qwen3_vl_moe');
    expect(spec.hiddenSize).toBe(2048);
    expect(spec.layers).toBe(48);
    expect(spec.attention).toMatchObject({ kind: 'gqa', heads: 32, kvHeads: 4, headDim: 128 });
    expect(spec.attention).toMatchObject({ qkNorm: 'per-head' });
    expect(spec.moe).toMatchObject({ experts: 128, topK: 8, shared: null });
    expect(spec.maxContextTokens).toBe(262_144);
    expect(spec.checkpoint.dtype).toBe('bfloat16');
    expect(spec.vision).toEqual({
      kind: 'qwen3_vl',
      layers: 27,
      hiddenSize: 1152,
      intermediateSize: 4304,
      patchSize: 16,
      temporalPatchSize: 2,
      channels: 3,
      positionEmbeddings: 2304,
      spatialMergeSize: 2,
      deepstackMergers: 3,
    });
  });

  it('takes the top-level tie_word_embeddings (the text config class defaults to true)', () => {
    expect(parseHFConfig(vl30b).tieEmbeddings).toBe(false);
    // A v5 dump writes text_config.tie_word_embeddings: true beside the top-level false; the
    // checkpoint ships lm_head.weight, so the top-level flag wins.
    const v5 = withNested(vl30b, 'text_config', { tie_word_embeddings: true });
    expect(parseHFConfig(v5).tieEmbeddings).toBe(false);
    expect(parseHFConfig({ ...vl30b, tie_word_embeddings: true }).tieEmbeddings).toBe(true);
  });

  it('reads a v5 dump that spells num_experts num_local_experts', () => {
    const text = { ...(vl30b.text_config as Record<string, unknown>) };
    delete text.num_experts;
    const spec = parseHFConfig({ ...vl30b, text_config: { ...text, num_local_experts: 128 } });
    expect(spec.moe?.experts).toBe(128);
  });

  it('refuses an out_hidden_size that is not the text hidden size', () => {
    const error = configErrorOf(() =>
      parseHFConfig(withNested(vl30b, 'vision_config', { out_hidden_size: 3584 })),
    );
    expect(error.field).toBe('vision_config.out_hidden_size');
  });

  it('refuses a config without vision_config or text_config, naming it', () => {
    const { vision_config: _v, ...noVision } = vl30b;
    expect(configErrorOf(() => parseHFConfig(noVision)).field).toBe('vision_config');
    const { text_config: _t, ...noText } = vl30b;
    expect(configErrorOf(() => parseHFConfig(noText)).field).toBe('text_config');
  });

  it('refuses a vision depth over the layer limit, naming vision_config.depth', () => {
    const error = configErrorOf(() =>
      parseHFConfig(withNested(vl30b, 'vision_config', { depth: 5000 })),
    );
    expect(error.field).toBe('vision_config.depth');
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(vl235b);
    parseHFConfig(vl235b);
    expect(JSON.stringify(vl235b)).toBe(before);
  });
});
