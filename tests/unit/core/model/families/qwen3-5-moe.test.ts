import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCheckpoint,
  countParams,
  expandLayers,
  parseHFConfig,
} from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';
import { qwen35Tensors } from '../../../helpers/qwen35-checkpoint-tensors.ts';

/** Qwen/Qwen3.6-35B-A3B's config.json (origin: docs/research/families/qwen3_5_moe.md §1). */
const config = JSON.parse(
  readFileSync(join(FIXTURES, 'new-families', 'qwen3.6-35b-a3b.config.json'), 'utf8'),
) as Record<string, unknown> & { text_config: Record<string, unknown> };
const text = config.text_config;

// Hand-derived in qwen3_5_moe.md §2 from the tensor table, V 248,320, H 2048, 40 layers:
// 10 gated-attention layers × 27,263,488 + 30 Gated DeltaNet layers × 33,718,464
// + 40 MoE blocks × (805,306,368 experts + 524,288 router + 3,147,776 shared and its gate)
// + 40 × 2 norms × 2048 + embed and lm_head 2 × 508,559,360 + final norm 2048.
const TEXT = 34_660_610_688;
// model.visual.*: Qwen3-VL's tower, 27 blocks of 1152, no deepstack mergers (§2f).
const VISION = 446_571_248;
// mtp.*: one gated-attention MoE layer, fc 2 × 2048², three norms (§2e).
const MTP = 844_640_768;
// Qwen/Qwen3.6-35B-A3B@995ad96: "safetensors.total=35951822704"; the listing of
// Qwen3.5-35B-A3B's 14 shards: "参数总量: 35,951,822,704" (§3).
const CHECKPOINT = 35_951_822_704;

describe('parseQwen35Moe on Qwen3.6-35B-A3B, counted', () => {
  const count = countParams(parseHFConfig(config));

  it(`text ${TEXT} + vision ${VISION}; mtp ${MTP} apart; together the published checkpoint total`, () => {
    expect(count.total).toBe(TEXT + VISION);
    expect(count.breakdown.vision).toBe(VISION);
    expect(count.mtp).toBe(MTP);
    expect(count.total + count.mtp).toBe(CHECKPOINT);
  });

  it('the parts: mixers 10 × 27,263,488 + 30 × 33,718,464; experts 40 × 256 × 3 × 2048 × 512', () => {
    expect(count.breakdown.attention).toBe(10 * 27_263_488 + 30 * 33_718_464);
    expect(count.breakdown.routedExperts).toBe(40 * 256 * 3 * 2048 * 512);
    expect(count.breakdown.denseFfn).toBe(0);
    // Active on a text token: the text model with 8 of 256 experts a layer, 3,454,988,928
    // (embedding and head included; the card says "35B in total and 3B activated").
    expect(count.active).toBe(TEXT - 40 * 248 * 3 * 2048 * 512);
    expect(count.active).toBe(3_454_988_928);
  });

  it('the text model alone (qwen3_5_moe_text, as Qwen3_5MoeForCausalLM reads it) is the text count', () => {
    const alone = countParams(parseHFConfig(text));
    expect(alone.total).toBe(TEXT);
    expect(alone.mtp).toBe(MTP);
    expect(parseHFConfig(text).vision).toBeNull();
  });

  it('every 4th layer is gated attention, every layer MoE, whatever a stray field says', () => {
    const spec = parseHFConfig(config);
    const layers = expandLayers(spec);
    expect(layers.filter((l) => l.mixer === 'attention').map((l) => l.index)).toEqual(
      Array.from({ length: 10 }, (_, k) => 4 * k + 3),
    );
    expect(layers.every((l) => l.ffn.kind === 'moe')).toBe(true);
    // The modular file deletes decoder_sparse_step and mlp_only_layers (AttributeError()).
    const stray = {
      ...text,
      decoder_sparse_step: 2,
      mlp_only_layers: [0],
      intermediate_size: 1024,
    };
    expect(countParams(parseHFConfig({ ...config, text_config: stray })).total).toBe(TEXT + VISION);
    expect(spec.family).toBe('qwen3_5_moe');
  });
});

describe('Qwen3.5-35B-A3B checked against its checkpoint', () => {
  it('1,811 tensors hold the count to the parameter; mtp.* (785 tensors) is a named extra', () => {
    const check = checkCheckpoint(qwen35Tensors(), countParams(parseHFConfig(config)), 40);
    expect(check).toMatchObject({
      tensors: 1811,
      total: TEXT + VISION,
      matches: true,
      differences: [],
      unknown: [],
    });
    expect(check.extras).toEqual([{ kind: 'mtp', tensors: 785, elements: MTP }]);
  });
});

describe('parseQwen35Moe refuses', () => {
  it('a qwen3_5_moe config without text_config', () => {
    const { text_config: _t, ...flat } = config;
    const error = configErrorOf(() => parseHFConfig(flat));
    expect(error.field).toBe('text_config');
  });

  it('a text model without routed experts', () => {
    const { num_experts: _e, ...rest } = text;
    const error = configErrorOf(() => parseHFConfig({ ...config, text_config: rest }));
    expect([error.field, error.expected]).toEqual([
      'text_config.num_experts',
      'the routed experts per layer',
    ]);
  });

  it('a vision merger that does not project to the text width', () => {
    const vision = { ...(config.vision_config as object), out_hidden_size: 3072 };
    const error = configErrorOf(() => parseHFConfig({ ...config, vision_config: vision }));
    expect([error.field, error.expected]).toEqual([
      'vision_config.out_hidden_size',
      'text_config.hidden_size (2048)',
    ]);
  });
});
