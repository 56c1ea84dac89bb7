import { describe, expect, it } from 'vitest';
import {
  DDR_CHANNELS,
  DDR_SPEEDS,
  DEFAULT_HOST,
  ddrBytesPerSecond,
  ddrOf,
  describeHostRange,
  HOST_RANGES,
  inHostRange,
  LIMITS,
  PCIE_LINKS,
  pcieBytesPerSecond,
  RAM_SIZES_GB,
} from '../../../../src/lib/core/index.ts';
import { LOCAL_DEVICES } from '../../../../src/lib/core/serving/local-devices.ts';

describe('HOST_RANGES', () => {
  it('RAM and bandwidth 1 to 100,000 GB(/s); -ngl one more than --n-cpu-moe (the output is a layer)', () => {
    expect(HOST_RANGES.ram).toMatchObject({ min: 1, max: 1e5, integer: false });
    expect(HOST_RANGES.rbw).toMatchObject({ min: 1, max: 1e5, integer: false });
    expect(HOST_RANGES.ncmoe).toMatchObject({ min: 0, max: LIMITS.layers, integer: true });
    expect(HOST_RANGES.ngl.max).toBe(HOST_RANGES.ncmoe.max + 1);
    expect(HOST_RANGES.ubatch).toMatchObject({ min: 1, max: 65536, integer: true });
  });

  it("the GPU share is a fraction from 0.05 to 1 that holds every unified device's default", () => {
    expect(HOST_RANGES.gpuShare).toMatchObject({ min: 0.05, max: 1 });
    const unified = LOCAL_DEVICES.filter((d) => d.unified);
    expect(unified.length).toBeGreaterThan(10);
    for (const d of unified)
      expect(inHostRange(HOST_RANGES.gpuShare, d.unified!.gpuShare)).toBe(true);
  });

  it('the default host is within the ranges (64 GB, 89.6 GB/s)', () => {
    expect(inHostRange(HOST_RANGES.ram, DEFAULT_HOST.memoryBytes / 1e9)).toBe(true);
    expect(inHostRange(HOST_RANGES.rbw, DEFAULT_HOST.bandwidthBytesPerSecond / 1e9)).toBe(true);
  });

  it.each([
    [HOST_RANGES.ncmoe, 2.5, false],
    [HOST_RANGES.ncmoe, 0, true],
    [HOST_RANGES.ram, 0.5, false],
    [HOST_RANGES.ram, 0.5e5 + 0.25, true],
    [HOST_RANGES.gpuShare, Number.NaN, false],
    [HOST_RANGES.gpuShare, Infinity, false],
  ])('inHostRange(%o, %d) is %s', (range, value, expected) => {
    expect(inHostRange(range, value)).toBe(expected);
  });

  it('describeHostRange says what a field expects', () => {
    expect(describeHostRange(HOST_RANGES.ncmoe)).toBe('a whole number from 0 to 4096');
    expect(describeHostRange(HOST_RANGES.gpuShare)).toBe('a number from 0.05 to 1');
  });
});

describe('DDR', () => {
  it.each([
    [5600, 2, 89.6e9], // dual-channel DDR5-5600: the default host
    [3200, 2, 51.2e9], // dual-channel DDR4-3200
    [4800, 12, 460.8e9], // EPYC 9004, 12 channels of DDR5-4800
  ])('ddrBytesPerSecond(%i MT/s, %i channels) is %d bytes/s', (mts, channels, bytes) => {
    expect(ddrBytesPerSecond(mts, channels)).toBe(bytes);
  });

  it("the default host's bandwidth is dual-channel DDR5-5600", () => {
    expect(ddrOf(DEFAULT_HOST.bandwidthBytesPerSecond)).toEqual({ mts: 5600, channels: 2 });
  });

  it('ddrOf gives back every speed and channel count offered (the commonest channels first), null for a measured figure', () => {
    for (const { mts } of DDR_SPEEDS)
      for (const channels of DDR_CHANNELS) {
        const found = ddrOf(ddrBytesPerSecond(mts, channels))!;
        expect(ddrBytesPerSecond(found.mts, found.channels)).toBe(ddrBytesPerSecond(mts, channels));
      }
    // 102.4 GB/s: dual-channel DDR5-6400 rather than quad-channel DDR4-3200
    expect(ddrOf(102.4e9)).toEqual({ mts: 6400, channels: 2 });
    expect(ddrOf(73.5e9)).toBeNull();
  });

  it('every speed and channel count is within HOST_RANGES.rbw', () => {
    for (const { mts } of DDR_SPEEDS)
      for (const channels of DDR_CHANNELS)
        expect(inHostRange(HOST_RANGES.rbw, ddrBytesPerSecond(mts, channels) / 1e9)).toBe(true);
  });
});

describe('PCIE_LINKS and RAM_SIZES_GB', () => {
  it('every link offered is one the core reads, gen5x16 first, fastest to slowest per generation', () => {
    expect(PCIE_LINKS[0]).toBe('gen5x16');
    expect(PCIE_LINKS).toContain('gen4x16');
    expect(PCIE_LINKS).toHaveLength(15);
    for (const link of PCIE_LINKS) expect(pcieBytesPerSecond(link), link).toBeGreaterThan(0);
  });

  it('RAM sizes rise, and lie within HOST_RANGES.ram', () => {
    for (let i = 1; i < RAM_SIZES_GB.length; i++)
      expect(RAM_SIZES_GB[i]!).toBeGreaterThan(RAM_SIZES_GB[i - 1]!);
    for (const gb of RAM_SIZES_GB) expect(inHostRange(HOST_RANGES.ram, gb)).toBe(true);
  });
});
