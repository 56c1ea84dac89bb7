import { describe, expect, it } from 'vitest';
import {
  componentFormat,
  countParams,
  defaultWeightPlan,
  paramBytes,
  parseHFConfig,
  schemeFormat,
  weightBytes,
  weightPlan,
  type ParamComponent,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { fixtureConfig, moreModelConfig } from '../../helpers/fixtures.ts';

const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const gptOss20b = parseHFConfig(fixtureConfig('gpt-oss-20b'));
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));

describe('weight formats', () => {
  it('weightBytes(Mixtral 8x7B, bf16) is 2 bytes per parameter: 93,405,585,408', () => {
    expect(weightBytes(countParams(mixtral).breakdown, weightPlan('bf16')).total).toBe(
      93_405_585_408,
    );
  });

  it('gpt-oss defaults to MXFP4 experts and BF16 for everything quantization_config leaves alone', () => {
    expect(defaultWeightPlan(gptOss20b)).toEqual({
      linear: 'bf16',
      experts: 'mxfp4',
      embeddings: 'bf16',
      unquantized: 'bf16',
    });
  });

  it('DeepSeek-V3 defaults to FP8 Linear layers with BF16 embeddings', () => {
    expect(defaultWeightPlan(deepseek)).toEqual({
      linear: 'fp8',
      experts: 'fp8',
      embeddings: 'bf16',
      unquantized: 'bf16',
    });
  });

  it('gpt-oss-120b with MXFP4 experts is 60.7 GiB (model card: 60.8 GiB checkpoint)', () => {
    const spec = parseHFConfig({
      ...fixtureConfig('gpt-oss-20b'),
      num_hidden_layers: 36,
      num_local_experts: 128,
    });
    const bytes = weightBytes(countParams(spec).breakdown, defaultWeightPlan(spec)).total;
    expect(bytes / 2 ** 30).toBeCloseTo(60.7, 1);
  });
});

describe('weightPlan', () => {
  it.each([
    [
      'bf16',
      undefined,
      { linear: 'bf16', experts: 'bf16', embeddings: 'bf16', unquantized: 'bf16' },
    ],
    [
      'fp16',
      undefined,
      { linear: 'fp16', experts: 'fp16', embeddings: 'fp16', unquantized: 'fp16' },
    ],
    // Linear-only formats keep embeddings, norms and the router at BF16.
    ['fp8', undefined, { linear: 'fp8', experts: 'fp8', embeddings: 'bf16', unquantized: 'bf16' }],
    [
      'bf16',
      'mxfp4',
      { linear: 'bf16', experts: 'mxfp4', embeddings: 'bf16', unquantized: 'bf16' },
    ],
    // GGUF quantizes the embeddings too.
    [
      'q4_k_m',
      undefined,
      { linear: 'q4_k_m', experts: 'q4_k_m', embeddings: 'q4_k_m', unquantized: 'bf16' },
    ],
  ] as const)('weightPlan(%s, %s) is %j', (weights, experts, plan) => {
    expect(weightPlan(weights, experts)).toEqual(plan);
  });
});

describe('defaultWeightPlan', () => {
  it('defaultWeightPlan of an unquantized BF16 checkpoint (Mixtral) is BF16 throughout', () => {
    expect(defaultWeightPlan(mixtral)).toEqual(weightPlan('bf16'));
  });

  it('defaultWeightPlan of Kimi K2 Thinking: INT4 experts in groups of 32, the ignored attention and the rest BF16', () => {
    const thinking = parseHFConfig(moreModelConfig('kimi-k2-thinking'));
    const plan = defaultWeightPlan(thinking);
    expect(plan).toEqual({
      linear: 'bf16',
      experts: 'int4_g32',
      embeddings: 'bf16',
      unquantized: 'bf16',
    });
    // 60 MoE layers x 384 experts x 3 x 7,168 x 2,048 at 4.5 bits; every other weight 2 bytes
    const count = countParams(thinking);
    const routed = 60 * 384 * 3 * 7168 * 2048;
    expect(count.breakdown.routedExperts).toBe(routed);
    const rest = count.total - routed - count.breakdown.mtp;
    expect(weightBytes(count.breakdown, plan).total).toBe((routed * 4.5) / 8 + 2 * rest);
    expect(weightBytes(count.breakdown, plan).total / 1e9).toBeCloseTo(594.2, 1);
  });
});

describe('defaultWeightPlan of compressed-tensors checkpoints', () => {
  /** A BF16 config with compressed-tensors' config_groups. */
  const withGroups = (groups: unknown) => {
    const config = structuredClone(moreModelConfig('kimi-k2-thinking'));
    (config.quantization_config as Record<string, unknown>).config_groups = groups;
    return parseHFConfig(config);
  };

  it('reads the scheme of the first group with weights: W4A8 with 8-bit activations', () => {
    const spec = withGroups({
      group_0: {
        weights: { num_bits: 4, type: 'int', group_size: 128 },
        input_activations: { num_bits: 8, type: 'int' },
      },
    });
    expect(defaultWeightPlan(spec).experts).toBe('w4a8');
  });

  it('names a bad field of the scheme by its path when the weights are sized', () => {
    const spec = withGroups({ group_0: { weights: { num_bits: 'four' } } });
    expect(configErrorOf(() => defaultWeightPlan(spec)).field).toBe(
      'quantization_config.config_groups.group_0.weights.num_bits',
    );
  });
});

describe('defaultWeightPlan of GPTQ and AWQ checkpoints', () => {
  /** Mixtral's BF16 config with a GPTQ or AWQ quantization_config. */
  const quantized = (quantization: Record<string, unknown>) =>
    parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), quantization_config: quantization });

  it('sizes GPTQ Int8 at 8 bits, not as INT4 (quant_method alone said int4)', () => {
    const plan = defaultWeightPlan(quantized({ quant_method: 'gptq', bits: 8, group_size: 128 }));
    expect([plan.linear, plan.experts]).toEqual(['int8', 'int8']);
  });

  it('takes AWQ in groups of 32 as int4_g32, of 128 as int4, and an unknown width by its method', () => {
    const experts = (config: Record<string, unknown>) =>
      defaultWeightPlan(quantized({ quant_method: 'awq', ...config })).experts;
    expect(experts({ bits: 4, group_size: 32 })).toBe('int4_g32');
    expect(experts({ bits: 4, group_size: 128 })).toBe('int4');
    expect(experts({ bits: 3, group_size: 128 })).toBe('int4');
  });
});

describe('schemeFormat', () => {
  it.each([
    [{ bits: 4, type: 'int', groupSize: 32, activationBits: null }, 'int4_g32'], // Kimi K2 Thinking
    [{ bits: 4, type: 'int', groupSize: 128, activationBits: null }, 'int4'],
    [{ bits: 4, type: 'int', groupSize: 128, activationBits: 8 }, 'w4a8'],
    [{ bits: 4, type: 'float', groupSize: 16, activationBits: 4 }, 'nvfp4'],
    [{ bits: 4, type: 'float', groupSize: 32, activationBits: null }, 'mxfp4'],
    [{ bits: 8, type: 'float', groupSize: null, activationBits: 8 }, 'fp8'],
    [{ bits: 8, type: 'int', groupSize: null, activationBits: 8 }, 'int8'],
    [{ bits: 2, type: 'int', groupSize: 64, activationBits: null }, null],
  ] as const)('schemeFormat(%o) is %s', (scheme, format) => {
    expect(schemeFormat(scheme)).toBe(format);
  });
});

describe('componentFormat', () => {
  const plan = {
    linear: 'fp8',
    experts: 'mxfp4',
    embeddings: 'bf16',
    unquantized: 'fp32',
  } as const;
  it.each<[ParamComponent, string]>([
    ['routedExperts', 'mxfp4'],
    ['embedding', 'bf16'],
    ['lmHead', 'bf16'],
    ['norms', 'fp32'],
    ['router', 'fp32'],
    ['attention', 'fp8'],
    ['sharedExperts', 'fp8'],
    ['denseFfn', 'fp8'],
    ['vision', 'fp8'],
    ['mtp', 'fp8'],
  ])('componentFormat(%s) is %s', (component, format) => {
    expect(componentFormat(component, plan)).toBe(format);
  });
});

describe('paramBytes', () => {
  it.each([
    [3, 'bf16', 6],
    [1000, 'mxfp4', 532], // 1000 x 4.25 / 8 = 531.25, rounded up
    [32, 'q8_0', 34], // one block_q8_0: 34 bytes
    [16384, 'fp8', 16388], // one 128 x 128 block and its FP32 scale
  ] as const)('paramBytes(%i, %s) is %i', (params, format, bytes) => {
    expect(paramBytes(params, format)).toBe(bytes);
  });
});

describe('weightBytes', () => {
  it('weightBytes lists every component but mtp, and they add up to the total', () => {
    const { total, byComponent } = weightBytes(
      countParams(deepseek).breakdown,
      defaultWeightPlan(deepseek),
    );
    expect(Object.keys(byComponent)).not.toContain('mtp');
    expect(Object.values(byComponent).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('weightBytes(DeepSeek-V3, FP8 plan) stores the embedding in BF16: 2 x 129280 x 7168 bytes', () => {
    const { byComponent } = weightBytes(
      countParams(deepseek).breakdown,
      defaultWeightPlan(deepseek),
    );
    expect(byComponent.embedding).toBe(2 * 129280 * 7168);
  });
});
