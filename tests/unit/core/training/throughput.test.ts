import { describe, expect, it } from 'vitest';
import { countParams, findDevice, findPreset, presetSpec } from '../../../../src/lib/core/index.ts';
import { defaultMfu, sizeMfu } from '../../../../src/lib/core/training/throughput.ts';

const spec = (id: string) => presetSpec(findPreset(id)!);
const h100 = findDevice('h100-sxm')!;
const a100 = findDevice('a100-80gb')!;

describe('sizeMfu', () => {
  // Llama 3.1 model card GPU-hours against trainingFlopsPerToken x 15T (15.6T for 405B) tokens:
  // effective BF16 MFU 0.1485 (8B), 0.2702 (70B), 0.3584 (405B)
  it.each([
    [7.505e9, 0.1485, 0.001],
    [69.5e9, 0.2702, 0.006],
    [403.75e9, 0.3584, 0.001],
  ])('sizeMfu(%s active) reproduces the Llama 3.1 card: %s', (params, mfu, tol) => {
    expect(Math.abs(sizeMfu(params) - mfu)).toBeLessThan(tol);
  });

  it('is capped at the Llama 3 paper best step MFU (43%) and floored at 10%', () => {
    expect(sizeMfu(1e14)).toBe(0.43);
    expect(sizeMfu(1e6)).toBe(0.1);
  });

  it('never falls as the model grows', () => {
    let last = 0;
    for (let p = 1e8; p < 1e13; p *= 1.7) {
      expect(sizeMfu(p)).toBeGreaterThanOrEqual(last);
      last = sizeMfu(p);
    }
  });
});

describe('defaultMfu', () => {
  it('defaultMfu(Llama 3.1 405B, H100, bf16) is the size factor alone: 0.3585, 354.7 TFLOP/s', () => {
    const s = spec('llama3.1-405b');
    const d = defaultMfu(s, countParams(s), h100, 'bf16');
    expect(d.factors.map((f) => [f.name, f.value])).toEqual([
      ['size', d.factors[0]!.value],
      ['device', 1],
      ['precision', 1],
    ]);
    expect(d.mfu).toBeCloseTo(0.3585, 3);
    expect(d.achievedFlopsPerSecond / 1e12).toBeCloseTo(354.7, 0);
  });

  it('defaultMfu(Llama 4 Scout, H100, fp8): 0.1888 x 989.5 x 1.3 = 242.9 TFLOP/s, MFU 0.123 of the FP8 peak', () => {
    const s = spec('llama4-scout');
    const d = defaultMfu(s, countParams(s), h100, 'fp8');
    expect(d.factors.map((f) => f.name)).toEqual(['size', 'device', 'precision', 'experts']);
    expect(d.achievedFlopsPerSecond / 1e12).toBeCloseTo(242.9, 0);
    expect(d.mfu).toBeCloseTo(242.9 / 1979, 3);
  });

  it("Llama 4 Behemoth on H100 in FP8 lands within x1.5 of the blog's 390 TFLOPs/GPU", () => {
    // "while pre-training our Llama 4 Behemoth model using FP8 and 32K GPUs, we achieved 390 TFLOPs/GPU"
    const s = spec('llama4-behemoth');
    const ratio = defaultMfu(s, countParams(s), h100, 'fp8').achievedFlopsPerSecond / 390e12;
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  });

  it('on A100 the size MFU gains x2.2 (Llama 2 card), capped at MFU 0.5', () => {
    // Llama 3.1 8B: 0.1485 x 2.2 = 0.327; Llama 3.1 405B: 0.3585 x 2.2 > 0.5, so 0.5
    const small = spec('llama3.1-8b');
    expect(defaultMfu(small, countParams(small), a100, 'bf16').mfu).toBeCloseTo(0.1485 * 2.2, 3);
    const big = spec('llama3.1-405b');
    expect(defaultMfu(big, countParams(big), a100, 'bf16').mfu).toBeCloseTo(0.5, 9);
  });

  it('every factor names a source', () => {
    const s = spec('deepseek-v3');
    for (const f of defaultMfu(s, countParams(s), h100, 'fp8').factors)
      expect(f.source.length).toBeGreaterThan(40);
  });

  it('FP8 on a device without FP8 tensor cores (A100) throws naming precision', () => {
    const s = spec('llama3.1-8b');
    expect(() => defaultMfu(s, countParams(s), a100, 'fp8')).toThrow(/precision/);
  });
});
