/**
 * Plain readers of GGUF metadata: a string, a count (or a count per layer), and the counts the
 * explorer needs to size a model, under the keys llama.cpp writes (`Keys.LLM`,
 * `Keys.Attention` in llama.cpp gguf-py/gguf/constants.py; docs/gguf.md "LLM"). They read;
 * they do not map a file to a ModelSpec.
 */
import { GgufError } from './gguf-errors.ts';
import type { GgufFile } from './gguf.ts';
import type { GgufValue } from './gguf-values.ts';

/** What the readers need of a file: its name and metadata (a GgufFile or a merged split). */
export type GgufMetadataSource = Pick<GgufFile, 'file' | 'metadata'>;

/** A count, or one count per layer (llama.cpp reads some keys as either, `get_key_or_arr`). */
export type GgufCount = number | readonly number[];

const INTEGER_TYPES = new Set([
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'uint64',
  'int64',
]);

/** The string at `key`, undefined when absent; GgufError when it is not a string. */
export function ggufString(source: GgufMetadataSource, key: string): string | undefined {
  const kv = source.metadata.get(key);
  if (kv === undefined) return undefined;
  if (kv.type !== 'string') throw notA(source, key, 'a string', kv.type);
  return kv.value as string;
}

/**
 * The non-negative integer at `key` (any integer type), or an array of them (one per layer),
 * undefined when absent; GgufError when it is anything else or over 2^53 − 1.
 */
export function ggufCount(source: GgufMetadataSource, key: string): GgufCount | undefined {
  const kv = source.metadata.get(key);
  if (kv === undefined) return undefined;
  if (INTEGER_TYPES.has(kv.type)) return countOf(source, key, kv.value);
  const v = kv.value;
  if (kv.type === 'array' && typeof v === 'object' && INTEGER_TYPES.has(v.itemType)) {
    if (v.items === undefined)
      throw notA(source, key, 'its items (parse it without skipArrays)', 'them skipped');
    return v.items.map((item) => countOf(source, key, item));
  }
  throw notA(source, key, 'an integer or an array of integers', kv.type);
}

function countOf(source: GgufMetadataSource, key: string, v: GgufValue): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw notA(source, key, 'a count from 0 to 2^53 − 1', String(v));
  return v;
}

function notA(source: GgufMetadataSource, key: string, expected: string, got: string): GgufError {
  return new GgufError(source.file, undefined, `key ${key}`, `expected ${expected}, got ${got}`);
}

/** The counts that size a model, each undefined when the file does not say. */
export interface GgufModelCounts {
  /** general.architecture, e.g. "gpt-oss", "qwen3moe", "deepseek2". */
  readonly architecture: string | undefined;
  readonly blockCount: GgufCount | undefined;
  readonly embeddingLength: GgufCount | undefined;
  readonly feedForwardLength: GgufCount | undefined;
  readonly expertCount: GgufCount | undefined;
  readonly expertUsedCount: GgufCount | undefined;
  readonly expertSharedCount: GgufCount | undefined;
  readonly expertFeedForwardLength: GgufCount | undefined;
  readonly leadingDenseBlockCount: GgufCount | undefined;
  readonly headCount: GgufCount | undefined;
  readonly headCountKv: GgufCount | undefined;
  readonly contextLength: GgufCount | undefined;
}

/** Field -> key under `<arch>.` (llama.cpp gguf-py/gguf/constants.py `Keys.LLM`, `Keys.Attention`). */
const COUNT_KEYS = {
  blockCount: 'block_count',
  embeddingLength: 'embedding_length',
  feedForwardLength: 'feed_forward_length',
  expertCount: 'expert_count',
  expertUsedCount: 'expert_used_count',
  expertSharedCount: 'expert_shared_count',
  expertFeedForwardLength: 'expert_feed_forward_length',
  leadingDenseBlockCount: 'leading_dense_block_count',
  headCount: 'attention.head_count',
  headCountKv: 'attention.head_count_kv',
  contextLength: 'context_length',
} as const;

/**
 * The architecture and its counts, read from `<arch>.<key>`.
 *
 * @example ggufModelCounts(gptOss20b).expertCount // 32, from "gpt-oss.expert_count"
 */
export function ggufModelCounts(source: GgufMetadataSource): GgufModelCounts {
  const architecture = ggufString(source, 'general.architecture');
  const read = (key: string) =>
    architecture === undefined ? undefined : ggufCount(source, `${architecture}.${key}`);
  const counts = Object.fromEntries(
    Object.entries(COUNT_KEYS).map(([field, key]) => [field, read(key)]),
  ) as Omit<GgufModelCounts, 'architecture'>;
  return { architecture, ...counts };
}

/**
 * llama.cpp's names of `general.file_type` (`enum llama_ftype`, llama.cpp include/llama.h;
 * the names are llama-quantize's, tools/quantize/quantize.cpp QUANT_OPTIONS): the quant a file
 * was made with, most of its tensors being of that type. Ids 4 to 6 and 33 to 35 were removed.
 */
const FILE_TYPES: Readonly<Record<number, string>> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K',
  11: 'Q3_K_S', 12: 'Q3_K_M', 13: 'Q3_K_L', 14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S',
  17: 'Q5_K_M', 18: 'Q6_K', 19: 'IQ2_XXS', 20: 'IQ2_XS', 21: 'Q2_K_S', 22: 'IQ3_XS',
  23: 'IQ3_XXS', 24: 'IQ1_S', 25: 'IQ4_NL', 26: 'IQ3_S', 27: 'IQ3_M', 28: 'IQ2_S', 29: 'IQ2_M',
  30: 'IQ4_XS', 31: 'IQ1_M', 32: 'BF16', 36: 'TQ1_0', 37: 'TQ2_0', 38: 'MXFP4_MOE', 39: 'NVFP4',
  40: 'Q1_0',
}; // prettier-ignore

/**
 * The quant a file was made with, by llama.cpp's name ("Q4_K_M"), from `general.file_type`;
 * undefined when the file does not say, or says LLAMA_FTYPE_GUESSED (1024) or an unknown id.
 *
 * @example ggufFileType(unslothQ4km) // 'Q4_K_M' (general.file_type 15)
 */
export function ggufFileType(source: GgufMetadataSource): string | undefined {
  const id = source.metadata.get('general.file_type');
  if (id === undefined || typeof id.value !== 'number') return undefined;
  return FILE_TYPES[id.value];
}
