import { describe, expect, it } from 'vitest';
import { ConfigError, describeValue, UnsafeJsonInteger } from '../../../../src/lib/core/index.ts';

describe('ConfigError', () => {
  it("new ConfigError('hidden_size', -1, 'a positive integer') reads 'hidden_size: expected a positive integer, got -1'", () => {
    // The TSDoc example of ConfigError
    const error = new ConfigError('hidden_size', -1, 'a positive integer');
    expect(error.message).toBe('hidden_size: expected a positive integer, got -1');
    expect(error).toMatchObject({
      field: 'hidden_size',
      value: -1,
      expected: 'a positive integer',
    });
  });

  it('is an Error named ConfigError', () => {
    const error = new ConfigError('x', 1, 'y');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing (the field is missing)'],
    [null, 'null'],
    [-16, '-16'],
    [4096.5, '4096.5'],
    [true, 'true'],
    ['4096', '"4096"'],
    ['<script>', '"<script>"'],
    [[1, 2, 3], 'an array of 3'],
    [{ a: 1 }, 'an object'],
  ])('describeValue(%j) is %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('describeValue of a string over 40 characters keeps the first 40 and an ellipsis', () => {
    expect(describeValue('x'.repeat(50))).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
  });
});

describe('unsafe integers and custom messages', () => {
  it('describeValue shows an integer beyond 2^53 as written', () => {
    expect(describeValue(new UnsafeJsonInteger('9007199254740993'))).toBe('9007199254740993');
  });

  it('a ConfigError may carry its own message and still names field, value and expectation', () => {
    const error = new ConfigError('parameters', 1e20, 'at most 2^53 − 1', 'parameters: too big');
    expect(error.message).toBe('parameters: too big');
    expect(error).toMatchObject({ field: 'parameters', value: 1e20, expected: 'at most 2^53 − 1' });
  });
});
