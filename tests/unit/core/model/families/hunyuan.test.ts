import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countParams, parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseHunyuanMoe } from '../../../../../src/lib/core/model/families/hunyuan.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';

/** Hunyuan-A13B-Instruct's config.json, verbatim (model_type "hunyuan"; docs/research/families/hunyuan_v1_moe.md). */
const a13b = JSON.parse(
  readFileSync(join(FIXTURES, 'new-families', 'hunyuan-a13b-instruct.config.json'), 'utf8'),
) as Record<string, unknown>;

describe('parseHunyuanMoe on Hunyuan-A13B, counted', () => {
  it('countParams(Hunyuan-A13B-Instruct) is the checkpoint total, 80,393,183,232', () => {
    const count = countParams(parseHFConfig(a13b));
    // 80,393,183,232: the safetensors headers' total as quoted in docs/research/families/hunyuan_v1_moe.md
    // section 4 (third-party article, find_string id 69713764538); the model card (GitHub README_CN.md)
    // says "800亿总参数" (80B). From the shapes: per layer attention 2·4096·4096 + 2·1024·4096 + 2·128
    // (q/k norms) = 41,943,296; 64 experts × 3·4096·3072 = 2,415,919,104; shared MLP 37,748,736;
    // router 64·4096 = 262,144; norms 8,192: 2,495,881,472. 32 layers = 79,868,207,104, + embedding
    // 128,167·4096 = 524,972,032 (tied: the lm_head is the same matrix) + final norm 4,096.
    expect(count.total).toBe(80_393_183_232);
    // Active, derived by hand: 56 of the 64 experts idle per layer: 80,393,183,232 − 32·56·37,748,736
    // (= 67,645,734,912) = 12,747,448,320; the tied matrix counts once (README, Conventions).
    // The card's headline is "130亿激活参数" (13B).
    expect(count.active).toBe(12_747_448_320);
    expect(count.activeExcludingEmbedding).toBe(12_747_448_320);
    expect(count.mtp).toBe(0);
  });

  it('reads the same checkpoint under the native model_type "hunyuan_v1_moe" to the same count', () => {
    const spec = parseHFConfig({ ...a13b, model_type: 'hunyuan_v1_moe' });
    expect(spec.family).toBe('hunyuan_v1_moe');
    expect(countParams(spec).total).toBe(80_393_183_232);
  });

  it('reads per-head q/k norms, experts of intermediate_size, one ungated shared MLP', () => {
    const spec = parseHunyuanMoe(new ConfigReader(a13b));
    expect(spec.attention).toMatchObject({
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      qkNorm: 'per-head',
    });
    expect(spec.moe).toMatchObject({
      experts: 64,
      topK: 8,
      expert: { intermediateSize: 3072 },
      routerBias: false,
      scoreCorrectionBias: false,
      shared: { count: 1, mlp: { intermediateSize: 3072 }, gate: false },
    });
    expect(spec.denseMlp).toBeNull();
    expect(spec.tieEmbeddings).toBe(true);
  });
});

describe('parseHunyuanMoe, the remote "hunyuan" config fields', () => {
  it('without use_qk_norm and use_mixed_mlp_moe: no q/k norms, no shared MLP', () => {
    const count = countParams(
      parseHFConfig({ ...a13b, use_qk_norm: false, use_mixed_mlp_moe: false }),
    );
    // 80,393,183,232 − 32·(2·128 + 37,748,736) = 80,393,183,232 − 1,207,967,744.
    expect(count.total).toBe(79_185_215_488);
  });

  it('the shared MLP is intermediate_size × num_shared_expert[0] wide', () => {
    const spec = parseHFConfig({ ...a13b, num_shared_expert: [2, 1] });
    expect(spec.moe?.shared?.mlp.intermediateSize).toBe(6144);
  });

  it('num_experts 1 makes every layer a dense MLP of intermediate_size', () => {
    const spec = parseHFConfig({ ...a13b, num_experts: 1 });
    expect(spec.moe).toBeNull();
    expect(spec.denseMlp).toEqual({ intermediateSize: 3072, gated: true, bias: false });
  });

  it('refuses cross-layer attention (use_cla), whose layers drop k_proj and v_proj', () => {
    expect(configErrorOf(() => parseHFConfig({ ...a13b, use_cla: true })).field).toBe('use_cla');
  });
});

describe('parseHunyuanMoe, the native "hunyuan_v1_moe" config fields', () => {
  const native = { ...a13b, model_type: 'hunyuan_v1_moe' };

  it('always has q/k norms and a shared MLP of intermediate_size (use_qk_norm, num_shared_expert unread)', () => {
    const spec = parseHFConfig({ ...native, use_qk_norm: false, num_shared_expert: [4] });
    expect(spec.attention).toMatchObject({ qkNorm: 'per-head' });
    expect(spec.moe?.shared?.mlp.intermediateSize).toBe(3072);
  });

  it('refuses a moe_topk that changes from layer to layer', () => {
    const moeTopk = Array.from({ length: 32 }, (_, i) => (i === 5 ? 4 : 8));
    expect(configErrorOf(() => parseHFConfig({ ...native, moe_topk: moeTopk })).field).toBe(
      'moe_topk',
    );
  });
});
