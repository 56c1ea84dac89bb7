import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GGUF_DEFAULT_ALIGNMENT,
  MAX_GGUF_DIMS,
  MAX_GGUF_KEY_BYTES,
  MAX_GGUF_KEYS,
  MAX_GGUF_TENSOR_NAME_BYTES,
  MAX_GGUF_TENSORS,
  parseGguf,
  type GgufFile,
} from '../../../../src/lib/core/checkpoint/gguf.ts';
import { GgufError, GgufNeedMore } from '../../../../src/lib/core/checkpoint/gguf-errors.ts';
import { buildGguf, GgufWriter, meta, patched, type GgufSpec } from '../../helpers/gguf-builder.ts';

const EVERY_TYPE: GgufSpec['metadata'] = [
  ['general.architecture', meta.str('llama')],
  ['t.u8', meta.u8(255)],
  ['t.i8', meta.i8(-128)],
  ['t.u16', meta.u16(65_535)],
  ['t.i16', meta.i16(-32_768)],
  ['t.u32', meta.u32(4_294_967_295)],
  ['t.i32', meta.i32(-2_147_483_648)],
  ['t.f32', meta.f32(0.5)],
  ['t.bool', meta.bool(true)],
  ['t.str', meta.str('héllo ✓')],
  ['t.u64', meta.u64(2 ** 53 - 1)],
  ['t.u64.big', meta.u64(2n ** 64n - 1n)],
  ['t.i64', meta.i64(-(2 ** 40))],
  ['t.f64', meta.f64(1e-300)],
  ['t.arr', meta.arr('int32', [1, -2, 3])],
  ['t.arr.str', meta.arr('string', ['a', 'ü', ''])],
  ['t.arr.nested', meta.arr('array', [meta.arr('uint8', [1, 2]), meta.arr('bool', [false])])],
];

const SMALL: GgufSpec = {
  metadata: EVERY_TYPE,
  tensors: [
    { name: 'token_embd.weight', dims: [256, 10], type: 'Q4_K' },
    { name: 'blk.0.attn_norm.weight', dims: [256], type: 'F32' },
    { name: 'output.weight', dims: [256, 10], type: 'Q6_K' },
  ],
};

function errorOf(fn: () => unknown): GgufError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GgufError) return error;
    throw error;
  }
  throw new Error('expected a GgufError');
}

describe('parseGguf reads a valid file', () => {
  const built = buildGguf(SMALL);
  const file = parseGguf(built.bytes, { file: 'small.gguf' });

  it('reads version 3, every metadata value type, in order', () => {
    expect(file.version).toBe(3);
    expect([...file.metadata.keys()]).toEqual(EVERY_TYPE!.map(([k]) => k));
    const v = (key: string) => file.metadata.get(key)?.value;
    expect([v('t.u8'), v('t.i8'), v('t.u16'), v('t.i16'), v('t.u32'), v('t.i32')]).toEqual([
      255, -128, 65_535, -32_768, 4_294_967_295, -2_147_483_648,
    ]);
    expect([v('t.f32'), v('t.bool'), v('t.str'), v('t.f64')]).toEqual([
      0.5,
      true,
      'héllo ✓',
      1e-300,
    ]);
    expect([v('t.u64'), v('t.u64.big'), v('t.i64')]).toEqual([
      2 ** 53 - 1,
      2n ** 64n - 1n,
      -(2 ** 40),
    ]);
    expect(file.metadata.get('t.u64.big')?.type).toBe('uint64');
    expect(v('t.arr')).toEqual({ itemType: 'int32', length: 3, items: [1, -2, 3] });
    expect(v('t.arr.str')).toEqual({ itemType: 'string', length: 3, items: ['a', 'ü', ''] });
    expect(v('t.arr.nested')).toEqual({
      itemType: 'array',
      length: 2,
      items: [
        { itemType: 'uint8', length: 2, items: [1, 2] },
        { itemType: 'bool', length: 1, items: [false] },
      ],
    });
  });

  it('reads the tensor infos with exact bytes, offsets aligned to 32, and the data offset', () => {
    expect(file.alignment).toBe(GGUF_DEFAULT_ALIGNMENT);
    expect(file.tensors.map((t) => [t.name, t.typeName, t.dims, t.offset, t.bytes])).toEqual([
      ['token_embd.weight', 'Q4_K', [256, 10], 0, 10 * 144],
      ['blk.0.attn_norm.weight', 'F32', [256], 1440, 1024],
      ['output.weight', 'Q6_K', [256, 10], 2464, 10 * 210],
    ]);
    expect(file.dataOffset).toBe(built.dataOffset);
    expect(file.dataOffset % 32).toBe(0);
    expect(file.fileBytes).toBe(built.bytes.length);
  });

  it('follows general.alignment, and reads version 2 alike', () => {
    const b = buildGguf({ ...SMALL, alignment: 64, version: 2 });
    const f = parseGguf(b.bytes);
    expect([f.version, f.alignment, f.dataOffset % 64]).toEqual([2, 64, 0]);
    expect(f.tensors.map((t) => t.offset)).toEqual(b.offsets);
    expect(b.offsets).toEqual([0, 1472, 2496]);
  });

  it('reads a header alone when told the file size, and a file without tensors', () => {
    const b = buildGguf({ ...SMALL, data: false });
    expect(b.bytes.length).toBe(b.dataOffset);
    expect(parseGguf(b.bytes, { fileBytes: b.fileBytes }).tensors).toHaveLength(3);
    expect(parseGguf(buildGguf({ metadata: EVERY_TYPE }).bytes).tensors).toEqual([]);
  });

  it('does not change its input', () => {
    const copy = built.bytes.slice();
    parseGguf(built.bytes);
    expect(built.bytes).toEqual(copy);
  });
});

describe('parseGguf with a buffer that holds only the start of the file', () => {
  const built = buildGguf(SMALL);

  it('says how many bytes it needs, and reads the file once given them', () => {
    let have = 16;
    let rounds = 0;
    let file: GgufFile | undefined;
    while (!file) {
      try {
        file = parseGguf(built.bytes.subarray(0, have), { fileBytes: built.fileBytes });
      } catch (error) {
        if (!(error instanceof GgufNeedMore)) throw error;
        expect(error.bytes).toBeGreaterThan(have);
        expect(error.have).toBe(have);
        have = error.bytes; // the least it asks for: the slowest way there
        rounds++;
      }
    }
    expect(rounds).toBeGreaterThan(10);
    expect(file.tensors).toHaveLength(3);
  });

  it('asks for a whole long string or numeric array at once', () => {
    const b = buildGguf({ metadata: [['a', meta.arr('float32', new Array(1000).fill(1))]] });
    const needMore = (() => {
      try {
        parseGguf(b.bytes.subarray(0, 100), { fileBytes: b.fileBytes });
      } catch (error) {
        return error as GgufNeedMore;
      }
    })();
    expect(needMore).toBeInstanceOf(GgufNeedMore);
    // magic 4 + version 4 + counts 16 + key (8 + 1) + type 4 + item type 4 + length 8 = 49
    expect(needMore!.bytes).toBe(49 + 4000);
    expect(needMore!.message).toMatch(/read at least 4049 bytes/);
  });

  it('reads a 150,000-token vocabulary whole, in order', () => {
    const tokens = Array.from({ length: 150_000 }, (_, i) => (i % 3 ? `t${i}` : `Ġwörd${i}`));
    const b = buildGguf({ metadata: [['tokenizer.ggml.tokens', meta.arr('string', tokens)]] });
    const value = parseGguf(b.bytes).metadata.get('tokenizer.ggml.tokens')?.value;
    expect(value).toEqual({ itemType: 'string', length: 150_000, items: tokens });
  });

  it('skips array items it is told to skip, keeping their length', () => {
    const tokens = Array.from({ length: 5000 }, (_, i) => `token ${i}`);
    const b = buildGguf({
      metadata: [
        ['tokenizer.ggml.tokens', meta.arr('string', tokens)],
        [
          'tokenizer.ggml.scores',
          meta.arr(
            'float32',
            tokens.map(() => 0),
          ),
        ],
        ['general.tags', meta.arr('string', ['moe'])],
      ],
    });
    const f = parseGguf(b.bytes, { skipArrays: (key) => key.startsWith('tokenizer.') });
    expect(f.metadata.get('tokenizer.ggml.tokens')?.value).toEqual({
      itemType: 'string',
      length: 5000,
      items: undefined,
    });
    expect(f.metadata.get('tokenizer.ggml.scores')?.value).toMatchObject({ length: 5000 });
    expect(f.metadata.get('general.tags')?.value).toMatchObject({ items: ['moe'] });
    expect(parseGguf(b.bytes, { skipArrays: true }).metadata.get('general.tags')?.value).toEqual({
      itemType: 'string',
      length: 1,
      items: undefined,
    });
  });
});

describe('parseGguf refuses damaged files with a message naming what and where', () => {
  const built = buildGguf(SMALL);
  const bytes = built.bytes;
  const PAD = new Uint8Array(64);
  const header = (w: GgufWriter, tensors: number, kvs: number) =>
    w.raw([0x47, 0x47, 0x55, 0x46]).u32(3).u64(tensors).u64(kvs);

  it.each([
    ['a bad magic', Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 0, 0), /at byte 0: magic: expected "GGUF".*"PK\.\." \(50 4b 03 04\)/],
    ['GGUF v1', patched(bytes, 4, 1), /at byte 4: version: expected 2 or 3, got 1 \(GGUF v1\)/],
    ['a future version', patched(bytes, 4, 4), /version: expected 2 or 3, got 4/],
    ['a big-endian file', patched(bytes, 4, 0x03000000), /big-endian GGUF file/],
    ['a truncated file', bytes.subarray(0, 410), /needs 8 bytes, but the file ends at byte 410 \(truncated\)/],
    ['a file cut in its counts', bytes.subarray(0, 60), /tensor count: 3 cannot fit in the 44 bytes left in the file \(truncated\?\)/],
    ['an empty file', new Uint8Array(0), /magic: needs 4 bytes, but the file ends at byte 0/],
    ['more tensors than bytes', patched(bytes, 8, 1_000_000, 8), /at byte 8: tensor count: 1000000 cannot fit/],
    ['a 2^64 − 1 tensor count', patched(bytes, 8, 2n ** 64n - 1n, 8), /tensor count: 18446744073709551615 is over the limit of 1000000/],
    ['more keys than bytes', patched(bytes, 16, 2 ** 40, 8), /metadata count: 1099511627776 is over the limit/],
    ['a key longer than the file', patched(bytes, 24, 2 ** 50, 8), /at byte 24: key 0 length: 1125899906842624 is over the limit of 65535/],
    ['a key past the end', patched(bytes, 24, 60_000, 8), /key 0 length: 60000 bytes, past the file's end/],
    ['an unknown value type', patched(bytes, 24 + 8 + 20, 13), /key general.architecture type: expected a value type 0 to 12, got 13/],
  ] as const)('%s', (_, input, message) => {
    const error = errorOf(() => parseGguf(input, { file: 'x.gguf' }));
    expect(error.message).toMatch(/^x\.gguf/);
    expect(error.message).toMatch(message);
  }); // prettier-ignore

  it.each([
    ['a bool that is not 0 or 1', (w: GgufWriter) => header(w, 0, 1).string('b').u32(7).u8(2), /key b: a bool must be 0 or 1/],
    ['an empty key', (w: GgufWriter) => header(w, 0, 1).string('').u32(0).u8(1).raw(PAD), /key 0: a key must not be empty/],
    ['a key twice', (w: GgufWriter) => header(w, 0, 2).kv('a', meta.u8(1)).kv('a', meta.u8(2)), /key 1: "a" appears twice/],
    ['a string array longer than the file', (w: GgufWriter) => header(w, 0, 1).string('t').u32(9).u32(8).u64(1e9).u64(0), /key t length: 1000000000 string items need at least 8000000000 bytes/],
    ['arrays nested too deep', (w: GgufWriter) => header(w, 0, 1).string('n').u32(9).u32(9).u64(1).u32(9).u64(1).u32(9).u64(1).u32(9).u64(1).u32(9).u64(1), /arrays nest over 4 deep/],
    ['an alignment that is not a power of two', (w: GgufWriter) => header(w, 0, 1).kv('general.alignment', meta.u32(48)), /general.alignment: expected a uint32 power of two, got uint32 48/],
    ['an alignment of another type', (w: GgufWriter) => header(w, 0, 1).kv('general.alignment', meta.u64(32)), /got uint64 32/],
    ['a tensor name over 64 bytes', (w: GgufWriter) => header(w, 1, 0).string('x'.repeat(65)).raw(PAD), /tensor 0 name length: 65 is over the limit of 64/],
    ['a tensor twice', (w: GgufWriter) => header(w, 2, 0).string('w').u32(1).u64(32).u32(0).u64(0).string('w').raw(PAD), /tensor 1 name: "w" appears twice/],
    ['five dims', (w: GgufWriter) => header(w, 1, 0).string('w').u32(5).raw(PAD), /tensor w n_dims: 5 is over 4/],
    ['an unknown tensor type', (w: GgufWriter) => header(w, 1, 0).string('w').u32(1).u64(32).u32(31).raw(PAD), /tensor w type: unknown ggml type id 31/],
    ['a row not of whole blocks', (w: GgufWriter) => header(w, 1, 0).string('w').u32(2).u64(100).u64(2).u32(12).u64(0), /tensor w dims: a Q4_K row holds blocks of 256 weights, but the row has 100/],
    ['an unaligned offset', (w: GgufWriter) => header(w, 1, 0).string('w').u32(1).u64(8).u32(0).u64(16), /tensor w offset: 16 is not a multiple of the alignment 32/],
    ['overlapping tensors', (w: GgufWriter) => header(w, 2, 0).string('a').u32(1).u64(64).u32(0).u64(0).string('b').u32(1).u64(8).u32(0).u64(128).pad(32).raw(new Uint8Array(512)), /tensor b offset: 128 overlaps tensor a/],
    ['tensor data past the end', (w: GgufWriter) => header(w, 1, 0).string('w').u32(1).u64(1024).u32(0).u64(0).pad(32).raw(new Uint8Array(100)), /tensor w data: ends at byte 4160, but the file has 164 bytes \(truncated\)/],
  ] as const)('%s', (_, write, message) => {
    const input = write(new GgufWriter()).bytes();
    expect(errorOf(() => parseGguf(input)).message).toMatch(message);
  }); // prettier-ignore

  it('every cut of a valid file is a GgufError saying it ends early, or a NeedMore with its size', () => {
    const dataEnd = built.dataOffset + 2464 + 2100; // the last tensor's end; padding follows
    expect(parseGguf(bytes.subarray(0, dataEnd)).tensors).toHaveLength(3);
    const cuts = Array.from({ length: dataEnd }, (_, i) => i).filter(
      (cut) => cut < built.dataOffset + 40 || cut % 97 === 0 || cut === dataEnd - 1,
    );
    for (const cut of cuts) {
      const error = errorOf(() => parseGguf(bytes.subarray(0, cut)));
      expect(error.message).toMatch(/truncated|past the file's end/);
      // Told the file goes on, it asks for more until the tensor infos end (the padding and
      // the data are not needed).
      const start = () => parseGguf(bytes.subarray(0, cut), { fileBytes: bytes.length });
      if (cut < built.dataOffset - 31) expect(start).toThrow(GgufNeedMore);
      if (cut >= built.dataOffset) expect(start().tensors).toHaveLength(3);
    }
  });

  it('any bytes changed in the header give a file, a GgufError or a NeedMore: never a crash or a hang', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(built.dataOffset - 1), fc.nat(255)), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (changes, short) => {
          const damaged = bytes.slice();
          for (const [at, v] of changes) damaged[at] = v;
          const input = short ? damaged.subarray(0, built.dataOffset) : damaged;
          try {
            parseGguf(input, { fileBytes: short ? bytes.length : undefined });
          } catch (error) {
            if (!(error instanceof GgufError || error instanceof GgufNeedMore)) throw error;
            expect(error.message.length).toBeLessThan(400);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('states its limits', () => {
    expect([MAX_GGUF_TENSORS, MAX_GGUF_KEYS, MAX_GGUF_KEY_BYTES]).toEqual([1e6, 1e6, 65_535]);
    expect([MAX_GGUF_TENSOR_NAME_BYTES, MAX_GGUF_DIMS]).toEqual([64, 4]);
  });

  it('refuses a file size smaller than the buffer', () => {
    expect(() => parseGguf(bytes, { fileBytes: 10 })).toThrow(/the file is 10 bytes/);
  });
});
