import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST,
  DEFAULT_LOCAL_EFFICIENCY,
  LOCAL_DEVICE_RESERVE_BYTES,
  pcieBytesPerSecond,
} from '../../../../src/lib/core/index.ts';

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

describe('the local defaults', () => {
  it('the default host: 64 GB of dual-channel DDR5-5600 (89.6 GB/s) on PCIe 4.0 x16', () => {
    expect(DEFAULT_HOST.memoryBytes).toBe(64e9);
    expect(DEFAULT_HOST.bandwidthBytesPerSecond).toBe(2 * 5600e6 * 8);
    expect(DEFAULT_HOST.linkBytesPerSecond).toBe(pcieBytesPerSecond('gen4x16'));
  });

  it('the fitted efficiencies (tests/unit/scripts/validation.test.ts holds the fit) and the 1 GiB reserve', () => {
    expect(DEFAULT_LOCAL_EFFICIENCY).toEqual({ hostBandwidth: 0.4, layerOverheadSeconds: 40e-6 });
    expect(LOCAL_DEVICE_RESERVE_BYTES).toBe(2 ** 30);
  });
});
