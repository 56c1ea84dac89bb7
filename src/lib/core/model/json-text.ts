/**
 * JSON text to a value, with errors that say where: "line 3, column 7: unexpected '}'".
 * JSON.parse does the parsing; when it fails, a small scanner finds the offending offset,
 * because engines do not always report one.
 */

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`invalid JSON at line ${line}, column ${column}: ${reason}`);
  }
}

/** Parses JSON text; throws `JsonSyntaxError` with a 1-based line and column. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { offset, reason } = locateJsonError(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new JsonSyntaxError(line, column, reason);
  }
}

/**
 * The offset of the first syntax error in `text` (RFC 8259 grammar) and what was wrong.
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
  const value = (): void => {
    ws();
    const c = text[i];
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
        value();
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
        value();
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
    value();
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
