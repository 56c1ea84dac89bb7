/**
 * A GGUF file's header, read from its first bytes alone (no weights): magic "GGUF", version,
 * tensor count, metadata count, the metadata, then one info per tensor (name, dims, type,
 * offset), padding to the alignment, and the tensor data (ggml docs/gguf.md "File Structure").
 * The checks are the spec's and those of ggml's own reader (ggml src/gguf.cpp
 * `gguf_init_from_file_impl`), each failing with a message naming what and where.
 *
 * Limits (each refused with a GgufError): a count must fit the bytes left in the file (a tensor
 * info takes at least 25 bytes, a metadata entry 14); at most MAX_GGUF_TENSORS tensors and
 * MAX_GGUF_KEYS keys; keys at most 65,535 bytes and tensor names at most 64 (docs/gguf.md);
 * strings at most 1 GiB and arrays 2^30 items, nested at most 4 deep (gguf-values.ts); at most
 * 4 dims (GGML_MAX_DIMS, ggml include/ggml.h) and 2^53 − 1 elements per tensor.
 */
import { GgufCursor } from './gguf-reader.ts';
import { readValue, readValueType, type GgufKv } from './gguf-values.ts';
import { ggmlType, tensorBytes, tensorElements } from './ggml-types.ts';
import { GgufError } from './gguf-errors.ts';

/** One tensor of a GGUF file, as its tensor info describes it. */
export interface GgufTensorInfo {
  readonly name: string;
  /** Dims in ggml order: dims[0] is the row length (the reverse of PyTorch's shape). */
  readonly dims: readonly number[];
  /** The ggml type id (ggml-types.ts) and its name. */
  readonly type: number;
  readonly typeName: string;
  /** Offset of its data from the start of the data section (a multiple of the alignment). */
  readonly offset: number;
  /** Exact bytes of its data, without the padding after it. */
  readonly bytes: number;
  /** Weights (elements) it holds. */
  readonly elements: number;
}

/** A parsed GGUF header. */
export interface GgufFile {
  /** The file's name as given (ParseGgufOptions.file), for messages. */
  readonly file: string;
  readonly version: 2 | 3;
  /** The metadata, by key, in the file's order. */
  readonly metadata: ReadonlyMap<string, GgufKv>;
  readonly tensors: readonly GgufTensorInfo[];
  /** general.alignment, or 32 when absent (docs/gguf.md). */
  readonly alignment: number;
  /** Byte offset from the start of the file where the tensor data begins. */
  readonly dataOffset: number;
  /** The whole file's size as given (Infinity when unknown). */
  readonly fileBytes: number;
}

export interface ParseGgufOptions {
  /** The file's name, for messages. */
  file?: string;
  /**
   * The whole file's size when `bytes` is only its start (an HTTP Range, a File slice), or
   * Infinity when unknown; default `bytes.length`, that is `bytes` is the whole file.
   */
  fileBytes?: number;
  /** Skip the items of arrays (all, or the keys this returns true for); lengths are kept. */
  skipArrays?: boolean | ((key: string) => boolean);
}

/** The most tensors a file may list; the largest real models list a few thousand. */
export const MAX_GGUF_TENSORS = 1_000_000;
/** The most metadata keys a file may hold; real files hold under a hundred. */
export const MAX_GGUF_KEYS = 1_000_000;
/** The longest key (docs/gguf.md: "at most 2^16-1/65535 bytes long"). */
export const MAX_GGUF_KEY_BYTES = 65_535;
/** The longest tensor name (docs/gguf.md: "at most 64 bytes long"). */
export const MAX_GGUF_TENSOR_NAME_BYTES = 64;
/** The most dims of a tensor (GGML_MAX_DIMS, ggml include/ggml.h). */
export const MAX_GGUF_DIMS = 4;
/** general.alignment's default when absent (GGUF_DEFAULT_ALIGNMENT, ggml include/gguf.h). */
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** Least bytes of a tensor info: name length 8, a 1-byte name, n_dims 4, type 4, offset 8. */
const MIN_TENSOR_INFO_BYTES = 25;
/** Least bytes of a metadata entry: key length 8, a 1-byte key, type 4, a 1-byte value. */
const MIN_KV_BYTES = 14;

/**
 * Reads a GGUF header. Throws GgufNeedMore when `bytes` ends before the header does but the
 * file goes on (fetch at least `.bytes` bytes and call again), and GgufError when the file is
 * not GGUF, is of another version, is truncated or damaged.
 *
 * @example
 *   const head = new Uint8Array(await file.slice(0, 16 << 20).arrayBuffer());
 *   parseGguf(head, { file: file.name, fileBytes: file.size, skipArrays: true }).tensors.length
 */
export function parseGguf(bytes: Uint8Array, options: ParseGgufOptions = {}): GgufFile {
  const fileBytes = options.fileBytes ?? bytes.length;
  const file = options.file ?? 'GGUF file';
  const c = new GgufCursor(bytes, fileBytes, file);
  if (!(fileBytes >= bytes.length)) c.fail('size', `the file is ${fileBytes} bytes, < the buffer`);
  const version = readPreamble(c);
  const tensorCount = readCount(c, 'tensor count', MAX_GGUF_TENSORS, MIN_TENSOR_INFO_BYTES);
  const kvCount = readCount(c, 'metadata count', MAX_GGUF_KEYS, MIN_KV_BYTES);
  if (kvCount * MIN_KV_BYTES + tensorCount * MIN_TENSOR_INFO_BYTES > c.left)
    c.fail(
      'counts',
      `${kvCount} keys and ${tensorCount} tensors cannot fit in ${c.left} bytes left (truncated?)`,
    );
  const metadata = readMetadata(c, kvCount, options.skipArrays ?? false);
  const alignment = readAlignment(c, metadata);
  const tensors: GgufTensorInfo[] = [];
  const names = new Set<string>();
  for (let i = 0; i < tensorCount; i++) tensors.push(readTensorInfo(c, i, alignment, names));
  const dataOffset = Math.ceil(c.pos / alignment) * alignment;
  checkData(c, tensors, dataOffset);
  return { file, version, metadata, tensors, alignment, dataOffset, fileBytes };
}

/** Magic "GGUF" (0x47 0x47 0x55 0x46) then version: 2 and 3 read alike in little-endian. */
function readPreamble(c: GgufCursor): 2 | 3 {
  c.need(4, 'magic');
  const magic = c.bytes.subarray(0, 4);
  if (String.fromCharCode(...magic) !== 'GGUF')
    c.fail('magic', `expected "GGUF" (a .gguf file), got ${showBytes(magic)}`);
  c.pos = 4;
  const version = c.u32('version');
  // A big-endian file's version 3 reads as 0x03000000 (ggml src/gguf.cpp: "mismatch between
  // the host and model endianness"); version 1 stored counts as uint32 and is no longer read.
  if ((version & 0xffff) === 0 && version !== 0)
    c.fail('version', `${version} is a big-endian GGUF file, which is not supported`, 4);
  if (version !== 2 && version !== 3)
    c.fail('version', `expected 2 or 3, got ${version}${version === 1 ? ' (GGUF v1)' : ''}`, 4);
  return version;
}

function showBytes(bytes: Uint8Array): string {
  const text = [...bytes].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'));
  return `"${text.join('')}" (${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')})`;
}

/** A uint64 count, at most `max` and `count x least` bytes within what is left. */
function readCount(c: GgufCursor, what: string, max: number, leastEach: number): number {
  const at = c.pos;
  const n = c.count(what, max);
  if (n * leastEach > c.left)
    c.fail(what, `${n} cannot fit in the ${c.left} bytes left in the file (truncated?)`, at);
  return n;
}

function readMetadata(
  c: GgufCursor,
  count: number,
  skipArrays: boolean | ((key: string) => boolean),
): Map<string, GgufKv> {
  const metadata = new Map<string, GgufKv>();
  for (let i = 0; i < count; i++) {
    const at = c.pos;
    const key = c.string(`key ${i}`, MAX_GGUF_KEY_BYTES);
    if (key === '') c.fail(`key ${i}`, 'a key must not be empty', at);
    if (metadata.has(key)) c.fail(`key ${i}`, `"${key}" appears twice`, at);
    const type = readValueType(c, `key ${key}`);
    const skip = typeof skipArrays === 'function' ? skipArrays(key) : skipArrays;
    metadata.set(key, { type, value: readValue(c, type, `key ${key}`, skip) });
  }
  return metadata;
}

/** general.alignment: a uint32 power of two (ggml src/gguf.cpp), default 32. */
function readAlignment(c: GgufCursor, metadata: ReadonlyMap<string, GgufKv>): number {
  const kv = metadata.get('general.alignment');
  if (kv === undefined) return GGUF_DEFAULT_ALIGNMENT;
  const a = kv.value;
  if (kv.type !== 'uint32' || typeof a !== 'number' || a === 0 || (a & (a - 1)) !== 0)
    c.fail('key general.alignment', `expected a uint32 power of two, got ${kv.type} ${a}`);
  return a;
}

function readTensorInfo(
  c: GgufCursor,
  i: number,
  alignment: number,
  names: Set<string>,
): GgufTensorInfo {
  const at = c.pos;
  const name = c.string(`tensor ${i} name`, MAX_GGUF_TENSOR_NAME_BYTES);
  if (names.has(name)) c.fail(`tensor ${i} name`, `"${name}" appears twice`, at);
  names.add(name);
  const what = `tensor ${name}`;
  const dimsAt = c.pos;
  const nDims = c.u32(`${what} n_dims`);
  if (nDims > MAX_GGUF_DIMS) c.fail(`${what} n_dims`, `${nDims} is over ${MAX_GGUF_DIMS}`, dimsAt);
  const dims: number[] = [];
  for (let d = 0; d < nDims; d++) dims.push(c.count(`${what} dim ${d}`, Number.MAX_SAFE_INTEGER));
  const typeAt = c.pos;
  const typeId = c.u32(`${what} type`);
  const type = ggmlType(typeId);
  if (type === undefined) c.fail(`${what} type`, `unknown ggml type id ${typeId}`, typeAt);
  const offsetAt = c.pos;
  const offset = c.count(`${what} offset`, Number.MAX_SAFE_INTEGER);
  if (offset % alignment !== 0)
    c.fail(`${what} offset`, `${offset} is not a multiple of the alignment ${alignment}`, offsetAt);
  const sized = relocate(c, dimsAt, () => ({
    elements: tensorElements(dims, what),
    bytes: tensorBytes(type, dims, what),
  }));
  return { name, dims, type: type.id, typeName: type.name, offset, ...sized };
}

/** Runs `f`, giving a GgufError it throws this file's name and the offset `at`. */
function relocate<T>(c: GgufCursor, at: number, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof GgufError) c.fail(error.field.replace(/^GGUF /, ''), error.expected, at);
    throw error;
  }
}

/** Tensors must not overlap, and must end within the file (else it is truncated). */
function checkData(c: GgufCursor, tensors: readonly GgufTensorInfo[], dataOffset: number): void {
  const byOffset = [...tensors].sort((a, b) => a.offset - b.offset);
  let end = 0;
  let last: GgufTensorInfo | undefined;
  for (const t of byOffset) {
    if (last && t.offset < end)
      c.fail(`tensor ${t.name} offset`, `${t.offset} overlaps tensor ${last.name}`, dataOffset);
    end = t.offset + t.bytes;
    last = t;
  }
  if (last && dataOffset + end > c.fileBytes)
    c.fail(
      `tensor ${last.name} data`,
      `ends at byte ${dataOffset + end}, but the file has ${c.fileBytes} bytes (truncated)`,
      dataOffset + last.offset,
    );
}
