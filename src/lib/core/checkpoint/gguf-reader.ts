/**
 * Reading GGUF's little-endian fields from a buffer that may hold only the start of the file.
 * A read past the buffer but inside the file throws GgufNeedMore (fetch more, parse again); a
 * read past the file's end, or a count that could not fit in the bytes left, throws GgufError.
 * The field layouts are ggml docs/gguf.md "File Structure"; strings are `uint64 len` then `len`
 * UTF-8 bytes, not NUL-terminated (`gguf_string_t`).
 */
import { GgufError, GgufNeedMore } from './gguf-errors.ts';

/**
 * The longest string read: ggml's reader refuses longer (GGUF_MAX_STRING_LENGTH, 1 GiB, ggml
 * src/gguf.cpp); real ones are chat templates of a few tens of kilobytes.
 */
export const MAX_GGUF_STRING_BYTES = 1024 * 1024 * 1024;

const decoder = new TextDecoder('utf-8'); // not fatal: a bad byte becomes U+FFFD, never a throw

/** A position in a GGUF file, reading forward through the part of it held in `bytes`. */
export class GgufCursor {
  /** Byte offset from the start of the file of the next read. */
  pos = 0;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    /** The whole file's size (Infinity when unknown); `bytes` is its start. */
    readonly fileBytes: number,
    /** The file's name, for messages. */
    readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes of the file after the cursor. */
  get left(): number {
    return this.fileBytes - this.pos;
  }

  /** Throws a GgufError at `at` (the cursor by default) naming `what`. */
  fail(what: string, detail: string, at = this.pos): never {
    throw new GgufError(this.file, at, what, detail);
  }

  /** Makes sure `n` bytes from the cursor are in the buffer; NeedMore or "truncated" if not. */
  need(n: number, what: string): void {
    const end = this.pos + n;
    if (end <= this.bytes.length) return;
    if (end > this.fileBytes)
      this.fail(what, `needs ${n} bytes, but the file ends at byte ${this.fileBytes} (truncated)`);
    throw new GgufNeedMore(end, this.bytes.length, `${what} at byte ${this.pos}`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.pos++);
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A uint64 as a number when it is at most 2^53 − 1, else as a bigint. */
  u64(what: string): number | bigint {
    this.need(8, what);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getUint32(this.pos + 4, true);
    const big = hi > 0x1fffff ? this.view.getBigUint64(this.pos, true) : undefined;
    this.pos += 8;
    return big ?? hi * 2 ** 32 + lo;
  }

  /** An int64 as a number when within ±(2^53 − 1), else as a bigint. */
  i64(what: string): number | bigint {
    this.need(8, what);
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v;
  }

  /**
   * A uint64 count or size, which must be at most `max` (and so a safe number): GgufError
   * naming `what` and the value otherwise.
   */
  count(what: string, max: number): number {
    const at = this.pos;
    const n = this.u64(what);
    if (typeof n === 'bigint' || n > max) this.fail(what, `${n} is over the limit of ${max}`, at);
    return n;
  }

  /** A string's length, checked against `maxBytes` and the bytes left in the file. */
  stringLength(what: string, maxBytes = MAX_GGUF_STRING_BYTES): number {
    const at = this.pos;
    const n = this.u64(what); // `what` is composed only on failure: this runs per token
    if (typeof n === 'bigint' || n > maxBytes)
      this.fail(`${what} length`, `${n} is over the limit of ${maxBytes}`, at);
    if (n > this.left)
      this.fail(`${what} length`, `${n} bytes, past the file's end (${this.left} left)`, at);
    return n;
  }

  /** A GGUF string (uint64 length, then UTF-8 bytes), at most `maxBytes` long. */
  string(what: string, maxBytes = MAX_GGUF_STRING_BYTES): string {
    const n = this.stringLength(what, maxBytes);
    this.need(n, what);
    const start = this.pos;
    this.pos += n;
    return decodeUtf8(this.bytes, start, n);
  }

  /** Steps over `n` bytes, which need not be in the buffer (a later read asks for them). */
  skip(n: number, what: string): void {
    if (n > this.left) this.fail(what, `${n} bytes, past the file's end (${this.left} left)`);
    this.pos += n;
  }

  /** The DataView over the buffer, for reading arrays of numbers in bulk. */
  get data(): DataView {
    return this.view;
  }
}

/**
 * UTF-8 text of `n` bytes at `start`. Short ASCII strings (most tokenizer tokens) are built
 * without TextDecoder, whose per-call cost dominates a 150,000-token vocabulary.
 */
function decodeUtf8(bytes: Uint8Array, start: number, n: number): string {
  if (n <= 24) {
    let s = '';
    for (let i = start; i < start + n; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return decoder.decode(bytes.subarray(start, start + n));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, start + n));
}
