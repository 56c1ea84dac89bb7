import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  archValues,
  ConfigError,
  countParams,
  isEdited,
  parseHFConfig,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));

describe('applyOverrides', () => {
  it('archValues reads the editable numbers of a spec', () => {
    expect(archValues(scout)).toEqual({
      layers: 48,
      hiddenSize: 5120,
      experts: 16,
      topK: 1,
      sharedExperts: 1,
      expertFfn: 8192,
      heads: 40,
      kvHeads: 8,
      headDim: 128,
      denseLayers: 0,
      moeStep: 1,
    });
  });

  it('top-2 on Scout adds one expert of 3 x 5120 x 8192 per MoE layer to active, nothing to total', () => {
    const edited = applyOverrides(scout, { topK: 2 });
    expect(countParams(edited).active - countParams(scout).active).toBe(48 * 125_829_120);
    expect(countParams(edited).total).toBe(countParams(scout).total);
    expect(isEdited(scout, edited)).toBe(true);
  });

  it('Maverick-style interleave on Scout makes every other layer dense (intermediate_size_mlp 16384)', () => {
    const edited = applyOverrides(scout, { moeStep: 2 });
    const layers = countParams(edited).layers;
    expect(
      layers
        .filter((l) => l.ffn === 'moe')
        .map((l) => l.index)
        .slice(0, 3),
    ).toEqual([1, 3, 5]);
    expect(layers[0]!.denseFfn).toBe(3 * 5120 * 16384);
  });

  it('adds shared experts to a model without them, with the width of a routed expert', () => {
    const edited = applyOverrides(mixtral, { sharedExperts: 1 });
    expect(edited.moe?.shared).toEqual({
      count: 1,
      mlp: { intermediateSize: 14336, gated: true, bias: false },
      gate: false,
    });
  });

  it('does not mutate its input', () => {
    const before = structuredClone(scout);
    applyOverrides(scout, { layers: 10, topK: 4, kvHeads: 4, experts: 32 });
    expect(scout).toEqual(before);
  });

  it.each([
    [{ topK: 17 }, 'num_experts_per_tok'],
    [{ kvHeads: 3 }, 'num_key_value_heads'],
    [{ layers: 0 }, 'layers'],
    [{ layers: 2.5 }, 'layers'],
    [{ denseLayers: 49 }, 'denseLayers'],
  ])('rejects %j naming %s', (overrides, field) => {
    try {
      applyOverrides(scout, overrides);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field).toBe(field);
    }
  });

  it('a dense prefix needs a dense MLP width: Mixtral has none', () => {
    expect(() => applyOverrides(mixtral, { denseLayers: 2 })).toThrow(ConfigError);
  });
});

describe('archValues', () => {
  it('archValues(DeepSeek-V3) reads MLA as KV heads = heads and head dim 128 + 64', () => {
    const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
    expect(archValues(deepseek)).toMatchObject({
      heads: 128,
      kvHeads: 128,
      headDim: 192, // qk_nope_head_dim + qk_rope_head_dim
      denseLayers: 3,
      experts: 256,
      topK: 8,
      sharedExperts: 1,
    });
  });

  it('archValues of a dense model has 0 experts, top-k and expert width', () => {
    const llama = parseHFConfig(fixtureConfig('llama3.1-8b'));
    expect(archValues(llama)).toMatchObject({
      experts: 0,
      topK: 0,
      sharedExperts: 0,
      expertFfn: 0,
    });
  });
});

describe('applyOverrides on dense models and MLA', () => {
  it('expert settings on a dense model are a ConfigError naming experts', () => {
    const llama = parseHFConfig(fixtureConfig('llama3.1-8b'));
    expect(() => applyOverrides(llama, { experts: 8 })).toThrow(ConfigError);
  });

  it('kvHeads and headDim leave MLA attention as it is', () => {
    const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
    expect(applyOverrides(deepseek, { kvHeads: 8, headDim: 64 }).attention).toEqual(
      deepseek.attention,
    );
  });

  it('sharedExperts 0 removes the shared expert (Scout: active falls by 3 x 5120 x 8192 per layer)', () => {
    const edited = applyOverrides(scout, { sharedExperts: 0 });
    expect(edited.moe?.shared).toBeNull();
    expect(countParams(scout).active - countParams(edited).active).toBe(48 * 125_829_120);
  });

  it('isEdited is false for an override that sets a value it already has', () => {
    expect(isEdited(scout, applyOverrides(scout, { topK: 1, layers: 48 }))).toBe(false);
  });
});

describe('applyOverrides at the limits', () => {
  it('an edit beyond a limit names it: "layers: expected at most 4,096, got 5000"', () => {
    expect(() => applyOverrides(scout, { layers: 5000 })).toThrow(
      /^layers: expected at most 4,096, got 5000$/,
    );
  });

  it('an edit at a limit is accepted', () => {
    expect(applyOverrides(scout, { experts: 65_536 }).moe?.experts).toBe(65_536);
  });
});
