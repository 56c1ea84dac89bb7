/**
 * Weight and KV-cache storage formats, with their true bits per parameter including scales.
 * Sources: OCP Microscaling spec v1.0 (MXFP4), NVIDIA NVFP4 blog (2025), DeepSeek-V3 report
 * section 3.3.2 (FP8 128x128 block scales), llama.cpp ggml-common.h block structs and
 * tools/quantize/README.md (GGUF k-quants, measured on Llama-3.1-8B). See docs/research/hardware.md.
 */

export type WeightFormatId =
  | 'fp32'
  | 'bf16'
  | 'fp16'
  | 'fp8'
  | 'int8'
  | 'int4'
  | 'int4_g32'
  | 'w4a8'
  | 'mxfp4'
  | 'nvfp4'
  | 'q8_0'
  | 'q6_k'
  | 'q5_k_m'
  | 'q4_k_m'
  | 'q3_k_m'
  | 'q2_k';

/** Which tensor-core rate a format's matmuls run at (dequantized formats run at bf16). */
export type ComputePrecision = 'bf16' | 'fp8' | 'fp4';

export interface WeightFormat {
  id: WeightFormatId;
  label: string;
  /** Bits stored per parameter, scales and zero points included. */
  bitsPerParam: number;
  /** Quantizes only Linear layers; embeddings and lm_head stay at 16 bits (false for GGUF). */
  linearOnly: boolean;
  compute: ComputePrecision;
}

/** Each format's bits per parameter with, above it, how they are made up and the source. */
export const WEIGHT_FORMATS: Readonly<Record<WeightFormatId, WeightFormat>> = {
  fp32: {
    id: 'fp32',
    label: 'FP32',
    // IEEE single
    bitsPerParam: 32,
    linearOnly: false,
    compute: 'bf16',
  },
  bf16: {
    id: 'bf16',
    label: 'BF16',
    // bfloat16
    bitsPerParam: 16,
    linearOnly: false,
    compute: 'bf16',
  },
  fp16: {
    id: 'fp16',
    label: 'FP16',
    // IEEE half
    bitsPerParam: 16,
    linearOnly: false,
    compute: 'bf16',
  },
  fp8: {
    id: 'fp8',
    label: 'FP8 (block scales)',
    // E4M3 with one FP32 scale per 128x128 block: 8 + 32/16384 (DeepSeek-V3 report 3.3.2)
    bitsPerParam: 8 + 32 / (128 * 128),
    linearOnly: true,
    compute: 'fp8',
  },
  int8: {
    id: 'int8',
    label: 'INT8 (per-channel)',
    // INT8 with one FP32 scale per output channel of 4096 inputs: 8 + 32/4096 (W8A8); int8 tensor
    // cores run at the FP8 rate
    bitsPerParam: 8 + 32 / 4096,
    linearOnly: true,
    compute: 'fp8',
  },
  int4: {
    id: 'int4',
    label: 'INT4 (group 128)',
    // INT4 with one FP16 scale per group of 128: 4 + 16/128 (weight-only, dequantized to BF16 for
    // the matmul)
    bitsPerParam: 4 + 16 / 128,
    linearOnly: true,
    compute: 'bf16',
  },
  int4_g32: {
    id: 'int4_g32',
    label: 'INT4 (group 32)',
    // INT4 with one BF16 scale per group of 32: 4 + 16/32 (weight-only; Kimi K2 Thinking's and
    // K2.5's routed experts, compressed-tensors pack-quantized, "a quant scale of 1x32")
    bitsPerParam: 4 + 16 / 32,
    linearOnly: true,
    compute: 'bf16',
  },
  w4a8: {
    id: 'w4a8',
    label: 'W4A8 (INT4 weights, 8-bit activations)',
    // INT4 with one scale per group of 128, as int4: 4 + 16/128 (TensorRT-LLM's W4A8_AWQ, its
    // DeepSeek-R1 W4AFP8 experts); the activations are quantized to FP8 or INT8, so the matmul
    // runs at the 8-bit rate (AMD's Kimi-K2.5-W4A8: INT8 MFMA, per-channel scales)
    bitsPerParam: 4 + 16 / 128,
    linearOnly: true,
    compute: 'fp8',
  },
  mxfp4: {
    id: 'mxfp4',
    label: 'MXFP4',
    // E2M1 with one E8M0 scale per 32: 4 + 8/32 = 4.25 (OCP Microscaling spec v1.0; gpt-oss
    // experts)
    bitsPerParam: 4 + 8 / 32,
    linearOnly: true,
    compute: 'fp4',
  },
  nvfp4: {
    id: 'nvfp4',
    label: 'NVFP4',
    // E2M1 with one E4M3 scale per 16: 4 + 8/16 = 4.5 (NVIDIA, "Introducing NVFP4", 2025); the
    // per-tensor FP32 scale is negligible
    bitsPerParam: 4 + 8 / 16,
    linearOnly: true,
    compute: 'fp4',
  },
  q8_0: {
    id: 'q8_0',
    label: 'GGUF Q8_0',
    // block_q8_0: 34 bytes per 32 weights = 8.5 (llama.cpp ggml-common.h)
    bitsPerParam: 8.5,
    linearOnly: false,
    compute: 'bf16',
  },
  q6_k: {
    id: 'q6_k',
    label: 'GGUF Q6_K',
    // block_q6_K: 210 bytes per 256 weights = 6.5625 (llama.cpp ggml-common.h)
    bitsPerParam: 6.5625,
    linearOnly: false,
    compute: 'bf16',
  },
  q5_k_m: {
    id: 'q5_k_m',
    label: 'GGUF Q5_K_M',
    // mix of q5_K (5.5) and q6_K: 5.7036 bits per weight measured on Llama-3.1-8B (llama.cpp
    // tools/quantize/README.md)
    bitsPerParam: 5.7036,
    linearOnly: false,
    compute: 'bf16',
  },
  q4_k_m: {
    id: 'q4_k_m',
    label: 'GGUF Q4_K_M',
    // mix of q4_K (4.5) and q6_K: 4.8944 bits per weight measured on Llama-3.1-8B (llama.cpp
    // tools/quantize/README.md)
    bitsPerParam: 4.8944,
    linearOnly: false,
    compute: 'bf16',
  },
  q3_k_m: {
    id: 'q3_k_m',
    label: 'GGUF Q3_K_M',
    // mix of q3_K, q4_K, q5_K, q6_K: 3.74 GiB for Llama-3-8B = 4.0007 bits per weight (llama.cpp
    // quantize.cpp)
    bitsPerParam: 4.0007,
    linearOnly: false,
    compute: 'bf16',
  },
  q2_k: {
    id: 'q2_k',
    label: 'GGUF Q2_K',
    // mix of q2_K (2.625), q3_K, q4_K, q6_K: 3.1593 bits per weight measured on Llama-3.1-8B
    // (llama.cpp tools/quantize/README.md)
    bitsPerParam: 3.1593,
    linearOnly: false,
    compute: 'bf16',
  },
};

export const WEIGHT_FORMAT_IDS = Object.keys(WEIGHT_FORMATS) as WeightFormatId[];

/** The INT4 weight-only (W4A16) formats, whose kernels dequantize each weight to BF16. */
export function isWeightOnlyInt4(format: WeightFormatId): boolean {
  return format === 'int4' || format === 'int4_g32';
}

/**
 * KV-cache formats: 16-bit, FP8 (vLLM, SGLang, TensorRT-LLM), and llama.cpp's block formats
 * `--cache-type-k/-v q8_0` and `q4_0` (32 values per block with an FP16 scale: 34 and 18 bytes,
 * ggml-common.h `block_q8_0`, `block_q4_0`).
 */
export type KvDtype = 'bf16' | 'fp16' | 'fp8' | 'q8_0' | 'q4_0';
export const KV_DTYPES: readonly KvDtype[] = ['bf16', 'fp16', 'fp8', 'q8_0', 'q4_0'];

/** Values per block and bytes per block of a KV format (a 16- or 8-bit float: one value). */
const KV_BLOCKS: Readonly<Record<KvDtype, { values: number; bytes: number }>> = {
  bf16: { values: 1, bytes: 2 },
  fp16: { values: 1, bytes: 2 },
  // per-tensor scales are negligible
  fp8: { values: 1, bytes: 1 },
  q8_0: { values: 32, bytes: 34 },
  q4_0: { values: 32, bytes: 18 },
};

/** Mean bytes per stored KV element: 2 for bf16/fp16, 1 for fp8, 1.0625 for q8_0, 0.5625 for q4_0. */
export function kvDtypeBytes(dtype: KvDtype): number {
  return KV_BLOCKS[dtype].bytes / KV_BLOCKS[dtype].values;
}

/** Bytes of a row of `values` KV elements: whole blocks (llama.cpp quantizes each row). */
export function kvRowBytes(values: number, dtype: KvDtype): number {
  const { values: per, bytes } = KV_BLOCKS[dtype];
  return Math.ceil(values / per) * bytes;
}

/** The weight format for a name people use ("bfloat16", "BF16", "float8_e4m3fn", "Q4_K_M"), or null. */
export function weightFormatFromName(name: string): WeightFormatId | null {
  const n = name.trim().toLowerCase().replace(/-/g, '_');
  const aliases: Record<string, WeightFormatId> = {
    bfloat16: 'bf16',
    float16: 'fp16',
    half: 'fp16',
    float32: 'fp32',
    float: 'fp32',
    float8_e4m3fn: 'fp8',
    e4m3: 'fp8',
    fbgemm_fp8: 'fp8',
    compressed_tensors: 'fp8',
    gptq: 'int4',
    awq: 'int4',
    bitsandbytes_4bit: 'int4',
    w4a16: 'int4',
    w8a8: 'int8',
    w4afp8: 'w4a8',
    w4a8_awq: 'w4a8',
    modelopt_fp4: 'nvfp4',
  };
  // Own properties only: "__proto__" or "constructor" must not name a format.
  if (Object.hasOwn(WEIGHT_FORMATS, n)) return n as WeightFormatId;
  return Object.hasOwn(aliases, n) ? aliases[n]! : null;
}
