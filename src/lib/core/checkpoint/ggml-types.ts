/**
 * The tensor types of GGUF files (ggml's `enum ggml_type`): for each, how many weights a block
 * holds and how many bytes that block takes, so a tensor's size in the file is exact.
 *
 * Sources: the ids are `enum ggml_type` in ggml include/ggml.h (and docs/gguf.md); block size
 * and bytes per block are `GGML_QUANT_SIZES` in llama.cpp gguf-py/gguf/constants.py (commit
 * 0024aa7), which mirrors `type_traits[].blck_size` / `sizeof(block_*)` in ggml src/ggml.c and
 * the `static_assert`s on the block structs in ggml src/ggml-common.h (QK_K = 256). Q2_0 (42)
 * is only in ggml so far: QK2_0 = 64, sizeof(block_q2_0) = sizeof(ggml_half) + QK2_0 / 4 = 18.
 * Ids 4, 5 (Q4_2, Q4_3), 31-33 (Q4_0_4_4, Q4_0_4_8, Q4_0_8_8) and 36-38 (IQ4_NL_4_4, ...) were
 * removed from GGUF files and are refused.
 */
import { GgufError } from './gguf-errors.ts';

/** One ggml tensor type: its id in GGUF files, its name, weights per block, bytes per block. */
export interface GgmlType {
  readonly id: number;
  /** The name gguf-py uses (`GGMLQuantizationType`), e.g. "Q4_K", "MXFP4", "BF16". */
  readonly name: string;
  /** Weights per block: a row's length must be a multiple of it. */
  readonly blockSize: number;
  /** Bytes one block takes in the file. */
  readonly typeSize: number;
}

const K = 256; // QK_K, ggml src/ggml-common.h

/** [id, name, block size, bytes per block], in id order; the sum beside each is gguf-py's. */
const TABLE: readonly (readonly [number, string, number, number])[] = [
  [0, 'F32', 1, 4],
  [1, 'F16', 1, 2],
  [2, 'Q4_0', 32, 2 + 16],
  [3, 'Q4_1', 32, 2 + 2 + 16],
  [6, 'Q5_0', 32, 2 + 4 + 16],
  [7, 'Q5_1', 32, 2 + 2 + 4 + 16],
  [8, 'Q8_0', 32, 2 + 32],
  [9, 'Q8_1', 32, 4 + 4 + 32],
  [10, 'Q2_K', K, 2 + 2 + K / 16 + K / 4],
  [11, 'Q3_K', K, 2 + K / 4 + K / 8 + 12],
  [12, 'Q4_K', K, 2 + 2 + K / 2 + 12],
  [13, 'Q5_K', K, 2 + 2 + K / 2 + K / 8 + 12],
  [14, 'Q6_K', K, 2 + K / 2 + K / 4 + K / 16],
  [15, 'Q8_K', K, 4 + K + K / 8],
  [16, 'IQ2_XXS', K, 2 + K / 4],
  [17, 'IQ2_XS', K, 2 + K / 4 + K / 32],
  [18, 'IQ3_XXS', K, 2 + K / 4 + K / 8],
  [19, 'IQ1_S', K, 2 + K / 8 + K / 16],
  [20, 'IQ4_NL', 32, 2 + 16],
  [21, 'IQ3_S', K, 2 + K / 4 + K / 8 + K / 32 + 4],
  [22, 'IQ2_S', K, 2 + K / 4 + K / 16],
  [23, 'IQ4_XS', K, 2 + 2 + K / 2 + K / 64],
  [24, 'I8', 1, 1],
  [25, 'I16', 1, 2],
  [26, 'I32', 1, 4],
  [27, 'I64', 1, 8],
  [28, 'F64', 1, 8],
  [29, 'IQ1_M', K, K / 8 + K / 16 + K / 32],
  [30, 'BF16', 1, 2],
  [34, 'TQ1_0', K, 2 + 4 * 13],
  [35, 'TQ2_0', K, 2 + 64],
  [39, 'MXFP4', 32, 1 + 16],
  [40, 'NVFP4', 64, 4 + 32],
  [41, 'Q1_0', 128, 2 + 16],
  [42, 'Q2_0', 64, 2 + 16],
];

/** Every tensor type a GGUF file may hold, in id order. */
export const GGML_TYPES: readonly GgmlType[] = TABLE.map(([id, name, blockSize, typeSize]) => ({
  id,
  name,
  blockSize,
  typeSize,
}));

const BY_ID = new Map(GGML_TYPES.map((t) => [t.id, t]));
const BY_NAME = new Map(GGML_TYPES.map((t) => [t.name.toLowerCase(), t]));

/** The type with this id, or undefined for an id no GGUF file may use. */
export function ggmlType(id: number): GgmlType | undefined {
  return BY_ID.get(id);
}

/** The type with this name, any case ("q4_k", "Q4_K", "mxfp4"), or undefined. */
export function ggmlTypeByName(name: string): GgmlType | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/**
 * Bits one weight takes: bytes per block x 8 / weights per block.
 *
 * @example bitsPerWeight(ggmlTypeByName('Q4_K')!) // 144 x 8 / 256 = 4.5
 */
export function bitsPerWeight(type: GgmlType): number {
  return (type.typeSize * 8) / type.blockSize;
}

/**
 * Elements of a tensor: the product of its dims (1 for none), exact or GgufError when over
 * 2^53 − 1 or a dim is not a non-negative integer.
 */
export function tensorElements(dims: readonly number[], what = 'tensor'): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0)
      throw new GgufError(
        'GGUF',
        undefined,
        `${what} dims`,
        `expected non-negative integers, got ${d}`,
      );
    n *= d;
  }
  if (!Number.isSafeInteger(n))
    throw new GgufError(
      'GGUF',
      undefined,
      `${what} dims`,
      `[${dims.join(', ')}] is over 2^53 − 1 elements`,
    );
  return n;
}

/**
 * Exact bytes of a tensor of this type and dims (ggml order: dims[0] is the row length):
 * elements / block size x bytes per block, as ggml's `ggml_nbytes` (ggml src/ggml.c). The row
 * length must be a multiple of the block size, which ggml's GGUF reader also requires
 * (ggml src/gguf.cpp, "not a multiple of block size"); GgufError otherwise.
 *
 * @example tensorBytes(ggmlTypeByName('Q4_K')!, [4096, 4096]) // 4096 x 16 blocks x 144 = 9_437_184
 */
export function tensorBytes(type: GgmlType, dims: readonly number[], what = 'tensor'): number {
  const elements = tensorElements(dims, what);
  const row = dims.length > 0 ? dims[0]! : 1;
  if (row % type.blockSize !== 0)
    throw new GgufError(
      'GGUF',
      undefined,
      `${what} dims`,
      `a ${type.name} row holds blocks of ${type.blockSize} weights, but the row has ${row}`,
    );
  const bytes = (elements / type.blockSize) * type.typeSize;
  if (!Number.isSafeInteger(bytes))
    throw new GgufError('GGUF', undefined, `${what} bytes`, `${bytes} is over 2^53 − 1`);
  return bytes;
}
