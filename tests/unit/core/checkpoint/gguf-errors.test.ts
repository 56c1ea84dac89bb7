import { describe, expect, it } from 'vitest';
import { GgufError, GgufNeedMore } from '../../../../src/lib/core/checkpoint/gguf-errors.ts';
import { ConfigError } from '../../../../src/lib/core/model/errors.ts';

describe('GGUF errors', () => {
  it('a GgufError is a ConfigError naming the file, the byte and what was read', () => {
    const e = new GgufError('a.gguf', 4, 'version', 'expected 2 or 3, got 1');
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('a.gguf at byte 4: version: expected 2 or 3, got 1');
    expect([e.file, e.offset, e.field, e.expected]).toEqual(['a.gguf', 4, 'a.gguf version', 'expected 2 or 3, got 1']);
    expect(new GgufError('b.gguf', undefined, 'key k', 'x').message).toBe('b.gguf: key k: x');
  }); // prettier-ignore

  it('shows only the start of a very long key', () => {
    const e = new GgufError('a.gguf', 24, `key ${'k'.repeat(60_000)}`, 'appears twice');
    expect(e.message.length).toBeLessThan(200);
    expect(e.message).toMatch(/k…: appears twice$/);
  });

  it('GgufNeedMore says how many bytes to read, and is not a ConfigError', () => {
    const e = new GgufNeedMore(5_000_000, 1_048_576, 'key tokenizer.ggml.tokens at byte 900');
    expect(e).not.toBeInstanceOf(ConfigError);
    expect([e.bytes, e.have]).toEqual([5_000_000, 1_048_576]);
    expect(e.message).toBe(
      'the GGUF header goes on past byte 1048576 (key tokenizer.ggml.tokens at byte 900): read at least 5000000 bytes',
    );
  });
});
