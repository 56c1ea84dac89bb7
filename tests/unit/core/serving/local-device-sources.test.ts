import { describe, expect, it } from 'vitest';
import { localDeviceSource } from '../../../../src/lib/core/index.ts';
import { LOCAL_DEVICES } from '../../../../src/lib/core/serving/local-devices.ts';

describe('localDeviceSource', () => {
  it('has a source and an assumed price note for every local device', () => {
    const missing = LOCAL_DEVICES.filter((d) => !localDeviceSource(d.id)?.source);
    expect(missing).toEqual([]);
    for (const d of LOCAL_DEVICES)
      expect(localDeviceSource(d.id)!.priceNote, d.id).toMatch(
        /^assumed: .*amortized over 3 years/,
      );
  });

  it("quotes the RTX 4090's whitepaper row and names its launch price", () => {
    const { source, priceNote } = localDeviceSource('rtx-4090')!;
    expect(source).toContain('Peak FP16/BF16 Tensor TFLOPS with FP32 Accumulate 165.2');
    expect(priceNote).toContain('$1,599 launch MSRP');
  });

  it("gives an Apple configuration its chip's source, macOS's wired limit, and says when its price is another size's", () => {
    const m4 = localDeviceSource('m4-max-128gb')!;
    expect(m4.source).toContain('546GB/s');
    expect(m4.source).toContain('recommendedMaxWorkingSetSize');
    expect(m4.priceNote).toContain('$5,000');
    expect(localDeviceSource('m4-max-36gb')!.source).toContain('rule of thumb');
    expect(localDeviceSource('m4-pro-24gb')!.priceNote).toContain(
      'priced as the 64 GB configuration',
    );
  });

  it('knows no other id: not a data-centre device, not a size Apple does not sell', () => {
    expect(localDeviceSource('h100-sxm')).toBeUndefined();
    expect(localDeviceSource('m4-max-96gb')).toBeUndefined();
    expect(localDeviceSource('__proto__')).toBeUndefined();
  });
});
