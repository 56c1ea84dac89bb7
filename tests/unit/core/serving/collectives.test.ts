import { describe, expect, it } from 'vitest';
import {
  allGatherTime,
  allReduceTime,
  customAllReduceTime,
  NET_MEASURED_OVER_TUNED,
  sendTime,
  type Fabric,
} from '../../../../src/lib/core/serving/collectives.ts';

// Across nodes the tuner's latencies are scaled to what was measured: 61.58 / 25.21 (NCCL #1453).
const NET = 61.58 / 25.21;

// Every expected value is hand-derived from NCCL's defaults (src/graph/tuning.cc, NCCL 2.27):
// baseLatencies ring [6.6, 14, 8.4], tree [6.8, 14, 8.4] us for [LL, LL128, Simple];
// hwLatencies per step: NVLink ring [0.6, 1.9, 3.4], tree [0.6, 1.25, 4]; network ring
// [2.7, 4, 14], tree [5, 8.5, 14]; LL reaches 0.5 of a ring's bus bandwidth.
const node8: Fabric = {
  ranks: 8,
  nodes: 1,
  intra: 'nvlink',
  intraBytesPerSecond: 450e9,
  netBytesPerSecond: 50e9,
};
const twoNodes: Fabric = { ...node8, ranks: 16, nodes: 2 };

describe('allReduceTime', () => {
  it('one token of DeepSeek-V3 (14,336 B) over 8 NVLink GPUs: ring LL, 6.6 + 14 x 0.6 = 15.0 us of latency', () => {
    const t = allReduceTime(14336, node8);
    expect(t).toMatchObject({ algorithm: 'ring', protocol: 'LL' });
    expect(t.latencySeconds).toBeCloseTo(15.0e-6, 12);
    // algorithm bandwidth: 450 GB/s x 0.5 (LL) x 8 ranks / 14 steps
    expect(t.seconds).toBeCloseTo(15.0e-6 + 14336 / ((450e9 * 0.5 * 8) / 14), 12);
  });

  it('the same over 2 nodes of 8: the tree, 6.8 + 2 x (7 x 0.6 + 1 x 5.0) = 25.2 us tuned; the ring would pay 40 us', () => {
    expect(NET_MEASURED_OVER_TUNED).toBe(NET);
    const t = allReduceTime(14336, twoNodes);
    expect(t).toMatchObject({ algorithm: 'tree', protocol: 'LL' });
    expect(t.latencySeconds).toBeCloseTo(25.2e-6 * NET, 12);
    // ring LL: 6.6 + (30 - 2) x max(0.6, 1.0 net overhead) + 2 x 2.7 = 40.0 us tuned
    expect(t.seconds).toBeLessThan(40e-6 * NET);
  });

  it('a large buffer (256 MiB) is bandwidth-bound: ring Simple at 450 GB/s x 8 / 14', () => {
    const bytes = 256 * 2 ** 20;
    const t = allReduceTime(bytes, node8);
    expect(t).toMatchObject({ algorithm: 'ring', protocol: 'Simple' });
    expect(t.seconds).toBeCloseTo((8.4 + 14 * 3.4) * 1e-6 + bytes / ((450e9 * 8) / 14), 9);
  });

  it('over 2 nodes a large buffer moves at the network rate, the slower link', () => {
    const bytes = 256 * 2 ** 20;
    expect(allReduceTime(bytes, twoNodes).seconds).toBeGreaterThan(bytes / 50e9);
  });

  it('one rank, or nothing to send, costs nothing', () => {
    expect(allReduceTime(1000, { ...node8, ranks: 1 }).seconds).toBe(0);
    expect(allReduceTime(0, node8).seconds).toBe(0);
  });

  it('PCIe peers pay PCIe hops: ring LL 6.6 + 14 x 1.0 = 20.6 us', () => {
    const pci: Fabric = { ...node8, intra: 'pci', intraBytesPerSecond: 32e9 };
    expect(allReduceTime(1024, pci).latencySeconds).toBeCloseTo(20.6e-6, 12);
  });

  it('more nodes take a deeper tree: 4 nodes of 8, 6.8 + 2 x (7 x 0.6 + 2 x 5.0) = 35.2 us', () => {
    expect(allReduceTime(1024, { ...node8, ranks: 32, nodes: 4 }).latencySeconds).toBeCloseTo(
      35.2e-6 * NET,
      12,
    );
  });
});

describe('allGatherTime', () => {
  it('a ring of n - 1 steps: 8 NVLink GPUs, LL, 6.6 + 7 x 0.6 = 10.8 us', () => {
    const t = allGatherTime(8192, node8);
    expect(t.latencySeconds).toBeCloseTo(10.8e-6, 12);
    expect(t.seconds).toBeCloseTo(10.8e-6 + 8192 / ((450e9 * 0.5 * 8) / 7), 12);
  });
});

describe('sendTime', () => {
  it('one small message over the network: LL base 6.6 + one hop 2.7 = 9.3 us tuned, then LL at half the link', () => {
    const t = sendTime(10240, 'net', 50e9);
    expect(t.latencySeconds).toBeCloseTo(9.3e-6 * NET, 12);
    expect(t.seconds).toBeCloseTo(9.3e-6 * NET + 10240 / 25e9, 12);
  });

  it('a large message takes Simple, the whole link: 8.4 + 14 us tuned, then bytes / 50 GB/s', () => {
    const bytes = 64 * 2 ** 20;
    const t = sendTime(bytes, 'net', 50e9);
    expect(t.protocol).toBe('Simple');
    expect(t.seconds).toBeCloseTo(22.4e-6 * NET + bytes / 50e9, 12);
  });

  it('inside a node the tuned latency stands: NVLink, 6.6 + 0.6 us', () => {
    expect(sendTime(1, 'nvlink', 450e9).latencySeconds).toBeCloseTo(7.2e-6, 12);
  });
});

describe('customAllReduceTime', () => {
  // SGLang #2904, H100: 3.7 / 4.8 / 5.9 us at 512 B on TP 2 / 4 / 8, 33.8 us at 1 MiB on TP 8
  it('matches the measured one-shot all-reduce within 20% where it was measured', () => {
    expect(customAllReduceTime(512, 2).seconds / 3.7e-6).toBeCloseTo(1, 0);
    expect(customAllReduceTime(512, 8).seconds).toBeCloseTo(5.9e-6 + 512 / 40e9, 12);
    expect(Math.abs(customAllReduceTime(2 ** 20, 8).seconds / 33.8e-6 - 1)).toBeLessThan(0.2);
    expect(customAllReduceTime(512, 1).seconds).toBe(0);
  });
});
