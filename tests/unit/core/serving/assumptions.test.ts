import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_MEMORY,
  DEFAULT_ROUTING,
  findDevice,
  findPreset,
  presetSpec,
  resolveServing,
} from '../../../../src/lib/core/index.ts';

describe('DEFAULT_EFFICIENCY', () => {
  it('is bandwidth 0.7 (experts 0.5), compute 0.45 (attention 0.67), no overlap, 5 us per kernel and scheduling overlapped, as documented', () => {
    expect(DEFAULT_EFFICIENCY).toEqual({
      bandwidth: 0.7,
      expertBandwidth: 0.5,
      compute: 0.45,
      attentionCompute: 0.67,
      overlap: 0,
      kernelSeconds: 5e-6,
      schedulingSecondsPerSequence: 0,
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
