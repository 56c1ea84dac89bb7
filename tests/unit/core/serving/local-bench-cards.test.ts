import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDevice, localDeviceSource } from '../../../../src/lib/core/index.ts';
import { BENCH_CARDS } from '../../../../src/lib/core/serving/local-bench-cards.ts';
import { LOCAL_DEVICE_GROUPS } from '../../../../src/lib/core/serving/local-devices.ts';

const MiB = 2 ** 20;
const card = (id: string) => BENCH_CARDS.find((c) => c.id === id)!;

describe('BENCH_CARDS', () => {
  it('are consumer GPUs of the catalog, each with a source and an assumed price note', () => {
    const gpus = LOCAL_DEVICE_GROUPS[0]!.devices.map((d) => d.id);
    for (const { id } of BENCH_CARDS) {
      expect(gpus, id).toContain(id);
      expect(localDeviceSource(id)?.source, id).toMatch(/\w/);
      expect(localDeviceSource(id)?.priceNote, id).toMatch(/^assumed: .*amortized over 3 years/);
    }
  });

  it('cover every --gpu the cli of tests/fixtures/local-cases.json names', () => {
    const path = join(import.meta.dirname, '../../../fixtures/local-cases.json');
    const { cases } = JSON.parse(readFileSync(path, 'utf8')) as { cases: { cli?: string[] }[] };
    const ids = cases.flatMap((c) => (c.cli ? [c.cli[c.cli.indexOf('--gpu') + 1]!] : []));
    expect(ids.filter((id) => !findDevice(id))).toEqual([]);
  });

  it('RTX 2080: nvidia-smi 7982 MiB, 448 GB/s, PCIe 3.0 x16, no BF16 hardware (FP16 rate, no FP8)', () => {
    const d = findDevice('rtx-2080')!;
    expect(d.memoryBytes).toBe(7982 * MiB);
    expect(d.bandwidthBytesPerSecond).toBe(448e9);
    expect(d.pcie).toEqual({ gen: 3, lanes: 16 });
    expect(d.flopsPerSecond).toMatchObject({ fp8: null, fp4: null });
    // 368 tensor cores x 128 FLOP x 1.71 GHz, at GeForce's half rate with FP32 accumulate
    expect(card('rtx-2080').tflops[0]).toBeCloseTo((368 * 128 * 1.71) / 2 / 1000, 1);
  });

  it('RTX 4070: 12282 MiB, 504 GB/s, 46 SM x 2.475 GHz x 512 = 58.3 BF16 TFLOP/s', () => {
    expect(findDevice('rtx-4070')).toMatchObject({
      memoryBytes: 12282 * MiB,
      bandwidthBytesPerSecond: 504e9,
    });
    expect(card('rtx-4070').tflops[0]).toBeCloseTo((46 * 2.475 * 512) / 1000, 1);
  });

  it("RTX 4090 D: the RTX 4090's memory and bandwidth, 114 of its 128 SMs", () => {
    const d = findDevice('rtx-4090d')!;
    const full = findDevice('rtx-4090')!;
    expect(d.memoryBytes).toBe(full.memoryBytes);
    expect(d.bandwidthBytesPerSecond).toBe(full.bandwidthBytesPerSecond);
    expect(d.flopsPerSecond.bf16 / full.flopsPerSecond.bf16).toBeCloseTo(114 / 128, 2);
  });

  it('RX 7900 XT 20 GB (rocm-smi 21458059264 B, 800 GB/s) and RX 6900 XT 16 GB (512 GB/s): no FP8', () => {
    expect(findDevice('rx-7900-xt')).toMatchObject({
      memoryBytes: 21458059264,
      bandwidthBytesPerSecond: 800e9,
    });
    expect(findDevice('rx-6900-xt')).toMatchObject({ bandwidthBytesPerSecond: 512e9 });
    expect(findDevice('rx-6900-xt')!.flopsPerSecond).toMatchObject({ fp8: null, fp4: null });
  });
});
