import { describe, expect, it } from 'vitest';
import {
  blockScaledGemmsPerLayer,
  CDNA3_BLOCK_SCALED_GEMM_SECONDS,
  countParams,
  deviceBlockScaledGemmSeconds,
  deviceInt4ExpertBandwidth,
  findDevice,
  findPreset,
  gemmsPerLayer,
  hasBlockScaledGemms,
  kernelsPerLayer,
  KERNEL_SECONDS,
  presetSpec,
  resolveServing,
  stageOverheadSeconds,
  stageKernels,
  deploymentKernelsPerLayer,
  W4A16_MOE_BANDWIDTH_SHARE,
  weightPlan,
  type WeightPlan,
} from '../../../../src/lib/core/index.ts';

/** Kernels of layer `index` of a preset. */
function kernelsOf(id: string, index: number): number {
  const spec = presetSpec(findPreset(id)!);
  const layer = countParams(spec).layers[index]!;
  return kernelsPerLayer(spec, spec.attentionPattern[index % spec.attentionPattern.length]!, layer);
}

describe('kernelsPerLayer', () => {
  it.each([
    // [preset, layer, kernels, why]
    ['llama3.1-8b', 0, 9, 'GQA 5 (norm, qkv, rope, attention, o_proj) + dense FFN 4'],
    ['llama4-scout', 0, 17, 'GQA with its L2 q/k norm 6 + routed experts 8 + shared expert 3'],
    ['gpt-oss-120b', 0, 13, 'GQA 5 (sinks live in the attention kernel) + routed experts 8'],
    ['qwen3-30b-a3b', 0, 14, 'GQA with a per-head q/k norm 6 + routed experts 8'],
    ['deepseek-v3', 0, 15, 'MLA 11 + dense FFN 4 (first_k_dense_replace = 3)'],
    ['deepseek-v3', 3, 22, 'MLA 11 + routed experts 8 + shared expert 3'],
  ])('%s layer %i launches %i kernels: %s', (id, index, kernels) => {
    expect(kernelsOf(id, index)).toBe(kernels);
  });

  it('gives a step of DeepSeek-V3 at batch 1 a fixed 61-layer floor of 1.3 ms at 5 us a kernel', () => {
    // 3 dense layers x 15 + 58 MoE layers x 22 = 1,321 kernels
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const { layers } = countParams(spec);
    const total = layers.reduce(
      (sum, l, i) =>
        sum + kernelsPerLayer(spec, spec.attentionPattern[i % spec.attentionPattern.length]!, l),
      0,
    );
    expect(total).toBe(1321);
    expect(total * KERNEL_SECONDS).toBeCloseTo(6.605e-3, 12);
  });
});

/** GEMMs of layer `index` of a preset. */
function gemmsOf(id: string, index: number) {
  const spec = presetSpec(findPreset(id)!);
  const layer = countParams(spec).layers[index]!;
  return gemmsPerLayer(spec, spec.attentionPattern[index % spec.attentionPattern.length]!, layer);
}

describe('gemmsPerLayer', () => {
  it.each([
    // [preset, layer, linear, experts, why]
    ['llama3.1-8b', 0, 4, 0, 'qkv, o_proj; gate_up, down'],
    ['llama4-scout', 0, 4, 2, 'qkv, o_proj; the shared expert’s two; the routed experts’ two'],
    ['gpt-oss-120b', 0, 2, 2, 'qkv, o_proj; the routed experts’ two'],
    ['deepseek-v3', 0, 5, 0, 'fused q_a/kv_a, q_b, o_proj; the dense FFN’s two'],
    [
      'deepseek-v3',
      3,
      5,
      2,
      'fused q_a/kv_a, q_b, o_proj; the shared expert’s two; the routed two',
    ],
  ])('%s layer %i: %i linear, %i expert GEMMs (%s)', (id, index, linear, experts) => {
    expect(gemmsOf(id, index)).toEqual({ linear, experts });
  });
});

describe('blockScaledGemmsPerLayer', () => {
  const spec = presetSpec(findPreset('deepseek-v3')!);
  const layers = countParams(spec).layers;
  const total = (plan: WeightPlan) =>
    layers.reduce(
      (sum, l, i) =>
        sum +
        blockScaledGemmsPerLayer(
          spec,
          spec.attentionPattern[i % spec.attentionPattern.length]!,
          l,
          plan,
        ),
      0,
    );

  it('counts 421 in DeepSeek-V3 at FP8 (3 dense layers x 5 + 58 MoE layers x 7), none at BF16', () => {
    expect(total(weightPlan('fp8'))).toBe(421);
    expect(total(weightPlan('bf16'))).toBe(0);
    expect(hasBlockScaledGemms(weightPlan('bf16'))).toBe(false);
  });

  it('counts only the experts’ under BF16 linear layers and MXFP4 experts (gpt-oss’s checkpoint)', () => {
    // 58 MoE layers x 2 grouped GEMMs
    expect(total(weightPlan('bf16', 'mxfp4'))).toBe(116);
    expect(hasBlockScaledGemms(weightPlan('bf16', 'mxfp4'))).toBe(true);
  });
});

describe('deviceBlockScaledGemmSeconds', () => {
  it('is 27 us on AMD CDNA3 (MI300X, MI325X), from aiter PR #1930’s TPOTs, and 0 elsewhere', () => {
    expect(deviceBlockScaledGemmSeconds('mi300x')).toBe(27e-6);
    expect(deviceBlockScaledGemmSeconds('mi325x')).toBe(27e-6);
    expect(deviceBlockScaledGemmSeconds('mi355x')).toBe(0);
    expect(deviceBlockScaledGemmSeconds('h200')).toBe(0);
  });

  it('puts DeepSeek-R1 FP8 on MI300X between what aiter PR #1930 and SGLang PR #18242 leave above the roofline', () => {
    // aiter PR #1930: median TPOT 22.05 ms at concurrency 4 against 12.23 ms with 5 us per kernel
    // (the explorer's whole run with --block-scaled-gemm-us 0), 9.82 ms more; SGLang PR #18242
    // then took ~11% off (19.62 ms), 7.39 ms more. SGLang fuses the shared expert on AMD
    // (sglang-fusions.ts): 305 block-scaled GEMMs x 27 us = 8.235 ms
    const added = 305 * CDNA3_BLOCK_SCALED_GEMM_SECONDS;
    expect(added).toBeCloseTo(8.235e-3, 12);
    expect(added).toBeGreaterThan(22.05e-3 * 0.89 - 12.23e-3);
    expect(added).toBeLessThan(22.05e-3 - 12.23e-3);
  });
});

describe('deviceInt4ExpertBandwidth', () => {
  it('is 1 on Blackwell, whose engines run TensorRT-LLM’s INT4 MoE kernels, and W4A16_MOE_BANDWIDTH_SHARE elsewhere', () => {
    for (const id of ['b200', 'b300', 'gb200', 'gb300'])
      expect(deviceInt4ExpertBandwidth(id)).toBe(1);
    for (const id of ['h200', 'h100-sxm', 'a100-80gb', 'mi300x', 'mi355x'])
      expect(deviceInt4ExpertBandwidth(id)).toBe(W4A16_MOE_BANDWIDTH_SHARE);
  });

  it('derives 0.28 from vLLM issue #32832’s two MoE kernels on H200 at 16 requests', () => {
    // DeepSeek-V3.1 block FP8: 109 us; Kimi K2 W4A16 group 32: 234 us. Distinct experts at 16
    // tokens, top-8: 256 (1 - (1 - 8/256)^16) and 384 (1 - (1 - 8/384)^16); 8 and 4.5 bits each.
    const distinct = (experts: number) => experts * (1 - (1 - 8 / experts) ** 16);
    const bytesShare = (distinct(384) * 4.5) / (distinct(256) * 8);
    expect(bytesShare).toBeCloseTo(0.61, 2);
    expect(bytesShare / (234 / 109)).toBeCloseTo(W4A16_MOE_BANDWIDTH_SHARE, 2);
  });
});

describe('stageOverheadSeconds', () => {
  const spec = presetSpec(findPreset('deepseek-v3')!);
  /** The fixed time of DeepSeek-V3's one stage on 8 devices, at FP8 unless given. */
  const overhead = (gpu: string, weights: 'fp8' | 'bf16' = 'fp8', blockUs?: number) => {
    const device = findDevice(gpu)!;
    const r = resolveServing(spec, {
      device,
      devices: 8,
      tp: 8,
      weights,
      contextTokens: 2048,
      batch: 4,
      ...(blockUs === undefined ? {} : { efficiency: { blockScaledGemmSeconds: blockUs / 1e6 } }),
    });
    return stageOverheadSeconds(r.deployment, r.deployment.stages[0]!, r.efficiency, 4);
  };

  it('is 1,321 kernels x 5 us on an H200, FP8 or BF16', () => {
    expect(overhead('h200')).toBeCloseTo(6.605e-3, 12);
    expect(overhead('h200', 'bf16')).toBeCloseTo(6.605e-3, 12);
  });

  it('adds 421 block-scaled GEMMs x 27 us on an MI300X at FP8, none at BF16', () => {
    // 6.605 ms + 11.367 ms
    expect(overhead('mi300x')).toBeCloseTo(17.972e-3, 12);
    expect(overhead('mi300x', 'bf16')).toBeCloseTo(6.605e-3, 12);
  });

  it('takes the time per block-scaled GEMM the caller gives (the CLI’s --block-scaled-gemm-us)', () => {
    expect(overhead('mi300x', 'fp8', 0)).toBeCloseTo(6.605e-3, 12);
    expect(overhead('h200', 'fp8', 10)).toBeCloseTo(6.605e-3 + 4.21e-3, 12);
  });
});

describe('deploymentKernelsPerLayer', () => {
  const spec = presetSpec(findPreset('deepseek-v3')!);
  const { layers } = countParams(spec);
  /** DeepSeek-V3 on 8 devices at TP 8 under an engine, FP8. */
  const deployment = (gpu: string, engine: 'sglang' | 'vllm') =>
    resolveServing(spec, {
      device: findDevice(gpu)!,
      devices: 8,
      tp: 8,
      weights: 'fp8',
      contextTokens: 2048,
      batch: 4,
      memory: { engine },
    });
  const kind = spec.attentionPattern[0]!;

  it('takes SGLang’s fused shared expert (3) and norms (2) out of DeepSeek-V3’s layers on 8 x B200', () => {
    const d = deployment('b200', 'sglang').deployment;
    expect(deploymentKernelsPerLayer(d, kind, layers[3]!, 4)).toBe(22 - 3 - 2);
    expect(deploymentKernelsPerLayer(d, kind, layers[0]!, 4)).toBe(15 - 2);
    // past 2,048 tokens a pass the all-reduce runs apart (FUSE_ALLREDUCE_MAX_BATCH_SIZE)
    expect(deploymentKernelsPerLayer(d, kind, layers[3]!, 4096)).toBe(22 - 3);
  });

  it('keeps every kernel under vLLM', () => {
    const d = deployment('b200', 'vllm').deployment;
    expect(deploymentKernelsPerLayer(d, kind, layers[3]!, 4)).toBe(22);
  });

  it('sums a stage: DeepSeek-V3 launches 1,025 kernels a step under SGLang on 8 x B200, 1,321 under vLLM', () => {
    // 58 x 17 + 3 x 13 and 58 x 22 + 3 x 15
    for (const [engine, kernels] of [
      ['sglang', 1025],
      ['vllm', 1321],
    ] as const) {
      const d = deployment('b200', engine).deployment;
      expect(stageKernels(d, d.stages[0]!, 4)).toBe(kernels);
    }
  });

  it('gives SGLang’s DeepSeek-V3 on MI300X 305 block-scaled GEMMs, the shared expert’s in the experts’', () => {
    // 58 MoE layers x 5 + 3 dense x 5 (kernels.ts CDNA3_BLOCK_SCALED_GEMM_SECONDS)
    const r = deployment('mi300x', 'sglang');
    const stage = r.deployment.stages[0]!;
    const kernelFloor = (58 * (22 - 3) + 3 * 15) * 5e-6;
    expect(stageOverheadSeconds(r.deployment, stage, r.efficiency, 4)).toBeCloseTo(
      kernelFloor + 305 * CDNA3_BLOCK_SCALED_GEMM_SECONDS,
      12,
    );
  });
});
