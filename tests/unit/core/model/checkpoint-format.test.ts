import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../src/lib/core/model/config-reader.ts';
import { readQuantScheme } from '../../../../src/lib/core/model/checkpoint-format.ts';
import { configErrorOf } from '../../helpers/errors.ts';

/** The scheme of a compressed-tensors quantization_config with one group. */
const scheme = (group: unknown) =>
  readQuantScheme(
    new ConfigReader(
      { quant_method: 'compressed-tensors', config_groups: { group_0: group } },
      'quantization_config',
    ),
  );

describe('readQuantScheme', () => {
  it('reads the weights’ bits, type and group (Kimi K2 Thinking: 4-bit int in groups of 32, W4A16)', () => {
    expect(
      scheme({
        input_activations: null,
        targets: ['Linear'],
        weights: { num_bits: 4, type: 'int', group_size: 32, strategy: 'group' },
      }),
    ).toEqual({ bits: 4, type: 'int', groupSize: 32, activationBits: null });
  });

  it('takes the activations’ bits (W4A8) and a float type (NVFP4: groups of 16)', () => {
    expect(
      scheme({
        weights: { num_bits: 4, type: 'int', group_size: 128 },
        input_activations: { num_bits: 8, type: 'int' },
      }),
    ).toEqual({ bits: 4, type: 'int', groupSize: 128, activationBits: 8 });
    expect(
      scheme({
        weights: { num_bits: 4, type: 'float', group_size: 16 },
        input_activations: { num_bits: 4, type: 'float' },
      }),
    ).toEqual({ bits: 4, type: 'float', groupSize: 16, activationBits: 4 });
  });

  it('reads GPTQ’s and AWQ’s bits and group size; a group of -1 is one scale per channel', () => {
    const gptq = (config: Record<string, unknown>) =>
      readQuantScheme(new ConfigReader({ quant_method: 'gptq', ...config }, 'quantization_config'));
    expect(gptq({ bits: 8, group_size: 128, desc_act: false })).toEqual({
      bits: 8,
      type: 'int',
      groupSize: 128,
      activationBits: null,
    });
    expect(gptq({ bits: 4, group_size: -1 })?.groupSize).toBeNull();
    expect(configErrorOf(() => gptq({ bits: 0 })).field).toBe('quantization_config.bits');
  });

  it('is null without config_groups or a group with weights', () => {
    expect(readQuantScheme(new ConfigReader({ quant_method: 'fp8' }))).toBeNull();
    expect(scheme({ targets: ['Linear'] })).toBeNull();
  });

  it('names a bad field by its path', () => {
    expect(configErrorOf(() => scheme({ weights: { num_bits: 'four' } })).field).toBe(
      'quantization_config.config_groups.group_0.weights.num_bits',
    );
    expect(configErrorOf(() => scheme([1, 2])).field).toBe(
      'quantization_config.config_groups.group_0',
    );
  });
});
