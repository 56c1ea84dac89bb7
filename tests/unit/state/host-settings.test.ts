import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_SETTINGS, findDevice } from '../../../src/lib/core/index.ts';
import { defaultHost, pcieOf } from '../../../src/lib/state/host-settings.ts';

describe('host-settings', () => {
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
