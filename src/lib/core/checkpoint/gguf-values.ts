/**
 * GGUF metadata values: the 13 value types of `enum gguf_metadata_value_type` (ggml
 * docs/gguf.md; the same ids as `GGUFValueType` in llama.cpp gguf-py/gguf/constants.py), read
 * from a GgufCursor. Arrays carry their item type and length, then their items; an array's
 * items may be skipped (its length kept) when the caller does not need them.
 */
import type { GgufCursor } from './gguf-reader.ts';

/** The value types, indexed by their id in the file. */
export const GGUF_VALUE_TYPES = [
  'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'bool', 'string', 'array',
  'uint64', 'int64', 'float64',
] as const; // prettier-ignore

export type GgufValueType = (typeof GGUF_VALUE_TYPES)[number];

/** An array value: its items' type, its length, and its items unless they were skipped. */
export interface GgufArray {
  readonly itemType: GgufValueType;
  readonly length: number;
  /** The items, or undefined when the parse was asked to skip this key's array. */
  readonly items: readonly GgufValue[] | undefined;
}

/**
 * A metadata value. Integers are numbers; a uint64/int64 beyond 2^53 − 1 is a bigint, kept
 * exact rather than refused, since only the keys a caller reads need to be counts.
 */
export type GgufValue = number | bigint | boolean | string | GgufArray;

/** One metadata entry: its value type in the file and its value. */
export interface GgufKv {
  readonly type: GgufValueType;
  readonly value: GgufValue;
}

/**
 * The most items an array may hold: ggml's reader refuses more (GGUF_MAX_ARRAY_ELEMENTS, 2^30,
 * ggml src/gguf.cpp). Real vocabularies hold up to ~260,000 tokens.
 */
export const MAX_GGUF_ARRAY_LENGTH = 1024 * 1024 * 1024;

/**
 * How deep arrays may nest. The spec allows arrays of arrays (docs/gguf.md, "Arrays can be
 * nested"); ggml's own reader allows none, and no real file nests, so a few levels suffice.
 */
export const MAX_GGUF_ARRAY_DEPTH = 4;

/** Bytes of one value of each fixed-size type; string 8 and array 12 are their least. */
const SIZE: Record<GgufValueType, number> = {
  uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4, bool: 1,
  string: 8, array: 12, uint64: 8, int64: 8, float64: 8,
}; // prettier-ignore

/** Reads a value type id (uint32), refusing one outside the 13. */
export function readValueType(c: GgufCursor, what: string): GgufValueType {
  const at = c.pos;
  const id = c.u32(`${what} type`);
  const type = GGUF_VALUE_TYPES[id];
  if (type === undefined) c.fail(`${what} type`, `expected a value type 0 to 12, got ${id}`, at);
  return type;
}

/** Reads one value of `type`; `skip` drops array items (their length is kept). */
export function readValue(
  c: GgufCursor,
  type: GgufValueType,
  what: string,
  skip = false,
  depth = 0,
): GgufValue {
  if (type === 'array') return readArray(c, what, skip, depth + 1);
  if (type === 'string') return c.string(what);
  if (type === 'uint64') return c.u64(what);
  if (type === 'int64') return c.i64(what);
  c.need(SIZE[type], what);
  const v = readFixed(c.data, c.pos, type);
  if (type === 'bool' && v !== 0 && v !== 1)
    c.fail(what, `a bool must be 0 or 1 (docs/gguf.md), got ${v}`);
  c.pos += SIZE[type];
  return type === 'bool' ? v === 1 : v;
}

function readFixed(view: DataView, at: number, type: GgufValueType): number {
  switch (type) {
    case 'uint8':
    case 'bool':
      return view.getUint8(at);
    case 'int8':
      return view.getInt8(at);
    case 'uint16':
      return view.getUint16(at, true);
    case 'int16':
      return view.getInt16(at, true);
    case 'uint32':
      return view.getUint32(at, true);
    case 'int32':
      return view.getInt32(at, true);
    case 'float32':
      return view.getFloat32(at, true);
    case 'float64':
      return view.getFloat64(at, true);
    default:
      throw new Error(`not a fixed-size GGUF value type: ${type}`);
  }
}

function readArray(c: GgufCursor, what: string, skip: boolean, depth: number): GgufArray {
  const at = c.pos;
  if (depth > MAX_GGUF_ARRAY_DEPTH)
    c.fail(what, `arrays nest over ${MAX_GGUF_ARRAY_DEPTH} deep`, at);
  const itemType = readValueType(c, `${what} item`);
  const length = c.count(`${what} length`, MAX_GGUF_ARRAY_LENGTH);
  if (length * SIZE[itemType] > c.left)
    c.fail(
      `${what} length`,
      `${length} ${itemType} items need at least ${length * SIZE[itemType]} bytes, ` +
        `past the file's end (${c.left} left)`,
      at,
    );
  if (skip) {
    skipItems(c, itemType, length, what, depth);
    return { itemType, length, items: undefined };
  }
  return { itemType, length, items: readItems(c, itemType, length, what, depth) };
}

function readItems(
  c: GgufCursor,
  type: GgufValueType,
  length: number,
  what: string,
  depth: number,
): GgufValue[] {
  const size = SIZE[type];
  const items: GgufValue[] = [];
  if (type !== 'string' && type !== 'array' && type !== 'bool' && size < 8) {
    c.need(length * size, `${what} items`);
    for (let i = 0, at = c.pos; i < length; i++, at += size)
      items.push(readFixed(c.data, at, type));
    c.pos += length * size;
    return items;
  }
  const item = `${what} item`;
  for (let i = 0; i < length; i++) items.push(readValue(c, type, item, false, depth));
  return items;
}

function skipItems(
  c: GgufCursor,
  type: GgufValueType,
  length: number,
  what: string,
  depth: number,
): void {
  const item = `${what} item`;
  if (type === 'string') {
    for (let i = 0; i < length; i++) {
      const n = c.stringLength(item); // moves past the length
      c.pos += n;
    }
  } else if (type === 'array') {
    for (let i = 0; i < length; i++) readArray(c, item, true, depth + 1);
  } else {
    c.skip(length * SIZE[type], `${what} items`);
  }
}
