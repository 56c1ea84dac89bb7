import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonText } from '../../src/lib/core/index.ts';

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
