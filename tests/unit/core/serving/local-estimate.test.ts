import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLACEMENT,
  estimateLocalServing,
  estimateServing,
  findDevice,
  parseHFConfig,
  pcieBytesPerSecond,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const qwen = parseHFConfig(fixtureConfig('qwen3-30b-a3b'));
const options: ServingOptions = {
  device: findDevice('h100-pcie')!,
  devices: 1,
  contextTokens: 4096,
  batch: 1,
};

describe('pcieBytesPerSecond', () => {
  it.each([
    // PCI-SIG: 8, 16, 32 GT/s per lane, 128b/130b: 985 MB/s, 1.969 GB/s, 3.938 GB/s per lane
    ['gen3x16', 15.75e9],
    ['gen4x16', 31.5e9],
    ['gen5x16', 63e9],
    ['Gen4x8', 15.75e9],
    ['gen4x4', 7.875e9],
  ])('%s: %d bytes/s per direction', (text, bytes) => {
    expect(pcieBytesPerSecond(text)).toBe(bytes);
  });
  it.each(['gen6x16', 'gen4x32', 'x16', ''])('%j is not a link', (text) => {
    expect(pcieBytesPerSecond(text)).toBeNull();
  });
});

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
    ).toThrow('gpu share: expected a fraction from 0 to 1, got 2');
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
  });
});
