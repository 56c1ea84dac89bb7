import { describe, expect, it } from 'vitest';
import {
  decodeJsonBytes,
  findPreset,
  JsonSyntaxError,
  MAX_JSON_DEPTH,
  MAX_JSON_SIZE,
  parseHFConfig,
  parseJsonText,
  UnsafeJsonInteger,
} from '../../../../src/lib/core/index.ts';
import { firstInvalidUtf8, locateJsonError } from '../../../../src/lib/core/model/json-text.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
  }
  throw new Error('expected a JsonSyntaxError');
}

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1, 2.5e3, "x", true, null]}')).toEqual({
      a: [1, 2500, 'x', true, null],
    });
  });

  it.each([
    ['{\n "a": 1,\n "b": }', 3, 7],
    ['{"a": 1x}', 1, 8],
    ['{"a": 1,}', 1, 9],
    ['', 1, 1],
    ['{\n  "a": "unterminated', 2, 21],
    ['[1, 2] 3', 1, 8],
    ["{'a': 1}", 1, 2],
  ])('reports %j at line %i, column %i', (text, line, column) => {
    const error = syntaxError(text);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toMatch(/^invalid JSON at line \d+, column \d+: /);
    expect(error.message).not.toContain('\n');
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1,}', 8, "expected a property name in double quotes, found '}'"],
    ['{"a": [1 2]}', 9, "expected ',' or ']', found '2'"],
    ['{"a": "x\\q"}', 9, 'bad escape in a string'],
    ['{"a": "\\u12"}', 8, 'bad \\u escape'],
    ['[1', 2, "expected ',' or ']', found the end of the text"],
    ['nul', 0, "unexpected 'n'"],
  ])('locateJsonError(%j) is offset %i: %s', (text, offset, reason) => {
    expect(locateJsonError(text)).toEqual({ offset, reason });
  });

  it('locateJsonError of valid JSON reports nothing more precise than "not valid JSON" at 0', () => {
    expect(locateJsonError('{"a": 1}')).toEqual({ offset: 0, reason: 'not valid JSON' });
  });
});

describe('JsonSyntaxError', () => {
  it('carries the line, the column and the reason it prints', () => {
    const error = new JsonSyntaxError(3, 7, "unexpected '}'");
    expect(error).toMatchObject({ name: 'JsonSyntaxError', line: 3, column: 7 });
    expect(error.message).toBe("invalid JSON at line 3, column 7: unexpected '}'");
  });
});

describe('parseJsonText refuses hostile text', () => {
  it('finding 4: 100,000 nested arrays are a JsonSyntaxError at the 65th level, not a stack overflow, fast', () => {
    for (const text of [
      '['.repeat(100_000),
      '{"a":'.repeat(100_000),
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    ]) {
      const start = cpuNow();
      const error = syntaxError(text);
      expect(cpuNow() - start).toBeLessThan(100);
      expect(error.message).toBe(
        `invalid JSON at line 1, column ${text.startsWith('{') ? 321 : 65}: nested deeper than ${MAX_JSON_DEPTH} levels`,
      );
      expect(error.message).not.toMatch(/call stack/i);
    }
  });

  it('nesting up to MAX_JSON_DEPTH (64) parses', () => {
    expect(parseJsonText(`${'['.repeat(64)}1${']'.repeat(64)}`)).toBeInstanceOf(Array);
    expect(syntaxError(`${'['.repeat(65)}1${']'.repeat(65)}`).reason).toMatch(/nested deeper/);
  });

  it('locateJsonError stops at MAX_JSON_DEPTH instead of recursing through deep text', () => {
    expect(locateJsonError('['.repeat(1_000_000))).toEqual({
      offset: 64,
      reason: 'nested deeper than 64 levels',
    });
  });

  it(`text longer than MAX_JSON_SIZE (4 MiB) is refused before it is parsed`, () => {
    expect(MAX_JSON_SIZE).toBe(4 * 2 ** 20);
    const error = syntaxError(`"${'x'.repeat(MAX_JSON_SIZE)}"`);
    expect(error.line).toBe(0);
    expect(error.message).toMatch(
      /^invalid JSON: the text is 4194306 characters long; at most 4194304 characters/,
    );
  });

  it('a string with brackets and escaped quotes does not count as nesting', () => {
    const text = JSON.stringify({ a: '['.repeat(1000) + '\\"{'.repeat(1000) });
    expect(parseJsonText(text)).toEqual(JSON.parse(text));
  });

  it('finding 10: a leading byte-order mark is skipped, as file import does', () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ a: 1 });
  });

  it('finding 10: 2^53+1 is kept as written (an UnsafeJsonInteger), not rounded to 2^53', () => {
    const value = parseJsonText(
      '{"n": 9007199254740993, "m": -12345678901234567890, "s": 9007199254740991, "f": 1e300}',
    ) as Record<string, unknown>;
    expect(value.n).toBeInstanceOf(UnsafeJsonInteger);
    expect(String(value.n)).toBe('9007199254740993');
    expect(String(value.m)).toBe('-12345678901234567890');
    expect(value.s).toBe(Number.MAX_SAFE_INTEGER);
    expect(value.f).toBe(1e300);
    // It serializes as the rounded number, so nothing that stringifies a config breaks.
    expect(JSON.stringify(value)).toBe(
      '{"n":9007199254740992,"m":-12345678901234567000,"s":9007199254740991,"f":1e+300}',
    );
  });

  it('finding 10: 2^53+1 in a config is refused with its textual form, not echoed as 2^53', () => {
    const json = parseJsonText(
      JSON.stringify(findPreset('mixtral-8x7b')!.config).replace(
        '"vocab_size":32000',
        '"vocab_size":9007199254740993',
      ),
    );
    const message = configErrorOf(() => parseHFConfig(json)).message;
    expect(message).toContain('got 9007199254740993');
    expect(message).not.toContain('9007199254740992');
    expect(message).toContain('vocab_size: expected at most 1,048,576');
  });
});

describe('decodeJsonBytes', () => {
  const text = '{"model_type": "mixtral", "name": "é"}';
  const utf8 = new TextEncoder().encode(text);
  const utf16 = (bigEndian: boolean) => {
    const bytes = new Uint8Array(2 + 2 * text.length);
    bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes.set(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8], 2 + 2 * i);
    }
    return bytes;
  };

  it.each([
    ['UTF-8', utf8],
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])],
    ['UTF-16 LE with a byte-order mark', utf16(false)],
    ['UTF-16 BE with a byte-order mark', utf16(true)],
  ])('finding 10: decodeJsonBytes reads %s as the same text', (_, bytes) => {
    expect(decodeJsonBytes(bytes)).toBe(text);
    expect(parseJsonText(decodeJsonBytes(bytes))).toEqual(JSON.parse(text));
  });

  it('invalid UTF-8 is a JsonSyntaxError naming the offset of the bad byte', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]);
    expect(() => decodeJsonBytes(bytes)).toThrow(JsonSyntaxError);
    expect(() => decodeJsonBytes(bytes)).toThrow(
      'invalid JSON: not UTF-8 text: byte 0xFF at offset 5 does not start a valid UTF-8 sequence (save the file as UTF-8)',
    );
  });

  it('an odd number of UTF-16 bytes is a JsonSyntaxError', () => {
    expect(() => decodeJsonBytes(new Uint8Array([0xff, 0xfe, 0x7b]))).toThrow(/not UTF-16LE text/);
  });

  it('more than MAX_JSON_SIZE bytes are refused before decoding', () => {
    expect(() => decodeJsonBytes(new Uint8Array(MAX_JSON_SIZE + 1))).toThrow(
      /the file is 4194305 bytes; at most 4194304 bytes are read/,
    );
  });

  it.each([
    [[0x41, 0xc3, 0xa9], -1],
    [[0xc0, 0x80], 0], // overlong
    [[0x41, 0xed, 0xa0, 0x80], 1], // a surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x41, 0x42, 0xe2, 0x82], 2], // truncated
    [[0xf0, 0x9f, 0x98, 0x80], -1], // an emoji
  ])('firstInvalidUtf8(%j) is %i', (bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });
});

describe('parseJsonText keeps JSON strict around unsafe integers', () => {
  it.each(['{12345678901234567890: 1}', '[012345678901234567890]', '[12345678901234567890 1]'])(
    '%s is still invalid JSON',
    (text) => {
      expect(() => parseJsonText(text)).toThrow(JsonSyntaxError);
    },
  );
});
