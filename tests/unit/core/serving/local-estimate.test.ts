import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCAL_EFFICIENCY,
  DEFAULT_PLACEMENT,
  estimateLocalServing,
  largestFitting,
  LOCAL_DEVICE_RESERVE_BYTES,
  estimateServing,
  findDevice,
  parseHFConfig,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig, moreModelConfig } from '../../helpers/fixtures.ts';

const qwen = parseHFConfig(fixtureConfig('qwen3-30b-a3b'));
const options: ServingOptions = {
  device: findDevice('h100-pcie')!,
  devices: 1,
  contextTokens: 4096,
  batch: 1,
};

describe('estimateLocalServing', () => {
  it('with everything on the GPU, memory and decode agree in kind with the data-centre estimate', () => {
    const local = estimateLocalServing(qwen, options, { placement: DEFAULT_PLACEMENT });
    const dc = estimateServing(qwen, options);
    expect(local.fitsDevice).toBe(true);
    expect(local.placement.layers.every((l) => l.experts === 'device')).toBe(true);
    expect(local.suggestedNCpuMoe).toBe(0);
    // The same weights on the GPU, less the input embedding the CPU keeps.
    expect(local.deviceUsedBytes).toBeLessThan(dc.perDeviceBytes + 1e9);
    expect(local.decode.tokensPerSecond / dc.decode.tokensPerSecond).toBeGreaterThan(0.5);
    expect(local.decode.tokensPerSecond / dc.decode.tokensPerSecond).toBeLessThan(2);
  });

  it('a unified pool: the GPU may use its share, and GPU and host count against one memory', () => {
    const u = estimateLocalServing(qwen, options, {
      placement: DEFAULT_PLACEMENT,
      unified: { gpuShare: 0.75 },
    });
    expect(u.deviceBudgetBytes).toBe(Math.floor(findDevice('h100-pcie')!.memoryBytes * 0.75));
    expect(u.hostMemoryBytes).toBe(findDevice('h100-pcie')!.memoryBytes);
    expect(() =>
      estimateLocalServing(qwen, options, {
        placement: DEFAULT_PLACEMENT,
        unified: { gpuShare: 2 },
      }),
    ).toThrow('gpu share: expected a fraction from 0.05 to 1, got 2');
  });

  it('the largest context and batch that fit count both sides', () => {
    // Q4_K_M: the experts take 17 GB, which 32 GB of RAM hold.
    const e = estimateLocalServing(
      qwen,
      { ...options, weights: 'q4_k_m' },
      {
        placement: { ...DEFAULT_PLACEMENT, cpuMoe: true },
        host: { memoryBytes: 32e9 },
      },
    );
    expect(e.maxContextTokens).toBeGreaterThan(4096);
    expect(e.maxBatch).toBeGreaterThan(1);
    const tight = estimateLocalServing(qwen, options, {
      placement: { ...DEFAULT_PLACEMENT, cpuMoe: true },
      host: { memoryBytes: 8e9 },
    });
    // Qwen3-30B-A3B's BF16 experts are 58 GB: 8 GB of RAM cannot hold them.
    expect(tight.fitsHost).toBe(false);
    expect(tight.fits).toBe(false);
    expect(tight.maxContextTokens).toBe(0);
    expect(tight.kvCapacityTokens).toBe(0);
  });

  it("kvCapacityTokens is the longest context one sequence's KV cache can hold, not the GPU-alone figure", () => {
    // gpt-oss-120b does not fit a 24 GB RTX 4090 alone (the data-centre estimate's 0 tokens);
    // with 24 layers of experts in RAM it runs, and its cache holds what one sequence may use.
    const oss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
    const on4090 = { device: findDevice('rtx-4090')!, devices: 1, contextTokens: 8192, batch: 1 };
    expect(estimateServing(oss, on4090).kvCapacityTokens).toBe(0);
    const placed = {
      placement: { ...DEFAULT_PLACEMENT, nCpuMoe: 24 },
      host: { memoryBytes: 64e9 },
    };
    const one = estimateLocalServing(oss, on4090, placed);
    expect(one.kvCapacityTokens).toBeGreaterThan(8192);
    expect(one.kvCapacityTokens).toBe(one.maxContextTokens);
    // At batch 4 the longest context shrinks; the cache's capacity (batch 1) does not.
    const four = estimateLocalServing(oss, { ...on4090, batch: 4 }, placed);
    expect(four.kvCapacityTokens).toBe(one.kvCapacityTokens);
    expect(four.maxContextTokens).toBeLessThan(one.maxContextTokens);
  });
});

describe('estimateLocalServing: memory by side and part', () => {
  const oss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
  const on4090: ServingOptions = {
    device: findDevice('rtx-4090')!,
    devices: 1,
    contextTokens: 8192,
    batch: 1,
  };
  const offloaded = estimateLocalServing(oss, on4090, {
    placement: { ...DEFAULT_PLACEMENT, nCpuMoe: 27 },
  });

  it('perDevice and perHost add up to the GPU and the RAM totals, part by part', () => {
    const { perDevice: d, perHost: h } = offloaded;
    expect(d.weightsBytes + d.kvBytes + d.activationBytes).toBe(d.totalBytes);
    expect(d.totalBytes).toBe(offloaded.deviceUsedBytes);
    expect(d.totalBytes).toBe(offloaded.perDeviceBytes);
    expect(h.weightsBytes + h.kvBytes).toBe(h.totalBytes);
    expect(h.totalBytes).toBe(offloaded.hostBytes);
    expect(h.activationBytes).toBe(0); // the compute buffer is the GPU's
    // Every layer's attention is on the GPU: its KV cache too.
    expect(h.kvBytes).toBe(0);
    expect(d.kvBytes).toBeGreaterThan(0);
    expect(offloaded.totalBytes).toBe(d.totalBytes + h.totalBytes);
  });

  it('the weights of both sides are the whole model: 27 layers of experts in RAM outweigh the GPU', () => {
    const all = estimateLocalServing(oss, on4090, { placement: DEFAULT_PLACEMENT });
    expect(offloaded.perDevice.weightsBytes + offloaded.perHost.weightsBytes).toBe(
      all.perDevice.weightsBytes + all.perHost.weightsBytes,
    );
    expect(offloaded.perHost.weightsBytes).toBeGreaterThan(offloaded.perDevice.weightsBytes);
    // With nothing offloaded, RAM holds the input embedding alone (llama.cpp keeps token_embd on the CPU).
    expect(all.perHost.weightsBytes).toBeGreaterThan(0);
    expect(all.perHost.weightsBytes).toBeLessThan(2e9);
  });

  it('-ngl 0 moves the KV cache of every layer to the host', () => {
    const cpu = estimateLocalServing(oss, on4090, {
      placement: { ...DEFAULT_PLACEMENT, gpuLayers: 0 },
    });
    expect(cpu.perDevice.kvBytes).toBe(0);
    expect(cpu.perHost.kvBytes).toBe(offloaded.perDevice.kvBytes);
  });

  it('is unified on a unified-memory device only', () => {
    expect(offloaded.unified).toBe(false);
    const mac = estimateLocalServing(
      oss,
      { ...on4090, device: findDevice('m4-max-128gb')! },
      { placement: DEFAULT_PLACEMENT },
    );
    expect(mac.unified).toBe(true);
    expect(mac.assumptions.local.gpuShare).toBe(0.75);
    expect(mac.assumptions.local.deviceReserveBytes).toBe(0);
    expect(offloaded.assumptions.local.gpuShare).toBeNull();
    expect(offloaded.assumptions.local.deviceReserveBytes).toBe(LOCAL_DEVICE_RESERVE_BYTES);
  });
});

describe('estimateLocalServing: speed, prices and assumptions are the local model’s', () => {
  const oss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
  const at = (batch: number) =>
    estimateLocalServing(
      oss,
      { device: findDevice('rtx-4090')!, devices: 1, contextTokens: 8192, batch },
      { placement: { ...DEFAULT_PLACEMENT, nCpuMoe: 27 } },
    );
  const one = at(1);
  const four = at(4);

  it('decode: the step is its parts, and tokens/s is the batch over it', () => {
    const d = four.decode;
    expect(d.seconds).toBe(d.stepSeconds);
    expect(d.tokensPerSecond).toBeCloseTo(4 / d.seconds, 9);
    expect(d.tokensPerSecondPerUser).toBeCloseTo(1 / d.seconds, 9);
    // The overhead is the local one: 40 us per layer (DEFAULT_LOCAL_EFFICIENCY), 36 layers.
    expect(d.overheadSeconds).toBeCloseTo(36 * 40e-6, 12);
    expect(d.seconds).toBeGreaterThanOrEqual(
      Math.max(d.memorySeconds, d.computeSeconds) + d.overheadSeconds - 1e-12,
    );
    expect(d.communicationSeconds).toBe(0);
    expect(d.bound).toBe('memory');
    expect(d.distinctExpertsPerLayer).toBeGreaterThan(4); // 4 tokens × top-4 of 128, some shared
    expect(d.distinctExpertsPerLayer).toBeLessThanOrEqual(16);
  });

  it('decodeAt: batch one is the batch-1 estimate, the largest batch its own step', () => {
    expect(four.decodeAt.batchOne.tokensPerSecond).toBeCloseTo(one.decode.tokensPerSecond, 9);
    expect(one.decodeAt.batchOne.tokensPerSecond).toBe(one.decode.tokensPerSecond);
    const max = one.decodeAt.maxBatch!;
    expect(max.batch).toBe(one.maxBatch);
    expect(max.tokensPerSecond).toBeCloseTo(at(one.maxBatch).decode.tokensPerSecond, 6);
  });

  it('prefill copies host experts over PCIe per micro-batch of 512: its link time is the communication', () => {
    const p = one.prefill;
    expect(p.chunkTokens).toBe(512);
    expect(p.communicationSeconds).toBeGreaterThan(0);
    expect(p.tokensPerSecond).toBeCloseTo(512 / p.seconds, 6);
  });

  it('prices: input and output from the local speeds', () => {
    const usd = one.usdPerDeviceHour;
    expect(one.costPerMillionOutputTokens).toBeCloseTo(
      (usd / 3600 / one.decode.tokensPerSecond) * 1e6,
      9,
    );
    expect(one.costPerMillionInputTokens).toBeCloseTo(
      (usd / 3600 / one.prefill.tokensPerSecond) * 1e6,
      9,
    );
  });

  it('assumptions: the local efficiency (0.4 of DRAM peak, 40 us per layer, no overlap) and the host', () => {
    expect(one.assumptions.efficiency).toEqual({
      bandwidth: 0.7,
      expertBandwidth: 0.7,
      compute: 0.45,
      attentionCompute: 0.45,
      overlap: 0,
      kernelSeconds: 0,
      blockScaledGemmSeconds: 0,
      int4ExpertBandwidth: 1,
      layerOverheadSeconds: 40e-6,
      launchSecondsPerLayer: 0,
      eagerKernelSeconds: 0,
      schedulingSecondsPerSequence: 0,
      computeShare: { bf16: 1, fp8: 1 },
      bandwidthShare: 1,
      speculativeHostSeconds: 0,
    });
    expect(one.assumptions.local).toMatchObject({
      hostBandwidth: DEFAULT_LOCAL_EFFICIENCY.hostBandwidth,
      host: { memoryBytes: 64e9, bandwidthBytesPerSecond: 89.6e9 },
      ubatch: 512,
    });
  });
});

describe('largestFitting', () => {
  it('finds the largest value that fits, by doubling then bisection', () => {
    expect(largestFitting((n) => n <= 1000, 1e9)).toBe(1000);
    expect(largestFitting(() => true, 5000)).toBe(5000); // capped at max
    expect(largestFitting(() => false, 5000)).toBe(0);
  });
});
