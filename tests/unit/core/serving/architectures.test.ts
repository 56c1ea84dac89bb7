import { describe, expect, it } from 'vitest';
import { HOPPER_DEVICES, SM100_DEVICES } from '../../../../src/lib/core/serving/architectures.ts';
import { findDevice } from '../../../../src/lib/core/index.ts';

describe('architectures', () => {
  it('names devices of the catalog only', () => {
    for (const id of [...HOPPER_DEVICES, ...SM100_DEVICES]) expect(findDevice(id)).toBeDefined();
  });

  it('keeps the RTX PRO 6000 (SM120) out of the SM100 family, and the two sets apart', () => {
    expect(SM100_DEVICES.has('rtx-pro-6000-server')).toBe(false);
    for (const id of HOPPER_DEVICES) expect(SM100_DEVICES.has(id)).toBe(false);
  });
});
