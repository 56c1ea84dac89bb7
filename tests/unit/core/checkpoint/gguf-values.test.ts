import { describe, expect, it } from 'vitest';
import {
  GGUF_VALUE_TYPES,
  MAX_GGUF_ARRAY_DEPTH,
  MAX_GGUF_ARRAY_LENGTH,
  readValue,
  readValueType,
} from '../../../../src/lib/core/checkpoint/gguf-values.ts';
import { GgufCursor } from '../../../../src/lib/core/checkpoint/gguf-reader.ts';
import { GgufWriter, meta, type MetaValue } from '../../helpers/gguf-builder.ts';

const read = (v: MetaValue, skip = false) => {
  const bytes = new GgufWriter().value(v, v.type).bytes();
  const c = new GgufCursor(bytes, bytes.length, 'v.gguf');
  const value = readValue(c, v.type, 'key k', skip);
  expect(c.pos).toBe(bytes.length); // every byte read, none past
  return value;
};

describe('GGUF metadata values', () => {
  it('has the 13 value types in their id order (docs/gguf.md gguf_metadata_value_type)', () => {
    expect(GGUF_VALUE_TYPES).toEqual(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'bool', 'string', 'array', 'uint64', 'int64', 'float64']);
    expect([MAX_GGUF_ARRAY_LENGTH, MAX_GGUF_ARRAY_DEPTH]).toEqual([2 ** 30, 4]);
  }); // prettier-ignore

  it.each([
    [meta.u8(200), 200], [meta.i8(-3), -3], [meta.u16(60_000), 60_000], [meta.i16(-300), -300],
    [meta.u32(3e9), 3e9], [meta.i32(-3e8), -3e8], [meta.f32(0.25), 0.25], [meta.bool(false), false],
    [meta.str('tokenizer'), 'tokenizer'], [meta.u64(2n ** 63n), 2n ** 63n], [meta.i64(-(2n ** 62n)), -(2n ** 62n)],
    [meta.f64(Math.PI), Math.PI],
  ] as const)('reads %o', (v, expected) => {
    expect(read(v)).toEqual(expected);
  }); // prettier-ignore

  it('reads arrays of each kind of item, and skips their items when asked', () => {
    expect(read(meta.arr('float32', [1, 2.5]))).toEqual({ itemType: 'float32', length: 2, items: [1, 2.5] });
    expect(read(meta.arr('uint64', [1, 2n ** 60n]))).toMatchObject({ items: [1, 2n ** 60n] });
    expect(read(meta.arr('bool', [true, false]))).toMatchObject({ items: [true, false] });
    expect(read(meta.arr('float64', [0.1]))).toMatchObject({ items: [0.1] });
    const nested = meta.arr('array', [meta.arr('string', ['a', 'bc']), meta.arr('string', [])]);
    expect(read(nested)).toMatchObject({ length: 2, items: [{ items: ['a', 'bc'] }, { length: 0, items: [] }] });
    expect(read(nested, true)).toEqual({ itemType: 'array', length: 2, items: undefined });
    expect(read(meta.arr('string', ['x', 'yz']), true)).toEqual({ itemType: 'string', length: 2, items: undefined });
    expect(read(meta.arr('int16', [1, 2, 3]), true)).toEqual({ itemType: 'int16', length: 3, items: undefined });
  }); // prettier-ignore

  it('refuses an unknown type id and a bool other than 0 or 1, naming the key', () => {
    const bytes = new GgufWriter().u32(13).u8(2).bytes();
    const c = new GgufCursor(bytes, bytes.length, 'v.gguf');
    expect(() => readValueType(c, 'key k')).toThrow(/v.gguf at byte 0: key k type: expected a value type 0 to 12, got 13/);
    expect(() => readValue(c, 'bool', 'key b')).toThrow(/at byte 4: key b: a bool must be 0 or 1/);
  }); // prettier-ignore
});
