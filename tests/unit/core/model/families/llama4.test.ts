import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { parseLlama4 } from '../../../../../src/lib/core/model/families/llama4.ts';
import { parseHFConfig } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { fixtureConfig, fixtureIdsOfType } from '../../../helpers/fixtures.ts';
import {
  itMatchesExpectedParams,
  itMatchesMoreExpectedParams,
} from '../../../helpers/published-counts.ts';

const fixtures = fixtureIdsOfType('llama4', 'llama4_text');

/** Scout's config with `edit` applied to its text_config. */
function scoutWithText(edit: Record<string, unknown>): Record<string, unknown> {
  const config = fixtureConfig('llama4-scout');
  return { ...config, text_config: { ...(config.text_config as object), ...edit } };
}

describe('parseLlama4 on the Llama 4 fixture configs, counted', () => {
  it('the Llama 4 fixtures are Scout and Maverick', () => {
    expect(fixtures).toEqual({ models: ['llama4-maverick', 'llama4-scout'], moreModels: [] });
  });

  itMatchesExpectedParams(fixtures.models);
  itMatchesMoreExpectedParams(fixtures.moreModels);
});

describe('parseLlama4', () => {
  it('reads Llama 4 Scout: nested text_config, vision_config, chunked and NoPE layers', () => {
    const spec = parseHFConfig(fixtureConfig('llama4-scout'));
    expect(spec.family).toBe('llama4');
    expect(spec.hiddenSize).toBe(5120);
    expect(spec.vision?.layers).toBe(34);
    // no_rope_layers: 1,1,1,0 repeated: three chunked RoPE layers, then one global NoPE layer.
    expect(spec.attentionPattern).toEqual([
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'global' }, rope: false },
    ]);
    // moe_layers lists all 48 layers: the rule "every layer" fits it.
    expect(spec.moeLayers).toEqual({ firstDense: 0, step: 1, offset: 0, denseLayers: [] });
    expect(spec.attention).toMatchObject({
      kind: 'gqa',
      heads: 40,
      kvHeads: 8,
      headDim: 128,
      qkNorm: 'weightless',
    });
  });

  it('reads Llama 4 Maverick interleave_moe_layer_step 2 as MoE on odd layers', () => {
    const spec = parseHFConfig(fixtureConfig('llama4-maverick'));
    expect(spec.moeLayers).toEqual({ firstDense: 0, step: 2, offset: 1, denseLayers: [] });
    expect(spec.denseMlp?.intermediateSize).toBe(16384);
  });

  it('reads a bare llama4_text config without a vision tower', () => {
    const config = fixtureConfig('llama4-scout');
    const spec = parseHFConfig({ ...(config.text_config as object), model_type: 'llama4_text' });
    expect(spec.vision).toBeNull();
  });

  it('parseLlama4(top, text) reads the vision tower from the top-level config only', () => {
    const config = fixtureConfig('llama4-scout');
    const top = new ConfigReader(config);
    const spec = parseLlama4(top, top.child('text_config')!);
    expect(spec.vision).toMatchObject({
      kind: 'llama4',
      layers: 34,
      hiddenSize: 1408,
      patchSize: 14,
    });
    expect(spec.family).toBe('llama4');
  });

  it('without no_rope_layers every 4th layer is global NoPE (no_rope_layer_interval default 4)', () => {
    const spec = parseHFConfig(scoutWithText({ no_rope_layers: undefined }));
    expect(spec.attentionPattern).toEqual([
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'global' }, rope: false },
    ]);
  });

  it('reads Maverick use_qk_norm false as no q/k norm, and Scout true as a weightless L2 norm', () => {
    expect(parseHFConfig(fixtureConfig('llama4-maverick')).attention).toMatchObject({
      qkNorm: 'none',
    });
    expect(parseHFConfig(fixtureConfig('llama4-scout')).attention).toMatchObject({
      qkNorm: 'weightless',
    });
  });

  it('reads one shared expert as wide as a routed expert (intermediate_size 8192)', () => {
    expect(parseHFConfig(fixtureConfig('llama4-scout')).moe).toMatchObject({
      experts: 16,
      topK: 1,
      expert: { intermediateSize: 8192, gated: true, bias: false },
      shared: { count: 1, mlp: { intermediateSize: 8192, gated: true, bias: false }, gate: false },
    });
  });

  it('a llama4 config without text_config is a ConfigError naming text_config', () => {
    const { text_config: _, ...config } = fixtureConfig('llama4-scout');
    expect(configErrorOf(() => parseHFConfig(config)).field).toBe('text_config');
  });
});
