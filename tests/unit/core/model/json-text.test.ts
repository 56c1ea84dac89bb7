import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonText } from '../../../../src/lib/core/index.ts';
import { locateJsonError } from '../../../../src/lib/core/model/json-text.ts';

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
