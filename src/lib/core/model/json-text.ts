/**
 * JSON text to a value, with errors that say where: "line 3, column 7: unexpected '}'".
 * JSON.parse does the parsing; when it fails, a small scanner finds the offending offset,
 * because engines do not always report one. Bytes are decoded first (decodeJsonBytes), the
 * way a browser reads a file: UTF-8 with or without a byte-order mark, or UTF-16 with one.
 */
import { UnsafeJsonInteger } from './unsafe-integer.ts';

/** Text longer than this is refused: a model's config.json is a few kilobytes (the presets' under 3 KB). */
export const MAX_JSON_SIZE = 4 * 2 ** 20;
/**
 * Deeper nesting is refused: a config.json nests about 6 levels deep (the object, then
 * quantization_config.config_groups.group_0.weights and a list in it); 64 also bounds the
 * recursion of the error scanner.
 */
export const MAX_JSON_DEPTH = 64;

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    /** 1-based; 0 when the problem has no position (the text's size, its encoding). */
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(
      line > 0
        ? `invalid JSON at line ${line}, column ${column}: ${reason}`
        : `invalid JSON: ${reason}`,
    );
  }
}

/**
 * Parses JSON text; throws `JsonSyntaxError` with a 1-based line and column. A leading
 * byte-order mark is skipped; text over MAX_JSON_SIZE characters or nested deeper than
 * MAX_JSON_DEPTH is refused; integers beyond 2^53 − 1 become `UnsafeJsonInteger`s.
 */
export function parseJsonText(input: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_JSON_SIZE)
    throw tooLarge(`the text is ${text.length} characters long`, 'characters');
  const unsafe = scanJsonText(text);
  try {
    // Parsed as written first, so that marking integers never makes invalid text valid.
    const value: unknown = JSON.parse(text);
    return unsafe.length === 0 ? value : parseKeepingIntegers(text, unsafe);
  } catch {
    const { offset, reason } = locateJsonError(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new JsonSyntaxError(line, column, reason);
  }
}

function tooLarge(size: string, unit: string): JsonSyntaxError {
  const limit = `at most ${MAX_JSON_SIZE} ${unit} are read (a config.json is a few kilobytes)`;
  return new JsonSyntaxError(0, 0, `${size}; ${limit}`);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * One linear pass over the text outside its strings: refuses nesting deeper than
 * MAX_JSON_DEPTH (before JSON.parse or the error scanner recurse into it) and returns the
 * [start, end) of each integer literal beyond 2^53 − 1.
 */
function scanJsonText(text: string): [number, number][] {
  const unsafe: [number, number][] = [];
  const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to the next quote not escaped by a backslash.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++)
        if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        const { line, column } = lineAndColumn(text, i);
        throw new JsonSyntaxError(line, column, `nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      number.lastIndex = i;
      const m = number.exec(text);
      if (!m) continue;
      const end = i + m[0].length;
      if (!m[2] && !m[3] && m[0].length > 15 && !Number.isSafeInteger(Number(m[0])))
        unsafe.push([i, end]);
      i = end - 1;
    }
  }
  return unsafe;
}

/** JSON.parse, with each unsafe integer literal read as an `UnsafeJsonInteger`. */
function parseKeepingIntegers(text: string, unsafe: readonly [number, number][]): unknown {
  const marker = '\u0000unsafe-integer:';
  let marked = '';
  let from = 0;
  unsafe.forEach(([start, end], k) => {
    marked += `${text.slice(from, start)}"\\u0000unsafe-integer:${k}"`;
    from = end;
  });
  marked += text.slice(from);
  return JSON.parse(marked, (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith(marker)) return value;
    const token = unsafe[Number(value.slice(marker.length))];
    return token ? new UnsafeJsonInteger(text.slice(token[0], token[1])) : value;
  });
}

/**
 * The offset of the first syntax error in `text` (RFC 8259 grammar) and what was wrong.
 * Recursion stops at MAX_JSON_DEPTH, so no text overflows the stack.
 * Long: one recursive-descent scanner; its nested rules share the cursor `i`, and split apart
 * they would pass it back and forth for no gain in clarity.
 */
export function locateJsonError(text: string): { offset: number; reason: string } {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch)
      fail(
        text[i] === undefined
          ? `expected '${ch}', found the end of the text`
          : `expected '${ch}', found '${text[i]}'`,
      );
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('control character inside a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('bad escape in a string');
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  const value = (depth: number): void => {
    ws();
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH)
      fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"')
          fail(`expected a property name in double quotes, found ${shown(text[i])}`);
        string();
        ws();
        expect(':');
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(`expected ',' or '}', found ${shown(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(`expected ',' or ']', found ${shown(text[i])}`);
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 400),
    );
    if (literal) return void (i += literal[0].length);
    fail(c === undefined ? 'the text ends where a value was expected' : `unexpected '${c}'`);
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${shown(text[i])} after the end of the value`);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) {
      return error as { offset: number; reason: string };
    }
    throw error;
  }
  return { offset: 0, reason: 'not valid JSON' };
}

function shown(ch: string | undefined): string {
  return ch === undefined ? 'the end of the text' : `'${ch}'`;
}

/**
 * A file's bytes as text, as a browser reads a file: UTF-8 with or without a byte-order mark,
 * or UTF-16 (little or big endian) with one; the mark is dropped. Throws JsonSyntaxError for
 * more than MAX_JSON_SIZE bytes or bytes that are not text in those encodings, naming the
 * offset of the first bad byte.
 *
 * @example decodeJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])) // '{}'
 */
export function decodeJsonBytes(bytes: Uint8Array): string {
  if (bytes.length > MAX_JSON_SIZE) throw tooLarge(`the file is ${bytes.length} bytes`, 'bytes');
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeUtf8(bytes, 3);
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, 'utf-16be');
  return decodeUtf8(bytes, 0);
}

function decodeUtf8(bytes: Uint8Array, start: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    const offset = Math.max(start, firstInvalidUtf8(bytes, start));
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new JsonSyntaxError(
      0,
      0,
      `not UTF-8 text: byte 0x${byte} at offset ${offset} does not start a valid UTF-8 sequence (save the file as UTF-8)`,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
  } catch {
    throw new JsonSyntaxError(
      0,
      0,
      `not ${encoding.toUpperCase()} text after its byte-order mark: an odd number of bytes or an unpaired surrogate (save the file as UTF-8)`,
    );
  }
}

/**
 * The offset of the first byte from `start` that does not begin a well-formed UTF-8 sequence
 * (the Unicode Standard, table 3-7); -1 when all are well formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
  for (let i = start; i < bytes.length;) {
    const c = bytes[i]!;
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : 3;
    if (c >= 0x80 && (c < 0xc2 || c > 0xf4)) return i;
    // The second byte's range rules out overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= more; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < (k === 1 ? lo : 0x80) || b > (k === 1 ? hi : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}
