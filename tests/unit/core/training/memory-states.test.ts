import { describe, expect, it } from 'vitest';
import {
  addStates,
  bytesPerParam,
  FP8_WEIGHT_SCALE_BYTES,
  shardModelStates,
  type ZeroStage,
} from '../../../../src/lib/core/training/memory-states.ts';
import { readJson } from '../../helpers/fixtures.ts';

interface ZeroExample {
  params: number;
  dp: number;
  bytesPerParam: { weights: number; gradients: number; optimizer: number };
  printedGB: Record<string, number>;
}

const zero = (readJson('training-memory-cases.json') as { zero: ZeroExample }).zero;
const total = (s: { weights: number; gradients: number; optimizer: number }) =>
  s.weights + s.gradients + s.optimizer;

describe('shardModelStates reproduces the ZeRO paper (Figure 1, Table 1: Ψ = 7.5B, Nd = 64, K = 12)', () => {
  const exact: Record<ZeroStage, number> = {
    0: 120e9, // (2 + 2 + 12) x 7.5e9
    1: 31.40625e9, // 4 x 7.5e9 + 12 x 7.5e9 / 64
    2: 16.640625e9, // 2 x 7.5e9 + 14 x 7.5e9 / 64
    3: 1.875e9, // 16 x 7.5e9 / 64
  };
  for (const stage of [0, 1, 2, 3] as const) {
    it(`stage ${stage}: ${zero.printedGB[stage]} GB as printed`, () => {
      const bytes = total(shardModelStates(zero.params, zero.bytesPerParam, stage, zero.dp));
      expect(bytes).toBe(exact[stage]);
      // Printed to three significant figures (Table 1; Figure 1 rounds stage 3 to 1.9 GB).
      expect(Number((bytes / 1e9).toPrecision(3))).toBe(zero.printedGB[stage]);
    });
  }

  it('each stage shards one more state: optimizer, then gradients, then weights', () => {
    const b = zero.bytesPerParam;
    expect(shardModelStates(100, b, 1, 4)).toEqual({
      weights: 200,
      gradients: 200,
      optimizer: 300,
    });
    expect(shardModelStates(100, b, 2, 4)).toEqual({ weights: 200, gradients: 50, optimizer: 300 });
    expect(shardModelStates(100, b, 3, 4)).toEqual({ weights: 50, gradients: 50, optimizer: 300 });
  });

  it('names the field of a stage it does not know', () => {
    expect(() => shardModelStates(1, zero.bytesPerParam, 4 as ZeroStage, 2)).toThrow(
      'zero: expected 0, 1, 2 or 3, got 4',
    );
  });
});

describe('bytesPerParam', () => {
  it("bf16 with fp32 main grads: 18 bytes, Megatron's 'bf16 param, fp32 grads | 18 | 6 + 12/d'", () => {
    const b = bytesPerParam('bf16');
    expect(b).toEqual({ weights: 2, gradients: 4, optimizer: 12 });
    expect(total(b)).toBe(18);
    // The distributed optimizer (ZeRO-1) over d = 8: 6 + 12/8 bytes per parameter.
    expect(total(shardModelStates(1, b, 1, 8))).toBe(6 + 12 / 8);
  });

  it('bf16 with bf16 grads: the ZeRO paper’s 2 + 2 + 12 = 16', () => {
    expect(total(bytesPerParam('bf16', 'bf16'))).toBe(16);
  });

  it('fp8: an FP8 copy with 128 x 128 block scales beside bf16 weights, fp32 grads, BF16 moments (DeepSeek-V3 §3.3)', () => {
    expect(FP8_WEIGHT_SCALE_BYTES).toBe(4 / 16384);
    expect(bytesPerParam('fp8')).toEqual({
      weights: 3 + 4 / 16384,
      gradients: 4,
      optimizer: 8, // fp32 master 4 + BF16 first and second moments 2 + 2
    });
  });

  it('names the field of a precision it does not know', () => {
    expect(() => bytesPerParam('fp4' as 'fp8')).toThrow(
      'precision: expected bf16 or fp8, got "fp4"',
    );
    expect(() => bytesPerParam('bf16', 'fp16' as 'bf16')).toThrow(
      'gradients: expected fp32 or bf16',
    );
  });

  it('addStates adds field by field', () => {
    expect(
      addStates(
        { weights: 1, gradients: 2, optimizer: 3 },
        { weights: 4, gradients: 5, optimizer: 6 },
      ),
    ).toEqual({ weights: 5, gradients: 7, optimizer: 9 });
  });
});
