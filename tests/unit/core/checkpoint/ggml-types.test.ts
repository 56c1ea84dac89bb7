import { describe, expect, it } from 'vitest';
import {
  bitsPerWeight,
  GGML_TYPES,
  ggmlType,
  ggmlTypeByName,
  tensorBytes,
  tensorElements,
} from '../../../../src/lib/core/checkpoint/ggml-types.ts';
import { GgufError } from '../../../../src/lib/core/checkpoint/gguf-errors.ts';

/**
 * [id, name, weights per block, bytes per block], written out as numbers: GGML_QUANT_SIZES in
 * llama.cpp gguf-py/gguf/constants.py (commit 0024aa7) evaluated with QK_K = 256, the ids of
 * `enum ggml_type` in ggml include/ggml.h; Q2_0 from ggml src/ggml-common.h (QK2_0 = 64,
 * sizeof(block_q2_0) = 2 + 64 / 4).
 */
const PINNED: [number, string, number, number][] = [
  [0, 'F32', 1, 4], [1, 'F16', 1, 2], [2, 'Q4_0', 32, 18], [3, 'Q4_1', 32, 20],
  [6, 'Q5_0', 32, 22], [7, 'Q5_1', 32, 24], [8, 'Q8_0', 32, 34], [9, 'Q8_1', 32, 40],
  [10, 'Q2_K', 256, 84], [11, 'Q3_K', 256, 110], [12, 'Q4_K', 256, 144], [13, 'Q5_K', 256, 176],
  [14, 'Q6_K', 256, 210], [15, 'Q8_K', 256, 292], [16, 'IQ2_XXS', 256, 66],
  [17, 'IQ2_XS', 256, 74], [18, 'IQ3_XXS', 256, 98], [19, 'IQ1_S', 256, 50],
  [20, 'IQ4_NL', 32, 18], [21, 'IQ3_S', 256, 110], [22, 'IQ2_S', 256, 82],
  [23, 'IQ4_XS', 256, 136], [24, 'I8', 1, 1], [25, 'I16', 1, 2], [26, 'I32', 1, 4],
  [27, 'I64', 1, 8], [28, 'F64', 1, 8], [29, 'IQ1_M', 256, 56], [30, 'BF16', 1, 2],
  [34, 'TQ1_0', 256, 54], [35, 'TQ2_0', 256, 66], [39, 'MXFP4', 32, 17], [40, 'NVFP4', 64, 36],
  [41, 'Q1_0', 128, 18], [42, 'Q2_0', 64, 18],
]; // prettier-ignore

describe('the ggml type table', () => {
  it('holds every type of gguf-py GGML_QUANT_SIZES with its block size and bytes per block', () => {
    expect(GGML_TYPES.map((t) => [t.id, t.name, t.blockSize, t.typeSize])).toEqual(PINNED);
  });

  it.each([
    // Bits per weight = bytes x 8 / weights: the figures llama.cpp's quantize tool prints.
    ['Q4_K', 4.5], ['Q5_K', 5.5], ['Q6_K', 6.5625], ['Q8_0', 8.5], ['Q4_0', 4.5], ['Q2_K', 2.625],
    ['Q3_K', 3.4375], ['IQ2_XXS', 2.0625], ['IQ2_XS', 2.3125], ['IQ2_S', 2.5625],
    ['IQ3_XXS', 3.0625], ['IQ3_S', 3.4375], ['IQ1_S', 1.5625], ['IQ1_M', 1.75], ['IQ4_XS', 4.25],
    ['IQ4_NL', 4.5], ['MXFP4', 4.25], ['TQ1_0', 1.6875], ['TQ2_0', 2.0625], ['BF16', 16],
    ['F32', 32],
  ] as const)('%s takes %f bits per weight', (name, bits) => {
    expect(bitsPerWeight(ggmlTypeByName(name)!)).toBe(bits);
  }); // prettier-ignore

  it('Q4_K: 256 weights in 144 bytes (2 fp16 scales, 12 bytes of 6-bit sub-scales, 128 of nibbles)', () => {
    const q4k = ggmlType(12)!;
    expect([q4k.name, q4k.blockSize, q4k.typeSize]).toEqual(['Q4_K', 256, 144]);
  });

  it('knows no removed or future id, and finds names in any case', () => {
    for (const id of [4, 5, 31, 32, 33, 36, 37, 38, 43, -1, 1.5])
      expect(ggmlType(id)).toBe(undefined);
    expect(ggmlTypeByName('q4_k')?.id).toBe(12);
    expect(ggmlTypeByName('mxfp4')?.id).toBe(39);
    expect(ggmlTypeByName('Q4_K_M')).toBe(undefined); // a file type (a mix), not a tensor type
  });
});

describe('tensorBytes', () => {
  it('is blocks x bytes per block, exactly', () => {
    const q4k = ggmlTypeByName('Q4_K')!;
    expect(tensorBytes(q4k, [4096, 4096])).toBe(4096 * 16 * 144);
    // A gpt-oss expert tensor: 2880 x 2880 x 32 MXFP4 = 90 blocks of 17 bytes per row.
    expect(tensorBytes(ggmlTypeByName('MXFP4')!, [2880, 2880, 32])).toBe(2880 * 32 * 90 * 17);
    expect(tensorBytes(ggmlTypeByName('F32')!, [])).toBe(4); // a scalar
    expect(tensorBytes(ggmlTypeByName('Q8_0')!, [4096, 0])).toBe(0);
  });

  it('refuses a row that is not whole blocks, as ggml does, naming the tensor', () => {
    const q4k = ggmlTypeByName('Q4_K')!;
    expect(() => tensorBytes(q4k, [2880, 4], 'tensor blk.0.ffn_down.weight')).toThrow(
      /tensor blk.0.ffn_down.weight dims: a Q4_K row holds blocks of 256 weights, but the row has 2880/,
    );
  });

  it('refuses dims that are not counts, and sizes over 2^53 − 1', () => {
    expect(() => tensorElements([2, -1])).toThrow(GgufError);
    expect(() => tensorElements([2 ** 30, 2 ** 30])).toThrow(/over 2\^53/);
    expect(() => tensorBytes(ggmlTypeByName('F64')!, [2 ** 26, 2 ** 25])).toThrow(/bytes/);
    expect(tensorElements([3, 4, 5])).toBe(60);
  });
});
