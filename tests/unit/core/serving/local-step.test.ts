import { describe, expect, it } from 'vitest';
import { roofline } from '../../../../src/lib/core/index.ts';

describe('roofline', () => {
  it('is the slower of reading the bytes and doing the FLOPs', () => {
    // 10 GB at 100 GB/s is 0.1 s; 1 TFLOP at 100 TFLOP/s is 0.01 s: memory bound.
    expect(roofline(10e9, 100e9, 1e12, 100e12)).toEqual({
      memory: 0.1,
      compute: 0.01,
      seconds: 0.1,
    });
    // The same bytes with 100x the FLOPs: compute bound, 1 s.
    expect(roofline(10e9, 100e9, 100e12, 100e12).seconds).toBe(1);
  });
});
