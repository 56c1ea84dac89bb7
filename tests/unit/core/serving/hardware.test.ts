import { describe, expect, it } from 'vitest';
import {
  customDevice,
  DEVICE_IDS,
  DEVICE_SOURCES,
  DEVICES,
  findDevice,
} from '../../../../src/lib/core/index.ts';

describe('DEVICES', () => {
  it('have unique ids, listed in DEVICE_IDS in catalog order', () => {
    expect(new Set(DEVICE_IDS).size).toBe(DEVICES.length);
    expect(DEVICE_IDS).toEqual(DEVICES.map((d) => d.id));
  });

  it.each(DEVICES.map((d) => [d.id, d] as const))('%s has positive figures', (_, d) => {
    expect(Number.isSafeInteger(d.memoryBytes) && d.memoryBytes > 0).toBe(true);
    expect(d.bandwidthBytesPerSecond).toBeGreaterThan(0);
    expect(d.flopsPerSecond.bf16).toBeGreaterThan(0);
    expect(d.scaleUpBytesPerSecond).toBeGreaterThan(0);
    expect(d.scaleOutBytesPerSecond).toBeGreaterThan(0);
    expect(Number.isInteger(d.scaleUpDomain) && d.scaleUpDomain >= 1).toBe(true);
    expect(d.usdPerHour).toBeGreaterThan(0);
  });

  it.each(DEVICES.map((d) => [d.id, d] as const))('%s has a source and a price note', (_, d) => {
    expect(d.name).not.toBe('');
    expect(DEVICE_SOURCES[d.id]!.source).not.toBe('');
    expect(DEVICE_SOURCES[d.id]!.priceNote).not.toBe('');
  });

  it('lower precisions are never slower: fp4 >= fp8 >= bf16 where supported', () => {
    const rates = DEVICES.map(({ id, flopsPerSecond: f }) => ({ id, ...f }));
    for (const { id, bf16, fp8 } of rates.filter((r) => r.fp8 !== null))
      expect(fp8, id).toBeGreaterThanOrEqual(bf16);
    for (const { id, bf16, fp8, fp4 } of rates.filter((r) => r.fp4 !== null))
      expect(fp4, id).toBeGreaterThanOrEqual(fp8 ?? bf16);
  });
});

describe('findDevice', () => {
  it("findDevice('h100-sxm') is the H100 SXM: 81,559 MiB as nvidia-smi reports, 3.35 TB/s, 989.5 dense BF16 TFLOP/s", () => {
    // NVIDIA H100 datasheet (1979 sparse / 2); nvidia-smi total memory 81559 MiB
    expect(findDevice('h100-sxm')).toMatchObject({
      memoryBytes: 81559 * 2 ** 20,
      bandwidthBytesPerSecond: 3.35e12,
      flopsPerSecond: { bf16: 989.5e12, fp8: 1979e12, fp4: null },
      scaleUpDomain: 8,
    });
  });

  it("findDevice('gb200') has a scale-up domain of 72 GPUs (NVL72)", () => {
    expect(findDevice('gb200')?.scaleUpDomain).toBe(72);
  });

  it('findDevice of an unknown id is undefined', () => {
    expect(findDevice('tpu-v9')).toBeUndefined();
  });
});

describe('customDevice', () => {
  it('customDevice takes the given memory, bandwidth and BF16 FLOP/s, at $2/hour unless given', () => {
    const d = customDevice({
      memoryBytes: 128e9,
      bandwidthBytesPerSecond: 1e12,
      bf16FlopsPerSecond: 100e12,
    });
    expect(d).toMatchObject({
      id: 'custom',
      memoryBytes: 128e9,
      bandwidthBytesPerSecond: 1e12,
      flopsPerSecond: { bf16: 100e12, fp8: null, fp4: null },
      usdPerHour: 2,
    });
    expect(
      customDevice({
        memoryBytes: 1,
        bandwidthBytesPerSecond: 1,
        bf16FlopsPerSecond: 1,
        usdPerHour: 5,
      }).usdPerHour,
    ).toBe(5);
  });
});
