import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../../src/cli/printable.ts';

/** What a terminal could act on, or that reorders text: none may survive `printable`. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const BIDI = [
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

describe('printable', () => {
  it.each([
    ['\u001b[2J', '\\u001b[2J'], // clear the screen
    ['\u001b[8mhidden', '\\u001b[8mhidden'], // hide text
    ['\u001b]8;;https://evil.example\u0007link', '\\u001b]8;;https://evil.example\\u0007link'],
    ['\u001b]52;c;ZXZpbA==\u0007', '\\u001b]52;c;ZXZpbA==\\u0007'], // write the clipboard
    ['\u009b31m', '\\u009b31m'], // the one-byte CSI of C1
    ['\u0085\u007f', '\\u0085\\u007f'],
    ['\u202egnp.exe', '\\u202egnp.exe'], // shows as "exe.png" unescaped
    ['a\rb', 'a\\u000db'],
    ['\ud800 alone', '\\ud800 alone'],
  ])('finding 5: printable(%j) is %j', (text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it('escapes every bidi control, and the line and paragraph separators', () => {
    for (const c of [...BIDI, '\u2028', '\u2029'])
      expect(printable(c)).toBe(`\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  });

  it('keeps letters, emoji, accents and CJK as they are', () => {
    const text = 'Mixtral 8x7B é ü 日本語 😀 «»';
    expect(printable(text)).toBe(text);
  });

  it("escapes tabs and newlines in a value, keeps them in a whole output ('lines')", () => {
    expect(printable('a\tb\nc')).toBe('a\\u0009b\\u000ac');
    expect(printable('a\tb\nc', 'lines')).toBe('a\tb\nc');
    expect(printable('a\u001bb\n', 'lines')).toBe('a\\u001bb\n');
  });

  it('finding 5: JSON made printable is still valid JSON and reads back the same string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const json = printable(JSON.stringify({ name }, null, 2), 'lines');
        expect(json).not.toMatch(UNSAFE);
        expect(JSON.parse(json)).toEqual({ name });
      }),
    );
  });

  it('leaves no unsafe character in any text, and adds no line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        expect(shown).not.toMatch(UNSAFE);
        expect(shown).not.toMatch(/[\n\t]/);
      }),
    );
  });
});
