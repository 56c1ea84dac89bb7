import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_MEMORY,
  DEFAULT_ROUTING,
  findDevice,
  findPreset,
  PIECEWISE_LAUNCH_SECONDS,
  presetSpec,
  resolveServing,
  SYNC_SCHEDULING_SECONDS,
  workloadThroughput,
} from '../../../../src/lib/core/index.ts';

describe('DEFAULT_EFFICIENCY', () => {
  it('is bandwidth 0.7 (experts 0.5), compute 0.45 (attention 0.67), no overlap, 5 us per kernel and none more per block-scaled GEMM, INT4 experts at 0.28 of the expert bandwidth, the whole of each listed peak and of the listed bandwidth (resolveServing sets these four by device), full CUDA graphs, scheduling overlapped and no host wait per speculative step (SGLang’s is set by resolveServing), as documented', () => {
    expect(DEFAULT_EFFICIENCY).toEqual({
      bandwidth: 0.7,
      expertBandwidth: 0.5,
      compute: 0.45,
      attentionCompute: 0.67,
      overlap: 0,
      kernelSeconds: 5e-6,
      blockScaledGemmSeconds: 0,
      int4ExpertBandwidth: 0.28,
      launchSecondsPerLayer: 0,
      eagerKernelSeconds: 0,
      schedulingSecondsPerSequence: 0,
      computeShare: { bf16: 1, fp8: 1 },
      bandwidthShare: 1,
      speculativeHostSeconds: 0,
    });
  });

  it('lies within the ranges resolveServing accepts', () => {
    // resolve.ts: bandwidth and compute 0.01 to 1, overlap 0 to 1, kernel time 0 to 10 ms
    expect(DEFAULT_EFFICIENCY.bandwidth).toBeGreaterThanOrEqual(0.01);
    expect(DEFAULT_EFFICIENCY.bandwidth).toBeLessThanOrEqual(1);
    expect(DEFAULT_EFFICIENCY.compute).toBeGreaterThanOrEqual(0.01);
    expect(DEFAULT_EFFICIENCY.compute).toBeLessThanOrEqual(1);
    expect(DEFAULT_EFFICIENCY.overlap).toBeGreaterThanOrEqual(0);
    expect(DEFAULT_EFFICIENCY.overlap).toBeLessThanOrEqual(1);
    expect(DEFAULT_EFFICIENCY.expertBandwidth).toBeGreaterThanOrEqual(0.01);
    expect(DEFAULT_EFFICIENCY.expertBandwidth).toBeLessThanOrEqual(1);
    expect(DEFAULT_EFFICIENCY.attentionCompute).toBeGreaterThanOrEqual(0.01);
    expect(DEFAULT_EFFICIENCY.attentionCompute).toBeLessThanOrEqual(1);
    expect(DEFAULT_EFFICIENCY.kernelSeconds).toBeGreaterThanOrEqual(0);
    expect(DEFAULT_EFFICIENCY.kernelSeconds).toBeLessThanOrEqual(0.01);
    expect(DEFAULT_EFFICIENCY.layerOverheadSeconds).toBeUndefined();
  });
});

describe('PIECEWISE_LAUNCH_SECONDS', () => {
  // vLLM PR #25444 (one H100, vLLM before v0.11): Qwen3-Coder-30B-A3B-Instruct-FP8, 10 requests
  // of 1,024 tokens in and 128 out, synchronous scheduling: 4.07 requests/s with piecewise CUDA
  // graphs, 5.98 with full graphs. Qwen3-30B-A3B has the same shapes (48 layers, 128 experts).
  const requestsPerSecond = (launchSecondsPerLayer: number) => {
    const r = resolveServing(presetSpec(findPreset('qwen3-30b-a3b')!), {
      device: findDevice('h100-sxm')!,
      devices: 1,
      weights: 'fp8',
      contextTokens: 1152,
      batch: 10,
      efficiency: { schedulingSecondsPerSequence: SYNC_SCHEDULING_SECONDS, launchSecondsPerLayer },
    });
    return workloadThroughput(r, 1024, 128).outputTokensPerSecond / 128;
  };

  it('is 384 us a layer: the piecewise run it is derived from comes out at its 4.07 requests/s', () => {
    expect(PIECEWISE_LAUNCH_SECONDS).toBe(384e-6);
    expect(requestsPerSecond(PIECEWISE_LAUNCH_SECONDS)).toBeCloseTo(4.07, 1);
  });

  it('leaves the same run with full graphs to the rest of the model: 5.79 requests/s, published 5.98 (0.97x)', () => {
    const full = requestsPerSecond(0);
    expect(full).toBeCloseTo(5.79, 2);
    expect(full / 5.98).toBeGreaterThan(0.95);
  });
});

describe('DEFAULT_ROUTING', () => {
  it('is uniform routing, capacity factor 1.25, FP8 dispatch and BF16 combine (DeepSeek-V3 report 3.3)', () => {
    expect(DEFAULT_ROUTING).toEqual({
      skew: 0,
      capacityFactor: 1.25,
      dispatchBytes: 1,
      combineBytes: 2,
    });
  });

  it('lies within the ranges resolveServing accepts', () => {
    // resolve.ts: skew 0 to 4, capacity factor 0.1 to 64
    expect(DEFAULT_ROUTING.skew).toBeGreaterThanOrEqual(0);
    expect(DEFAULT_ROUTING.skew).toBeLessThanOrEqual(4);
    expect(DEFAULT_ROUTING.capacityFactor).toBeGreaterThanOrEqual(0.1);
    expect(DEFAULT_ROUTING.capacityFactor).toBeLessThanOrEqual(64);
  });
});

describe('the defaults together', () => {
  it('resolveServing accepts every default given explicitly, and resolves to the same assumptions', () => {
    const options = {
      device: findDevice('h100-sxm')!,
      devices: 8,
      contextTokens: 8192,
      batch: 1,
    };
    const spec = presetSpec(findPreset('mixtral-8x7b')!);
    const explicit = resolveServing(spec, {
      ...options,
      memory: DEFAULT_MEMORY,
      efficiency: DEFAULT_EFFICIENCY,
      routing: DEFAULT_ROUTING,
    });
    const implicit = resolveServing(spec, options);
    expect(explicit.efficiency).toEqual(implicit.efficiency);
    expect(explicit.routing).toEqual(implicit.routing);
    expect(explicit.deployment.memory).toEqual(implicit.deployment.memory);
  });
});
