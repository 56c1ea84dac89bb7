/**
 * Text that came from input (a config's name, a field's value, a path, an argument), made safe
 * to print to a terminal: a config must not be able to clear the screen, hide text (ESC[8m),
 * plant OSC 8 links or OSC 52 clipboard writes, or reorder what the user reads with bidi
 * controls (U+202E shows "gnp.exe" as "exe.png").
 */

/**
 * What a terminal could act on or that reorders text: C0 controls (tab and newline are handled
 * by `keep`), DEL, C1 controls (U+009B is a one-byte CSI), the bidi marks, embeddings, overrides
 * and isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), the line and paragraph
 * separators, and lone surrogates (which no encoding can print).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_IN_A_LINE = new RegExp(`[\\t\\n]|${UNSAFE.source}`, 'g');

/**
 * `text` with every unsafe character replaced by its escape `\uXXXX`: visible in plain text, and
 * in JSON text (JSON.stringify leaves C1 and bidi characters raw, inside strings) the very escape
 * JSON reads back, so `--json` output stays exact for a program and inert for a terminal.
 * `keep: 'lines'` keeps tabs and newlines, for whole outputs the CLI itself lays out; the default
 * escapes them too, so that a value from input stays on its line.
 *
 * @example printable('\u001b[2Jmodel') // '\\u001b[2Jmodel'
 * @example printable('a\nb') // 'a\\u000ab'
 * @example printable('a\nb', 'lines') // 'a\nb'
 */
export function printable(text: string, keep: 'line' | 'lines' = 'line'): string {
  return text.replace(keep === 'lines' ? UNSAFE : UNSAFE_IN_A_LINE, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
