/**
 * The tensor list of a checkpoint, read from safetensors headers alone (no weights): the format
 * is an 8-byte little-endian header length N, then N bytes of JSON mapping each tensor name to
 * { dtype, shape, data_offsets }, plus an optional "__metadata__" object of strings
 * (huggingface/safetensors, README "Format"). A sharded checkpoint lists its shards in
 * model.safetensors.index.json ({ metadata: { total_size }, weight_map: { name: file } }).
 */
import { ConfigError } from '../model/errors.ts';
import { isObject } from '../model/config-reader.ts';

/** One tensor of a checkpoint: its name, element type and shape. */
export interface TensorEntry {
  name: string;
  dtype: string;
  shape: readonly number[];
}

/**
 * The largest header read: the safetensors library refuses headers over 100 MB
 * (safetensors/src/tensor.rs MAX_HEADER_SIZE); real ones are a few hundred kilobytes.
 */
export const MAX_HEADER_BYTES = 100_000_000;

/** Element types of the safetensors format (safetensors/src/tensor.rs `Dtype`). */
export const SAFETENSORS_DTYPES = [
  'BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'F8_E8M0', 'F4', 'F6_E2M3', 'F6_E3M2',
  'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64', 'C64',
] as const; // prettier-ignore

/**
 * The header's length from a file's first 8 bytes (u64, little-endian); throws ConfigError
 * when it is not a safetensors file or the header is over MAX_HEADER_BYTES.
 *
 * @example headerLength(Uint8Array.of(0x10, 0, 0, 0, 0, 0, 0, 0)) // 16
 */
export function headerLength(first8: Uint8Array, file = 'model.safetensors'): number {
  if (first8.length < 8)
    throw new ConfigError(file, `${first8.length} bytes`, 'a safetensors file (8 length bytes)');
  let n = 0;
  for (let i = 7; i >= 0; i--) n = n * 256 + first8[i]!;
  if (n < 2 || n > MAX_HEADER_BYTES)
    throw new ConfigError(`${file} header length`, n, `2 to ${MAX_HEADER_BYTES} bytes`);
  return n;
}

/**
 * The tensors of one safetensors header (its JSON text), in the header's order. Throws
 * ConfigError naming the tensor and what is wrong with it.
 */
export function parseHeader(text: string, file = 'model.safetensors'): TensorEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file} header`, text.slice(0, 40), 'JSON (a safetensors header)');
  }
  if (!isObject(json)) throw new ConfigError(`${file} header`, json, 'a JSON object');
  const tensors: TensorEntry[] = [];
  for (const [name, entry] of Object.entries(json)) {
    if (name === '__metadata__') continue;
    tensors.push(readEntry(`${file}: ${name}`, name, entry));
  }
  return tensors;
}

function readEntry(where: string, name: string, entry: unknown): TensorEntry {
  if (!isObject(entry)) throw new ConfigError(where, entry, 'an object with dtype and shape');
  const { dtype, shape } = entry as { dtype?: unknown; shape?: unknown };
  if (typeof dtype !== 'string' || !(SAFETENSORS_DTYPES as readonly string[]).includes(dtype))
    throw new ConfigError(`${where} dtype`, dtype, `one of ${SAFETENSORS_DTYPES.join(', ')}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new ConfigError(`${where} shape`, shape, 'a list of non-negative integers');
  return { name, dtype, shape: shape as number[] };
}

/** Elements in a tensor: the product of its shape (1 for a scalar); exact or ConfigError. */
export function elements(tensor: TensorEntry): number {
  let n = 1;
  for (const d of tensor.shape) n *= d;
  if (!Number.isSafeInteger(n))
    throw new ConfigError(`${tensor.name} shape`, tensor.shape, 'at most 2^53 − 1 elements');
  return n;
}

/**
 * The shard files of a sharded checkpoint's index (model.safetensors.index.json), each once,
 * in order of first mention.
 */
export function shardFiles(index: unknown): string[] {
  const map = isObject(index) ? (index as { weight_map?: unknown }).weight_map : undefined;
  if (!isObject(map))
    throw new ConfigError('model.safetensors.index.json weight_map', map, 'an object');
  const files = new Set<string>();
  for (const [name, file] of Object.entries(map)) {
    if (typeof file !== 'string' || !/^[\w.-]+\.safetensors$/.test(file))
      throw new ConfigError(`weight_map.${name}`, file, 'a .safetensors file name');
    files.add(file);
  }
  return [...files];
}
