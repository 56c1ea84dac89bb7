import { describe, expect, it } from 'vitest';
import {
  GgufCursor,
  MAX_GGUF_STRING_BYTES,
} from '../../../../src/lib/core/checkpoint/gguf-reader.ts';
import { GgufError, GgufNeedMore } from '../../../../src/lib/core/checkpoint/gguf-errors.ts';
import { GgufWriter } from '../../helpers/gguf-builder.ts';

const cursor = (w: GgufWriter, fileBytes?: number) => {
  const bytes = w.bytes();
  return new GgufCursor(bytes, fileBytes ?? bytes.length, 'r.gguf');
};

describe('GgufCursor', () => {
  it('reads little-endian uint32, uint64 (a bigint past 2^53 − 1) and int64', () => {
    const w = new GgufWriter().u32(0xdeadbeef).u64(2 ** 53 - 1).u64(2n ** 53n).value(-5, 'int64');
    const c = cursor(w);
    expect([c.u32('a'), c.u64('b'), c.u64('c'), c.i64('d')]).toEqual([0xdeadbeef, 2 ** 53 - 1, 2n ** 53n, -5]);
    expect([c.pos, c.left]).toEqual([28, 0]);
  }); // prettier-ignore

  it('decodes UTF-8, short ASCII, long text and bad bytes (as U+FFFD, never a throw)', () => {
    const long = 'x'.repeat(100);
    const w = new GgufWriter().string('abc').string('Ġthe').string(long).u64(2).raw([0xff, 0x41]);
    const c = cursor(w);
    expect([c.string('a'), c.string('b'), c.string('c'), c.string('d')]).toEqual(['abc', 'Ġthe', long, '\uFFFDA']);
  }); // prettier-ignore

  it('asks for more when the buffer ends inside the file, and says "truncated" at its end', () => {
    const w = new GgufWriter().string('hello');
    const bytes = w.bytes();
    const short = new GgufCursor(bytes.subarray(0, 10), bytes.length, 'r.gguf');
    const more = (() => { try { short.string('name'); } catch (e) { return e; } })();
    expect(more).toBeInstanceOf(GgufNeedMore);
    expect(more).toMatchObject({ bytes: 13, have: 10, what: 'name at byte 8' });
    const cut = new GgufCursor(bytes.subarray(0, 10), 10, 'r.gguf');
    expect(() => cut.string('name')).toThrow(/r.gguf at byte 0: name length: 5 bytes, past the file's end \(2 left\)/);
    expect(() => new GgufCursor(bytes.subarray(0, 4), 4, 'r.gguf').u64('n')).toThrow(
      /r.gguf at byte 0: n: needs 8 bytes, but the file ends at byte 4 \(truncated\)/,
    );
  }); // prettier-ignore

  it('refuses counts and string lengths over their limits', () => {
    expect(MAX_GGUF_STRING_BYTES).toBe(2 ** 30);
    const c = cursor(new GgufWriter().u64(11).u64(2n ** 63n), Infinity);
    expect(() => c.count('n', 10)).toThrow(/n: 11 is over the limit of 10/);
    expect(() => c.stringLength('s')).toThrow(GgufError);
    expect(() => cursor(new GgufWriter(), 0).skip(1, 'x')).toThrow(
      /x: 1 bytes, past the file's end/,
    );
  });
});
