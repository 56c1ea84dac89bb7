import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import {
  ALL_LAYERS,
  GLOBAL,
  patternFromMoeLayers,
  readCheckpoint,
  readGqa,
  readHeadDim,
  readLayerTypes,
  shortestPeriod,
} from '../../../../../src/lib/core/model/families/common.ts';
import type { AttentionLayerKind } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { cpuNow } from '../../../helpers/cpu-clock.ts';

const sliding = (tokens: number): AttentionLayerKind => ({
  window: { kind: 'sliding', tokens },
  rope: true,
});

describe('readHeadDim', () => {
  it('readHeadDim defaults to hidden / heads: 4096 / 32 = 128 (models/llama)', () => {
    expect(readHeadDim(new ConfigReader({}), 4096, 32)).toBe(128);
  });

  it('readHeadDim prefers an explicit head_dim (gpt-oss: 64, not 2880 / 64 = 45)', () => {
    expect(readHeadDim(new ConfigReader({ head_dim: 64 }), 2880, 64)).toBe(64);
  });

  it('readHeadDim without head_dim when heads do not divide the hidden size names head_dim', () => {
    const error = configErrorOf(() => readHeadDim(new ConfigReader({}), 2880, 7));
    expect(error.field).toBe('head_dim');
    expect(error.expected).toBe('a head_dim (hidden_size 2880 is not divisible by 7 heads)');
  });
});

describe('readGqa', () => {
  it('readGqa defaults num_key_value_heads to num_attention_heads (MHA)', () => {
    const a = readGqa(new ConfigReader({ num_attention_heads: 16 }), 2048, {
      qkvBias: false,
      outBias: false,
    });
    expect(a).toEqual({
      kind: 'gqa',
      heads: 16,
      kvHeads: 16,
      headDim: 128,
      qkvBias: false,
      outBias: false,
      fusedQkv: false,
      qkNorm: 'none',
      sinks: false,
    });
  });

  it('readGqa with KV heads that do not divide the heads names num_key_value_heads', () => {
    const r = new ConfigReader({ num_attention_heads: 32, num_key_value_heads: 5 });
    const error = configErrorOf(() => readGqa(r, 4096, { qkvBias: false, outBias: false }));
    expect(error.field).toBe('num_key_value_heads');
    expect(error.message).toBe(
      'num_key_value_heads: expected a divisor of num_attention_heads (32), got 5',
    );
  });
});

describe('shortestPeriod', () => {
  it('shortestPeriod of gpt-oss sliding, full, sliding, full is [sliding, full]', () => {
    expect(shortestPeriod([sliding(128), GLOBAL, sliding(128), GLOBAL])).toEqual([
      sliding(128),
      GLOBAL,
    ]);
  });

  it('shortestPeriod keeps a pattern that does not repeat, and tells windows of different sizes apart', () => {
    expect(shortestPeriod([sliding(128), sliding(256)])).toEqual([sliding(128), sliding(256)]);
    expect(shortestPeriod([GLOBAL, GLOBAL, GLOBAL])).toEqual([GLOBAL]);
  });
});

describe('readLayerTypes', () => {
  it('readLayerTypes reads layer_types with sliding_window and attention_chunk_size', () => {
    const r = new ConfigReader({
      layer_types: ['chunked_attention', 'sliding_attention', 'full_attention'],
      sliding_window: 4096,
      attention_chunk_size: 8192,
    });
    expect(readLayerTypes(r, 3, () => GLOBAL)).toEqual([
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      sliding(4096),
      GLOBAL,
    ]);
  });

  it('readLayerTypes without layer_types uses the fallback, compressed to its period', () => {
    const fallback = (i: number) => (i % 2 === 0 ? sliding(128) : GLOBAL);
    expect(readLayerTypes(new ConfigReader({}), 6, fallback)).toEqual([sliding(128), GLOBAL]);
  });

  it('readLayerTypes with a sliding layer but no sliding_window names sliding_window', () => {
    const r = new ConfigReader({ layer_types: ['sliding_attention'] });
    expect(configErrorOf(() => readLayerTypes(r, 1, () => GLOBAL)).field).toBe('sliding_window');
  });
});

describe('patternFromMoeLayers', () => {
  it('patternFromMoeLayers(all 48 layers) is the rule "every layer" (Llama 4 Scout moe_layers)', () => {
    const all = Array.from({ length: 48 }, (_, i) => i);
    expect(patternFromMoeLayers('moe_layers', all, 48)).toEqual(ALL_LAYERS);
  });

  it('patternFromMoeLayers(1, 3, 5, ... 47) is step 2, offset 1 (Llama 4 Maverick)', () => {
    const odd = Array.from({ length: 24 }, (_, i) => 2 * i + 1);
    expect(patternFromMoeLayers('moe_layers', odd, 48)).toEqual({
      firstDense: 1,
      step: 2,
      offset: 1,
      denseLayers: [],
    });
  });

  it('patternFromMoeLayers of a list no rule fits lists every other layer as dense', () => {
    expect(patternFromMoeLayers('moe_layers', [1, 2, 5], 6)).toEqual({
      ...ALL_LAYERS,
      denseLayers: [0, 3, 4],
    });
  });

  it('patternFromMoeLayers names the index of a negative entry', () => {
    expect(configErrorOf(() => patternFromMoeLayers('moe_layers', [0, -2], 4)).field).toBe(
      'moe_layers[1]',
    );
  });
});

describe('readCheckpoint', () => {
  it('readCheckpoint reads torch_dtype, quant_method and modules_to_not_convert (gpt-oss)', () => {
    const r = new ConfigReader({
      torch_dtype: 'bfloat16',
      quantization_config: { quant_method: 'mxfp4', modules_to_not_convert: ['lm_head'] },
    });
    expect(readCheckpoint(r)).toEqual({
      dtype: 'bfloat16',
      quantMethod: 'mxfp4',
      notQuantized: ['lm_head'],
    });
  });

  it('readCheckpoint falls back to dtype, then to the inner config, and to ignored_layers', () => {
    expect(readCheckpoint(new ConfigReader({ dtype: 'float16' })).dtype).toBe('float16');
    const inner = new ConfigReader({ torch_dtype: 'bfloat16' });
    expect(readCheckpoint(new ConfigReader({}), inner).dtype).toBe('bfloat16');
    const fp8 = new ConfigReader({
      quantization_config: { quant_method: 'fp8', ignored_layers: ['lm_head'] },
    });
    expect(readCheckpoint(fp8).notQuantized).toEqual(['lm_head']);
  });

  it('readCheckpoint keeps a quantization_config that states a scheme, for the weights to read, and its ignore list (Kimi K2 Thinking)', () => {
    const groups = {
      group_0: {
        input_activations: null,
        targets: ['Linear'],
        weights: { num_bits: 4, type: 'int', group_size: 32, strategy: 'group' },
      },
    };
    const quantization = {
      quant_method: 'compressed-tensors',
      format: 'pack-quantized',
      config_groups: groups,
      ignore: ['lm_head', 're:.*self_attn.*'],
    };
    const r = new ConfigReader({ torch_dtype: 'bfloat16', quantization_config: quantization });
    expect(readCheckpoint(r)).toEqual({
      dtype: 'bfloat16',
      quantMethod: 'compressed-tensors',
      notQuantized: ['lm_head', 're:.*self_attn.*'],
      quantConfig: quantization,
    });
  });

  it('readCheckpoint of an unquantized config without a dtype is all null and empty', () => {
    expect(readCheckpoint(new ConfigReader({}))).toEqual({
      dtype: null,
      quantMethod: null,
      notQuantized: [],
    });
  });
});

describe('shortestPeriod over many layers', () => {
  /** The definition, checked one period at a time (quadratic): the reference. */
  const naive = (kinds: readonly AttentionLayerKind[]) => {
    for (let p = 1; p < kinds.length; p++)
      if (kinds.every((k, i) => JSON.stringify(k) === JSON.stringify(kinds[i % p]))) return p;
    return kinds.length;
  };

  it('shortestPeriod agrees with the definition on patterns of sliding and global layers', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const period = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        random() < 0.5 ? GLOBAL : sliding(128),
      );
      const length = Math.floor(random() * 40);
      const kinds = Array.from({ length }, (_, i) => period[i % period.length]!);
      expect(shortestPeriod(kinds)).toHaveLength(naive(kinds));
    }
  });

  it('finding 2: shortestPeriod of 4,096 layers that never repeat is linear, fast', () => {
    // The last layer differs: every candidate period fails only at the end (quadratic before).
    const kinds = [...Array.from({ length: 4095 }, () => GLOBAL), sliding(128)];
    const start = cpuNow();
    expect(shortestPeriod(kinds)).toHaveLength(4096);
    expect(cpuNow() - start).toBeLessThan(100);
  });

  it('patternFromMoeLayers ignores entries past the last layer, as modeling_llama4.py does', () => {
    expect(patternFromMoeLayers('moe_layers', [1, 3, 5, 7, 99], 8)).toEqual({
      firstDense: 1,
      step: 2,
      offset: 1,
      denseLayers: [],
    });
  });
});
