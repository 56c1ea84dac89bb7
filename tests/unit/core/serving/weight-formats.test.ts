import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isWeightOnlyInt4,
  KV_DTYPES,
  kvDtypeBytes,
  WEIGHT_FORMAT_IDS,
  WEIGHT_FORMATS,
  weightFormatFromName,
} from '../../../../src/lib/core/index.ts';

describe('weight formats', () => {
  it.each([
    ['bf16', 16],
    ['fp8', 8 + 32 / 16384], // DeepSeek-V3 report 3.3.2: FP32 scale per 128x128 block
    ['int4', 4.125], // FP16 scale per group of 128
    ['int4_g32', 4.5], // BF16 scale per group of 32 (Kimi K2 Thinking)
    ['w4a8', 4.125], // the same INT4 groups; TensorRT-LLM W4A8_AWQ
    ['mxfp4', 4.25], // OCP MX v1.0: E8M0 scale per 32
    ['nvfp4', 4.5], // E4M3 scale per 16
    ['q8_0', 8.5], // ggml block_q8_0: 34 bytes / 32
    ['q6_k', 6.5625], // ggml block_q6_K: 210 bytes / 256
    ['q4_k_m', 4.8944], // llama.cpp tools/quantize/README.md, Llama-3.1-8B
  ] as const)('%s stores %f bits per parameter', (id, bits) => {
    expect(WEIGHT_FORMATS[id].bitsPerParam).toBeCloseTo(bits, 10);
  });

  it('WEIGHT_FORMAT_IDS lists the 16 formats, each under its own id, with a label', () => {
    expect(WEIGHT_FORMAT_IDS).toHaveLength(16);
    for (const id of WEIGHT_FORMAT_IDS) {
      expect(WEIGHT_FORMATS[id].id).toBe(id);
      expect(WEIGHT_FORMATS[id].label).not.toBe('');
    }
  });

  it('every format states, in the source, how its bits are made up and where that comes from', () => {
    const source = readFileSync(
      new URL('../../../../src/lib/core/serving/weight-formats.ts', import.meta.url),
      'utf8',
    );
    // Each entry's bitsPerParam line has a comment above it.
    const sourced = source.match(/\/\/ [^\n]+\n {4}bitsPerParam:/g) ?? [];
    expect(sourced).toHaveLength(WEIGHT_FORMAT_IDS.length);
  });

  it('fp8, int8, both INT4s, W4A8, MXFP4 and NVFP4 quantize Linear layers only; floats and GGUF formats all weights', () => {
    expect(WEIGHT_FORMAT_IDS.filter((id) => WEIGHT_FORMATS[id].linearOnly)).toEqual([
      'fp8',
      'int8',
      'int4',
      'int4_g32',
      'w4a8',
      'mxfp4',
      'nvfp4',
    ]);
  });

  it('MXFP4 and NVFP4 matmuls run at the FP4 rate, FP8, INT8 and W4A8 at the FP8 rate, weight-only INT4 at BF16', () => {
    expect(WEIGHT_FORMATS.w4a8.compute).toBe('fp8');
    expect(WEIGHT_FORMATS.int4_g32.compute).toBe('bf16');
    expect(WEIGHT_FORMAT_IDS.filter(isWeightOnlyInt4)).toEqual(['int4', 'int4_g32']);
    expect(WEIGHT_FORMATS.mxfp4.compute).toBe('fp4');
    expect(WEIGHT_FORMATS.nvfp4.compute).toBe('fp4');
    expect(WEIGHT_FORMATS.fp8.compute).toBe('fp8');
    expect(WEIGHT_FORMATS.int8.compute).toBe('fp8');
    expect(WEIGHT_FORMATS.int4.compute).toBe('bf16');
  });
});

describe('kvDtypeBytes', () => {
  it.each([
    ['bf16', 2],
    ['fp16', 2],
    ['fp8', 1],
    // ggml-common.h: block_q8_0 is 32 int8 and an FP16 scale (34 B), block_q4_0 16 B and one (18 B)
    ['q8_0', 34 / 32],
    ['q4_0', 18 / 32],
  ] as const)('kvDtypeBytes(%s) is %d', (dtype, bytes) => {
    expect(kvDtypeBytes(dtype)).toBe(bytes);
  });

  it("KV_DTYPES are bf16, fp16, fp8 and llama.cpp's q8_0 and q4_0", () => {
    expect(KV_DTYPES).toEqual(['bf16', 'fp16', 'fp8', 'q8_0', 'q4_0']);
  });
});

describe('weightFormatFromName', () => {
  it.each([
    ['bfloat16', 'bf16'], // torch_dtype
    ['BF16', 'bf16'],
    ['float16', 'fp16'],
    ['float32', 'fp32'],
    ['float8_e4m3fn', 'fp8'],
    ['fbgemm_fp8', 'fp8'], // quant_method values of quantization_config
    ['gptq', 'int4'],
    ['awq', 'int4'],
    ['w4afp8', 'w4a8'],
    ['W4A8_AWQ', 'w4a8'], // TensorRT-LLM's quant_algo
    ['modelopt_fp4', 'nvfp4'],
    ['Q4_K_M', 'q4_k_m'], // GGUF names
    ['q4-k-m', 'q4_k_m'],
    [' mxfp4 ', 'mxfp4'],
  ])('weightFormatFromName(%j) is %s', (name, id) => {
    expect(weightFormatFromName(name)).toBe(id);
  });

  it('weightFormatFromName of an unknown name is null', () => {
    expect(weightFormatFromName('fp7')).toBeNull();
  });
});

describe('weight format names', () => {
  it.each(['__proto__', 'constructor', 'toString'])('%j names no format', (name) => {
    expect(weightFormatFromName(name)).toBeNull();
  });
});
