import { describe, expect, it } from 'vitest';
import { DEVICES, deviceSource, findDevice, type Device } from '../../../../src/lib/core/index.ts';
import {
  LOCAL_DEVICE_GROUPS,
  LOCAL_DEVICES,
} from '../../../../src/lib/core/serving/local-devices.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const local = (id: string): Device => LOCAL_DEVICES.find((d) => d.id === id)!;

/** The ids issue 12 names (section 3, Hardware). */
const ISSUE_GPUS = [
  'rtx-3060-12gb',
  'rtx-3090',
  'rtx-4060-ti-16gb',
  'rtx-4070-ti-super',
  'rtx-4090',
  'rtx-5080',
  'rtx-5090',
  'rtx-pro-6000',
  'rx-7900-xtx',
  'radeon-ai-pro-r9700',
  'arc-b580',
];
const ISSUE_UNIFIED = [
  'm1-max-64gb',
  'm2-max-96gb',
  'm2-ultra-192gb',
  'm3-max-128gb',
  'm3-ultra-512gb',
  'm4-max-128gb',
  'm4-pro-64gb',
  'dgx-spark',
  'ryzen-ai-max-395-128gb',
];

describe('LOCAL_DEVICES', () => {
  it('has every id issue 12 names, and the 23 Apple configurations of local-hardware.json', () => {
    const ids = LOCAL_DEVICES.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([...ISSUE_GPUS, ...ISSUE_UNIFIED]));
    expect(ids.filter((id) => /^m\d-/.test(id))).toHaveLength(23);
  });

  it('has ids of its own, none shared with the data-centre DEVICES', () => {
    const ids = [...DEVICES, ...LOCAL_DEVICES].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('groups them: consumer and workstation GPUs, Apple silicon, other unified memory', () => {
    expect(LOCAL_DEVICE_GROUPS.map((g) => g.label)).toEqual([
      'Consumer and workstation GPUs',
      'Apple silicon',
      'Other unified memory',
    ]);
    expect(LOCAL_DEVICE_GROUPS[0]!.devices.every((d) => d.pcie && !d.unified)).toBe(true);
    expect(LOCAL_DEVICE_GROUPS.slice(1).every((g) => g.devices.every((d) => d.unified))).toBe(true);
  });

  it.each(LOCAL_DEVICES.map((d) => [d.id, d] as const))(
    '%s has finite, positive figures',
    (_, d) => {
      expect(Number.isSafeInteger(d.memoryBytes) && d.memoryBytes > 0).toBe(true);
      const rates = [
        d.bandwidthBytesPerSecond,
        d.flopsPerSecond.bf16,
        d.flopsPerSecond.fp8 ?? 1,
        d.flopsPerSecond.fp4 ?? 1,
        d.scaleUpBytesPerSecond,
        d.scaleOutBytesPerSecond,
        d.usdPerHour,
      ];
      for (const rate of rates) expect(Number.isFinite(rate) && rate > 0).toBe(true);
      expect(Number.isInteger(d.scaleUpDomain) && d.scaleUpDomain >= 1).toBe(true);
      if (d.unified) expect(d.unified.gpuShare > 0 && d.unified.gpuShare <= 1).toBe(true);
      if (d.pcie) expect([1, 4, 8, 16]).toContain(d.pcie.lanes);
    },
  );

  it.each(LOCAL_DEVICES.map((d) => [d.id, d] as const))(
    '%s has a source, and a price note that says it is assumed',
    (id, d) => {
      expect(d.name).not.toBe('');
      expect(deviceSource(id)?.source).toMatch(/\w/);
      expect(deviceSource(id)?.priceNote).toMatch(/^assumed: \$?.*amortized over 3 years/);
    },
  );

  it('lower precisions are never slower: fp4 >= fp8 >= bf16 where supported', () => {
    for (const { id, flopsPerSecond: f } of LOCAL_DEVICES) {
      if (f.fp8 !== null) expect(f.fp8, id).toBeGreaterThanOrEqual(f.bf16);
      if (f.fp4 !== null) expect(f.fp4, id).toBeGreaterThanOrEqual(f.fp8 ?? f.bf16);
    }
  });
});

describe('local devices against their sources', () => {
  it('RTX 4090: nvidia-smi 24564 MiB, 1,008 GB/s, 165.2 TFLOPS BF16 with FP32 accumulate (Ada whitepaper), PCIe 4.0 x16', () => {
    const d = local('rtx-4090');
    expect(d.memoryBytes).toBe(24564 * MiB);
    expect(d.bandwidthBytesPerSecond).toBe(1008e9);
    expect(d.flopsPerSecond.bf16).toBeCloseTo(165.2e12, -6);
    expect(d.flopsPerSecond.fp8).toBeCloseTo(330.3e12, -6);
    expect(d.pcie).toEqual({ gen: 4, lanes: 16 });
    expect(d.scaleUpBytesPerSecond).toBe(32e9); // Gen4 x16, per direction, nominal
  });

  it('RTX 4060 Ti 16GB is PCIe 4.0 x8 (guru3d: "Interface PCIe Gen4 x8"): 16 GB/s to peers', () => {
    expect(local('rtx-4060-ti-16gb').pcie).toEqual({ gen: 4, lanes: 8 });
    expect(local('rtx-4060-ti-16gb').scaleUpBytesPerSecond).toBe(16e9);
  });

  it('RTX 5090: 32607 MiB, 1,792 GB/s, 1676 dense FP4 TFLOPS (RTX Blackwell whitepaper), PCIe 5.0', () => {
    const d = local('rtx-5090');
    expect(d.memoryBytes).toBe(32607 * MiB);
    expect(d.bandwidthBytesPerSecond).toBe(1792e9);
    expect(d.flopsPerSecond.fp4).toBeCloseTo(1676e12, -6);
    expect(d.scaleUpBytesPerSecond).toBe(64e9);
  });

  it('cards sit up to 8 to a box, meeting over their PCIe links; the RTX 3090 too (its bridge joins a pair only)', () => {
    expect(local('rtx-3090')).toMatchObject({ scaleUpBytesPerSecond: 32e9, scaleUpDomain: 8 });
    expect(local('rtx-4090')).toMatchObject({ scaleUpBytesPerSecond: 32e9, scaleUpDomain: 8 });
    // Machines with one GPU each meet over their network: a unified pool is a box of one.
    expect(local('dgx-spark').scaleUpDomain).toBe(1);
  });

  it('RX 7900 XTX: rocm-smi 25753026560 bytes, 122.8 TFLOPS, no FP8', () => {
    expect(local('rx-7900-xtx').memoryBytes).toBe(25753026560);
    expect(local('rx-7900-xtx').flopsPerSecond).toMatchObject({ fp8: null, fp4: null });
  });

  it('M3 Ultra 512GB: 819 GB/s, a 512 GiB pool of which macOS lets the GPU wire 3/4', () => {
    expect(local('m3-ultra-512gb')).toMatchObject({
      memoryBytes: 512 * GiB,
      bandwidthBytesPerSecond: 819e9,
      unified: { gpuShare: 0.75 },
    });
  });

  it('M4 Max: 546 GB/s with the 40-core GPU, 410 GB/s for the 36 GB (32-core) bin, which wires 2/3', () => {
    expect(local('m4-max-128gb').bandwidthBytesPerSecond).toBe(546e9);
    expect(local('m4-max-36gb').bandwidthBytesPerSecond).toBe(410e9);
    expect(local('m4-max-36gb').unified!.gpuShare).toBeCloseTo(2 / 3, 12);
  });

  it('M3 Max: 300 GB/s for the 30-core GPU (36 and 96 GB), 400 GB/s for the 40-core', () => {
    expect(local('m3-max-96gb').bandwidthBytesPerSecond).toBe(300e9);
    expect(local('m3-max-128gb').bandwidthBytesPerSecond).toBe(400e9);
  });

  it('DGX Spark: 273 GB/s, MemTotal 121.69 GiB, 500 dense FP4 TFLOPS, the whole pool for the GPU', () => {
    const d = local('dgx-spark');
    expect(d.bandwidthBytesPerSecond).toBe(273e9);
    expect(d.memoryBytes).toBe(127600748 * 1024); // MemTotal: 127600748 kB (nvitop #208)
    expect(d.flopsPerSecond.fp4).toBe(500e12);
    expect(d.unified).toEqual({ gpuShare: 1 });
  });

  it('Ryzen AI Max+ 395 128GB: 256 GB/s, half of the pool for the GPU (the Linux GTT default)', () => {
    expect(local('ryzen-ai-max-395-128gb')).toMatchObject({
      memoryBytes: 128 * GiB,
      bandwidthBytesPerSecond: 256e9,
      unified: { gpuShare: 0.5 },
    });
  });

  it('a $1,599 RTX 4090 costs 1599 / (3 x 8760) = $0.061 per hour (assumed amortization)', () => {
    expect(local('rtx-4090').usdPerHour).toBe(0.061);
  });

  it("the former ids name the new ones: findDevice('m4-max') is the M4 Max 128GB", () => {
    expect(findDevice('m4-max')).toBe(local('m4-max-128gb'));
    expect(findDevice('m3-ultra')).toBe(local('m3-ultra-512gb'));
  });
});
