import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_SETTINGS, findDevice } from '../../../src/lib/core/index.ts';
import {
  DDR_CHANNELS,
  DDR_SPEEDS,
  ddrBytesPerSecond,
  ddrOf,
  defaultHost,
  pcieOf,
} from '../../../src/lib/state/host-settings.ts';

describe('host-settings', () => {
  it.each([
    [5600, 2, 89.6e9], // dual-channel DDR5-5600: the default host
    [3200, 2, 51.2e9], // dual-channel DDR4-3200
    [4800, 12, 460.8e9], // EPYC 9004, 12 channels of DDR5-4800
  ])('ddrBytesPerSecond(%i MT/s, %i channels) is %d bytes/s', (mts, channels, bytes) => {
    expect(ddrBytesPerSecond(mts, channels)).toBe(bytes);
  });

  it("the default host's bandwidth is dual-channel DDR5-5600", () => {
    expect(ddrOf(DEFAULT_HOST_SETTINGS.bandwidthBytesPerSecond)).toEqual({
      mts: 5600,
      channels: 2,
    });
  });

  it('ddrOf gives back every speed and channel count the page offers, and null for a measured figure', () => {
    for (const { mts } of DDR_SPEEDS)
      for (const channels of DDR_CHANNELS) {
        const found = ddrOf(ddrBytesPerSecond(mts, channels))!;
        expect(ddrBytesPerSecond(found.mts, found.channels)).toBe(ddrBytesPerSecond(mts, channels));
      }
    expect(ddrOf(73.5e9)).toBeNull();
  });

  it("pcieOf gives the card's own link (RTX 4060 Ti 16GB: gen4x8), else gen4x16", () => {
    expect(pcieOf(findDevice('rtx-4060-ti-16gb'))).toBe('gen4x8');
    expect(pcieOf(findDevice('rtx-4090'))).toBe('gen4x16');
    expect(pcieOf(undefined)).toBe('gen4x16');
  });

  it("defaultHost is DEFAULT_HOST_SETTINGS on the device's link", () => {
    expect(defaultHost(findDevice('rtx-5090'))).toEqual({
      ...DEFAULT_HOST_SETTINGS,
      pcie: pcieOf(findDevice('rtx-5090')),
    });
  });
});
