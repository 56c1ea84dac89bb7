import { describe, expect, it, vi } from 'vitest';
import {
  customDevice,
  DEVICE_IDS,
  DEVICE_SOURCES,
  DEVICES,
  deviceGroups,
  findDevice,
} from '../../../../src/lib/core/index.ts';
import { LOCAL_DEVICE_GROUPS } from '../../../../src/lib/core/serving/local-devices.ts';

describe('DEVICES', () => {
  it('are the data-centre devices, listed first in DEVICE_IDS', () => {
    expect(DEVICE_IDS.slice(0, DEVICES.length)).toEqual(DEVICES.map((d) => d.id));
    expect(deviceGroups()[0]).toMatchObject({ label: 'Data centre', devices: DEVICES });
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

describe('the device registry', () => {
  it("with every device registered (as the tests, the CLI and the library have it), DEVICE_IDS lists each id once, a group's older ids after it", () => {
    const ids = [DEVICES, ...LOCAL_DEVICE_GROUPS.map((g) => g.devices)].map((list) =>
      list.map((d) => d.id),
    );
    expect(DEVICE_IDS).toEqual([
      ...ids[0]!,
      ...ids[1]!,
      ...ids[2]!,
      'm4-max',
      'm3-ultra',
      ...ids[3]!,
    ]);
    expect(new Set(DEVICE_IDS).size).toBe(DEVICE_IDS.length);
    expect(deviceGroups().map((g) => g.label)).toEqual([
      'Data centre',
      'Consumer and workstation GPUs',
      'Apple silicon',
      'Other unified memory',
    ]);
  });

  it('findDevice finds a local device only once it is registered (loadLocalDevices), as the page and the element have it', async () => {
    vi.resetModules(); // a fresh core, without the test setup's loadAllDevices()
    const core = await import('../../../../src/lib/core/index.ts');
    expect(core.findDevice('rtx-4090')).toBeUndefined();
    expect(core.findDevice('m4-max')).toBeUndefined();
    expect(core.DEVICE_IDS).toEqual(core.DEVICES.map((d) => d.id));
    expect(core.deviceGroups()).toHaveLength(1);
    await core.loadLocalDevices();
    expect(core.findDevice('rtx-4090')?.name).toBe('NVIDIA GeForce RTX 4090 24GB');
    expect(core.findDevice('m4-max')?.id).toBe('m4-max-128gb');
    expect(core.DEVICE_IDS).toContain('rtx-4090');
    expect(core.DEVICE_IDS).toContain('m3-ultra');
  });

  it('loadAllDevices registers them at once; registering twice lists each device once', async () => {
    vi.resetModules();
    const core = await import('../../../../src/lib/core/index.ts');
    core.loadAllDevices();
    const once = [...core.DEVICE_IDS];
    expect(core.findDevice('dgx-spark')?.unified).toEqual({ gpuShare: 1 });
    await core.loadLocalDevices();
    core.loadAllDevices();
    expect(core.DEVICE_IDS).toEqual(once);
  });

  it("addDevices registers a group of one's own, with its aliases", async () => {
    vi.resetModules();
    const core = await import('../../../../src/lib/core/index.ts');
    const mine = { ...core.findDevice('h100-sxm')!, id: 'my-gpu', name: 'My GPU' };
    core.addDevices([{ label: 'Mine', devices: [mine], aliases: { old: 'my-gpu' } }]);
    expect(core.findDevice('old')).toBe(mine);
    expect(core.DEVICE_IDS.slice(-2)).toEqual(['my-gpu', 'old']);
    expect(core.deviceGroups().at(-1)?.label).toBe('Mine');
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
