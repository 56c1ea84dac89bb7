import { describe, expect, it } from 'vitest';
import { parseHFConfig, presets, SUPPORTED_MODEL_TYPES } from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

// How each family's fields are read is tested next to its parser, in families/*.test.ts.
describe('parseHFConfig', () => {
  it('ignores unknown fields', () => {
    const config = {
      ...fixtureConfig('mixtral-8x7b'),
      some_future_field: { deeply: ['nested'] },
      auto_map: 'x',
    };
    expect(parseHFConfig(config).moe?.experts).toBe(8);
  });

  it('takes the name from _name_or_path or the option', () => {
    expect(
      parseHFConfig({
        ...fixtureConfig('mixtral-8x7b'),
        _name_or_path: 'mistralai/Mixtral-8x7B-v0.1',
      }).name,
    ).toBe('Mixtral-8x7B-v0.1');
    expect(parseHFConfig(fixtureConfig('mixtral-8x7b'), { name: 'M' }).name).toBe('M');
  });

  it('parseHFConfig without _name_or_path or a name option names the spec by its model_type', () => {
    expect(parseHFConfig(fixtureConfig('mixtral-8x7b')).name).toBe('mixtral');
  });

  it('parseHFConfig(config, { touched }) collects the dotted paths of the fields it reads, not of unknown fields', () => {
    const touched = new Set<string>();
    parseHFConfig({ ...fixtureConfig('llama4-scout'), unknown_field: 1 }, { touched });
    expect(touched).toContain('model_type');
    expect(touched).toContain('text_config.hidden_size');
    expect(touched).toContain('vision_config.patch_size');
    expect(touched).not.toContain('unknown_field');
  });

  it('SUPPORTED_MODEL_TYPES maps the 39 model_type values to their families (llama4_text to llama4)', () => {
    expect(Object.keys(SUPPORTED_MODEL_TYPES)).toHaveLength(39);
    expect(SUPPORTED_MODEL_TYPES.deepseek_v4).toBe('deepseek_v4');
    expect(SUPPORTED_MODEL_TYPES.qwen3_5_moe_text).toBe('qwen3_5_moe');
    expect(SUPPORTED_MODEL_TYPES.minimax_m1).toBe('minimax');
    expect(SUPPORTED_MODEL_TYPES.llama4_text).toBe('llama4');
    expect(SUPPORTED_MODEL_TYPES.qwen3_vl_moe).toBe('qwen3_vl_moe');
    expect(SUPPORTED_MODEL_TYPES.kimi_k2).toBe('kimi_k2');
  });

  it('parseHFConfig reads the config of every preset', () => {
    for (const preset of presets)
      expect(() => parseHFConfig(preset.config), preset.id).not.toThrow();
  });
});

describe('parseHFConfig errors name the field, the value and what is expected', () => {
  it('an unsupported model_type lists the supported ones', () => {
    const error = configErrorOf(() => parseHFConfig({ model_type: 'mamba' }));
    expect(error.field).toBe('model_type');
    expect(error.message).toContain('"mamba"');
    for (const type of Object.keys(SUPPORTED_MODEL_TYPES)) expect(error.message).toContain(type);
  });

  it('a missing field', () => {
    const { hidden_size: _, ...config } = fixtureConfig('mixtral-8x7b');
    expect(configErrorOf(() => parseHFConfig(config)).message).toBe(
      'hidden_size: expected an integer >= 1, got nothing (the field is missing)',
    );
  });

  it('a negative field inside text_config', () => {
    const config = fixtureConfig('llama4-scout');
    const bad = {
      ...config,
      text_config: { ...(config.text_config as object), num_local_experts: -16 },
    };
    expect(configErrorOf(() => parseHFConfig(bad)).message).toBe(
      'text_config.num_local_experts: expected an integer >= 1, got -16',
    );
  });

  it('top-k above the number of experts', () => {
    const config = { ...fixtureConfig('mixtral-8x7b'), num_experts_per_tok: 9 };
    expect(configErrorOf(() => parseHFConfig(config)).message).toContain(
      'num_experts_per_tok: expected at most the number of routed experts (8), got 9',
    );
  });

  it('a relation between fields inside text_config names the path it is at', () => {
    const config = fixtureConfig('llama4-scout');
    const bad = {
      ...config,
      text_config: { ...(config.text_config as object), num_experts_per_tok: 17 },
    };
    expect(configErrorOf(() => parseHFConfig(bad)).message).toBe(
      'text_config.num_experts_per_tok: expected at most the number of routed experts (16), got 17',
    );
  });

  it('a fractional or string size', () => {
    expect(
      configErrorOf(() => parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), hidden_size: 4096.5 }))
        .field,
    ).toBe('hidden_size');
    expect(
      configErrorOf(() => parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), hidden_size: '4096' }))
        .message,
    ).toContain('got "4096"');
  });

  it('not an object', () => {
    expect(configErrorOf(() => parseHFConfig([1, 2])).message).toContain(
      'config: expected a JSON object',
    );
    expect(configErrorOf(() => parseHFConfig(null)).field).toBe('config');
  });

  it('heads not divisible by KV heads', () => {
    const config = { ...fixtureConfig('mixtral-8x7b'), num_key_value_heads: 5 };
    expect(configErrorOf(() => parseHFConfig(config)).field).toBe('num_key_value_heads');
  });
});

describe('parseHFConfig on hostile names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'model_type %j is unsupported, not a crash',
    (name) => {
      const error = configErrorOf(() =>
        parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), model_type: name }),
      );
      expect(error.field).toBe('model_type');
    },
  );

  it('a "__proto__" torch_dtype or quant_method is not a weight format', () => {
    const spec = parseHFConfig({
      ...fixtureConfig('mixtral-8x7b'),
      torch_dtype: '__proto__',
      quantization_config: { quant_method: 'constructor' },
    });
    expect(spec.checkpoint.dtype).toBe('__proto__');
  });
});
