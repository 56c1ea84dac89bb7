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

  it('int8 is listed only where it differs from the fp8 rate (absent: the fp8 rate)', () => {
    const listed = DEVICES.filter((d) => d.flopsPerSecond.int8 !== undefined);
    for (const { id, flopsPerSecond: f } of listed) expect(f.int8, id).not.toBe(f.fp8);
    expect(listed.map((d) => d.id).sort()).toEqual(
      ['a100-40gb', 'a100-80gb', 'b300', 'gb300', 'tpu-v5e', 'tpu-v6e'].sort(),
    );
  });

  it.each([
    // NVIDIA A100 datasheet "INT8 Tensor Core 624 TOPS | 1248 TOPS*"
    ['a100-80gb', 624e12],
    ['a100-40gb', 624e12],
    // Google Cloud TPU docs: "Peak compute per chip (Int8) 393 TOPs" / "1836 TOPs"
    ['tpu-v5e', 393e12],
    ['tpu-v6e', 1836e12],
  ])('%s runs INT8 (%d OP/s) but has no FP8 tensor-core path', (id, int8) => {
    const f = findDevice(id)!.flopsPerSecond;
    expect(f.fp8).toBeNull();
    expect(f.int8).toBeCloseTo(int8, -9);
    expect(f.int8!).toBeGreaterThan(f.bf16);
  });

  it('Blackwell Ultra cut INT8 below its BF16 rate (GB300 NVL72: 24 POPS sparse per 72 GPUs)', () => {
    expect(findDevice('gb300')!.flopsPerSecond.int8).toBeCloseTo(24e15 / 2 / 72, -12);
    for (const id of ['b300', 'gb300']) {
      const f = findDevice(id)!.flopsPerSecond;
      expect(f.int8!, id).toBeLessThan(f.bf16 / 10);
    }
  });

  it('NVFP4 is native wherever FP4 is, except on CDNA4 (MI355X takes MX scales only)', () => {
    const noNvfp4 = DEVICES.filter((d) => d.flopsPerSecond.nvfp4 !== undefined);
    expect(noNvfp4.map((d) => d.id)).toEqual(['mi355x']);
    expect(findDevice('mi355x')!.flopsPerSecond).toMatchObject({ fp4: 10066.3e12, nvfp4: null });
  });
});

describe('the newer devices (issue 13, section 5)', () => {
  // Each row: nvidia-smi / rocm-smi / runtime memory, peak bandwidth, dense BF16 / FP8 / FP4,
  // per-direction scale-up, domain, scale-out. Sources in hardware-sources.ts.
  it.each([
    // nvidia-smi "NVIDIA B300 SXM6 AC, 275040 MiB"; InferenceX HGX B300 2250/4500/13500, 8 TB/s; CX-8 800G
    ['b300', 275040 * 2 ** 20, 8e12, [2250e12, 4500e12, 13500e12], 900e9, 8, 100e9],
    // nvidia-smi "NVIDIA GB300, 284208 MiB"; GB300 NVL72 page 1080 PF dense FP4 per 72 GPUs
    ['gb300', 284208 * 2 ** 20, 8e12, [2500e12, 5000e12, 15000e12], 900e9, 72, 100e9],
    // nvidia-smi "NVIDIA GH200 480GB, 97871 MiB"; Grace tuning guide "Up to 4 TB/s"; one superchip
    ['gh200', 97871 * 2 ** 20, 4e12, [989.5e12, 1979e12, null], 450e9, 1, 50e9],
    // rocm-smi 309220868096 B; AMD brochure 2.5166 / 5.0332 / 10.0663 PF; 7 x 76.8 GB/s
    ['mi355x', 309220868096, 8e12, [2516.6e12, 5033.2e12, 10066.3e12], 537.6e9, 8, 50e9],
    // nvidia-smi "97887 MiB"; NVIDIA Server Edition page 1 / 2 / 4 PF sparse, "1597 GB/s"
    ['rtx-pro-6000-server', 97887 * 2 ** 20, 1.597e12, [500e12, 1000e12, 2000e12], 64e9, 8, 25e9],
    // Google TPU docs; XLA "15.75G hbm"; ICI 400 GBps bidirectional; 2 x 100 Gbps per 8 chips
    ['tpu-v5e', 15.75 * 2 ** 30, 0.819e12, [197e12, null, null], 200e9, 256, 3.125e9],
    // Google TPU docs; vLLM-reported 33550237696 B; ICI 800 GBps bidirectional; 4 x 200 Gbps per 8
    ['tpu-v6e', 33550237696, 1.638e12, [918e12, null, null], 400e9, 256, 12.5e9],
  ] as const)(
    '%s: memory, bandwidth, dense BF16/FP8/FP4, links as sourced',
    (id, memory, bandwidth, [bf16, fp8, fp4], scaleUp, domain, scaleOut) => {
      const d = findDevice(id)!;
      expect(d.memoryBytes).toBe(memory);
      expect(d.bandwidthBytesPerSecond).toBeCloseTo(bandwidth, -6);
      expect(d.flopsPerSecond.bf16).toBeCloseTo(bf16, -9);
      for (const [got, want] of [
        [d.flopsPerSecond.fp8, fp8],
        [d.flopsPerSecond.fp4, fp4],
      ] as const)
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, -9);
      expect(d.scaleUpBytesPerSecond).toBeCloseTo(scaleUp, -3);
      expect(d.scaleUpDomain).toBe(domain);
      expect(d.scaleOutBytesPerSecond).toBeCloseTo(scaleOut, -3);
    },
  );

  it("findDevice('mi325x') reports 256 GiB less 16 MiB, as rocm-smi does on MI300X and MI355X", () => {
    // rocm-smi: MI300X 206141652992 = 192 GiB - 16 MiB, MI355X 309220868096 = 288 GiB - 16 MiB
    expect(findDevice('mi300x')!.memoryBytes).toBe(192 * 2 ** 30 - 16 * 2 ** 20);
    expect(findDevice('mi355x')!.memoryBytes).toBe(288 * 2 ** 30 - 16 * 2 ** 20);
    expect(findDevice('mi325x')!.memoryBytes).toBe(256 * 2 ** 30 - 16 * 2 ** 20);
    // PyTorch's "255.98 GiB" on MI325X
    expect((findDevice('mi325x')!.memoryBytes / 2 ** 30).toFixed(2)).toBe('255.98');
  });

  it('the data-centre RTX PRO 6000 is the Server Edition, apart from the local Workstation card', () => {
    const server = findDevice('rtx-pro-6000-server')!;
    const workstation = findDevice('rtx-pro-6000')!;
    expect(server.memoryBytes).toBe(workstation.memoryBytes);
    expect(server.bandwidthBytesPerSecond).toBeLessThan(workstation.bandwidthBytesPerSecond);
    expect(DEVICES).toContain(server);
    expect(DEVICES).not.toContain(workstation);
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
