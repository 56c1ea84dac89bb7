import { describe, expect, it } from 'vitest';
import {
  findDevice,
  findPreset,
  presetSpec,
  resolveServing,
  sglangFusionEra,
  sglangFusions,
  type EngineId,
  type ServingOptions,
  type SglangFusionEra,
} from '../../../../src/lib/core/index.ts';

/** A deployment of a preset on `gpus` of a device at tensor parallelism `tp`, under an engine. */
function deployment(
  id: string,
  gpu: string,
  engine: EngineId = 'sglang',
  extra: Partial<ServingOptions> & { era?: SglangFusionEra } = {},
) {
  const { era, ...options } = extra;
  return resolveServing(presetSpec(findPreset(id)!), {
    device: findDevice(gpu)!,
    devices: 8,
    tp: 8,
    weights: 'fp8',
    contextTokens: 2048,
    batch: 8,
    ...options,
    memory: { engine, ...(era ? { sglangFusions: era } : {}), ...options.memory },
  }).deployment;
}

describe('sglangFusionEra', () => {
  it.each([
    // server_args.py and models/deepseek_v2.py at the releases that changed the defaults
    [0, 4, 6, 'none'],
    [0, 4, 7, 'shared-expert'], // PR #6736, 2025-06-04
    [0, 4, 10, 'shared-expert'],
    [0, 5, 0, 'sm100-gpt-oss'], // PR #9202, 2025-08-14
    [0, 5, 3, 'sm100-gpt-oss'],
    [0, 5, 4, 'sm100-deepseek'], // PR #11512, 2025-10-12
    [0, 5, 6, 'sm100-deepseek'],
    [0, 5, 7, 'hopper-blackwell'], // PR #14764, 2025-12-14, after 0.5.6.post2
    [0, 5, 19, 'hopper-blackwell'],
    [1, 0, 0, 'hopper-blackwell'],
  ] as const)('%i.%i.%i fuses as %s', (major, minor, patch, era) => {
    expect(sglangFusionEra(major, minor, patch)).toBe(era);
  });
});

describe('sglangFusions', () => {
  it('fuses DeepSeek-V3’s shared expert and its all-reduce with the norms on 8 x B200 and H200', () => {
    expect(sglangFusions(deployment('deepseek-v3', 'b200'), 8)).toEqual({
      sharedExpert: true,
      allReduceNorm: true,
    });
    expect(sglangFusions(deployment('deepseek-v3', 'h200'), 8)).toEqual({
      sharedExpert: true,
      allReduceNorm: true,
    });
  });

  it('fuses nothing under another engine', () => {
    for (const engine of ['vllm', 'trtllm'] as const)
      expect(sglangFusions(deployment('deepseek-v3', 'b200', engine), 8)).toEqual({
        sharedExpert: false,
        allReduceNorm: false,
      });
  });

  it('leaves the all-reduce apart on the H20 (flashinfer #2204), over two nodes, past 2,048 tokens', () => {
    expect(sglangFusions(deployment('deepseek-v3', 'h20'), 8).allReduceNorm).toBe(false);
    const twoNodes = deployment('deepseek-v3', 'h100-sxm', 'sglang', {
      devices: 16,
      tp: 16,
      nodes: 2,
    });
    expect(sglangFusions(twoNodes, 8)).toEqual({ sharedExpert: true, allReduceNorm: false });
    expect(sglangFusions(deployment('deepseek-v3', 'b200'), 2048).allReduceNorm).toBe(true);
    expect(sglangFusions(deployment('deepseek-v3', 'b200'), 2049).allReduceNorm).toBe(false);
  });

  it('leaves both apart under DP attention with expert parallelism on NVIDIA, fuses the shared expert on AMD', () => {
    const dpAttention = { tp: 1, ep: 8 };
    expect(sglangFusions(deployment('deepseek-v3', 'h200', 'sglang', dpAttention), 8)).toEqual({
      sharedExpert: false,
      allReduceNorm: false,
    });
    expect(sglangFusions(deployment('deepseek-v3', 'mi300x', 'sglang', dpAttention), 8)).toEqual({
      sharedExpert: true,
      allReduceNorm: false,
    });
  });

  it('fuses the shared expert only for DeepSeek-V3’s 256 experts and one shared, not W4AFP8', () => {
    // Kimi K2: DeepseekV3ForCausalLM with 384 experts; its all-reduce fuses all the same
    expect(sglangFusions(deployment('kimi-k2', 'b200'), 8)).toEqual({
      sharedExpert: false,
      allReduceNorm: true,
    });
    const w4a8 = deployment('deepseek-v3', 'h200', 'sglang', { expertWeights: 'w4a8' });
    expect(sglangFusions(w4a8, 8).sharedExpert).toBe(false);
  });

  it('fuses the all-reduce for four architectures from 0.5.7, on SM100 alone before', () => {
    for (const id of ['gpt-oss-120b', 'glm-4.7', 'qwen3-235b-a22b'])
      expect(sglangFusions(deployment(id, 'h200', 'sglang', { weights: 'bf16' }), 8)).toEqual({
        sharedExpert: false,
        allReduceNorm: true,
      });
    // Llama 4 is not among them
    expect(sglangFusions(deployment('llama4-maverick', 'b200'), 8).allReduceNorm).toBe(false);
    const at = (id: string, gpu: string, era: SglangFusionEra) =>
      sglangFusions(deployment(id, gpu, 'sglang', { era, weights: 'bf16' }), 8).allReduceNorm;
    expect(at('deepseek-v3', 'b200', 'sm100-deepseek')).toBe(true);
    expect(at('deepseek-v3', 'h200', 'sm100-deepseek')).toBe(false);
    expect(at('glm-4.7', 'b200', 'sm100-deepseek')).toBe(false);
    expect(at('gpt-oss-120b', 'b200', 'sm100-gpt-oss')).toBe(true);
    expect(at('deepseek-v3', 'b200', 'sm100-gpt-oss')).toBe(false);
    expect(at('deepseek-v3', 'b200', 'shared-expert')).toBe(false);
  });

  it('fuses nothing before 0.4.7', () => {
    expect(sglangFusions(deployment('deepseek-v3', 'b200', 'sglang', { era: 'none' }), 8)).toEqual({
      sharedExpert: false,
      allReduceNorm: false,
    });
  });
});
