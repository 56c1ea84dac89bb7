import { describe, expect, it } from 'vitest';
import { checkInt, ConfigReader, isObject } from '../../../../src/lib/core/model/config-reader.ts';
import { UnsafeJsonInteger } from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';

describe('isObject', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['{}', false],
    [1, false],
  ])('isObject(%j) is %s', (value, object) => {
    expect(isObject(value)).toBe(object);
  });
});

describe('ConfigReader', () => {
  const r = new ConfigReader({
    hidden_size: 4096,
    rope_theta: 5e5,
    tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
    sliding_window: null,
    layer_types: ['full_attention', 'sliding_attention'],
    text_config: { hidden_size: 5120, num_local_experts: -16 },
  });

  it('int reads an integer and names a missing one', () => {
    expect(r.int('hidden_size')).toBe(4096);
    expect(configErrorOf(() => r.int('vocab_size')).message).toBe(
      'vocab_size: expected an integer >= 1, got nothing (the field is missing)',
    );
  });

  it('child reads a nested object whose errors name the dotted path', () => {
    const text = r.child('text_config')!;
    expect(text.int('hidden_size')).toBe(5120);
    expect(text.field('hidden_size')).toBe('text_config.hidden_size');
    expect(configErrorOf(() => text.int('num_local_experts')).message).toBe(
      'text_config.num_local_experts: expected an integer >= 1, got -16',
    );
  });

  it('child is null for an absent or null field, and a ConfigError for a non-object', () => {
    expect(r.child('vision_config')).toBeNull();
    expect(r.child('sliding_window')).toBeNull();
    expect(configErrorOf(() => r.child('hidden_size')).message).toBe(
      'hidden_size: expected an object, got 4096',
    );
  });

  it('has is false for absent, null and inherited fields', () => {
    expect(r.has('hidden_size')).toBe(true);
    expect(r.has('sliding_window')).toBe(false);
    expect(r.has('vocab_size')).toBe(false);
    expect(r.has('constructor')).toBe(false);
    expect(r.raw('toString')).toBeUndefined();
  });

  it('optInt gives the fallback for an absent or null field; min 0 allows 0', () => {
    expect(r.optInt('sliding_window', null)).toBeNull();
    expect(r.optInt('num_key_value_heads', 32)).toBe(32);
    expect(new ConfigReader({ n: 0 }).optInt('n', 5, 0)).toBe(0);
    expect(configErrorOf(() => new ConfigReader({ n: -1 }).optInt('n', 5, 0)).expected).toBe(
      'a non-negative integer',
    );
  });

  it('intOf reads the first present key, and names every key when none is', () => {
    expect(r.intOf(['num_experts', 'hidden_size'])).toBe(4096);
    expect(configErrorOf(() => r.intOf(['a', 'b'])).field).toBe('a or b');
  });

  it('optNumber accepts a positive fraction and refuses 0', () => {
    expect(r.optNumber('rope_theta', 1e4)).toBe(5e5);
    expect(r.optNumber('absent', 1e4)).toBe(1e4);
    expect(configErrorOf(() => new ConfigReader({ x: 0 }).optNumber('x', 1)).expected).toBe(
      'a positive number',
    );
  });

  it('bool and optString check the type', () => {
    expect(r.bool('tie_word_embeddings', true)).toBe(false);
    expect(r.bool('absent', true)).toBe(true);
    expect(configErrorOf(() => r.bool('hidden_size', false)).expected).toBe('true or false');
    expect(r.optString('torch_dtype')).toBe('bfloat16');
    expect(r.optString('absent')).toBeNull();
    expect(configErrorOf(() => r.optString('hidden_size')).expected).toBe('a string');
  });

  it('optArray passes each item a function naming its indexed path', () => {
    const fields: string[] = [];
    r.optArray('layer_types', (_, field) => fields.push(field()));
    expect(fields).toEqual(['layer_types[0]', 'layer_types[1]']);
    expect(configErrorOf(() => r.child('text_config')!.optIntArray('hidden_size')).expected).toBe(
      'an array',
    );
    expect(
      configErrorOf(() => new ConfigReader({ moe_layers: [1, 2.5] }).optIntArray('moe_layers', 0))
        .message,
    ).toBe('moe_layers[1]: expected a non-negative integer, got 2.5');
    expect(
      configErrorOf(() => new ConfigReader({ moe_layers: [4096, 4097] }).optIntArray('moe_layers'))
        .message,
    ).toBe('moe_layers[1]: expected at most 4,096, got 4097');
    expect(r.optArray('absent', (v) => v)).toBeNull();
    expect(configErrorOf(() => r.optArray('hidden_size', (v) => v)).expected).toBe('an array');
  });

  it('a reader with a touched set collects the path of every field read', () => {
    const touched = new Set<string>();
    const t = new ConfigReader({ a: 1, text_config: { b: 2 } }, '', touched);
    t.int('a');
    t.child('text_config')!.has('b');
    expect([...touched].sort()).toEqual(['a', 'text_config', 'text_config.b']);
  });
});

describe('checkInt', () => {
  it.each([
    [2.5, 1, 'an integer >= 1'],
    ['8', 1, 'an integer >= 1'],
    [0, 1, 'an integer >= 1'],
    [-1, 0, 'a non-negative integer'],
    [2 ** 53, 1, 'at most 9,007,199,254,740,991 (2^53 − 1)'],
  ])('checkInt(field, %j, min %i) expects %s', (value, min, expected) => {
    expect(configErrorOf(() => checkInt('field', value, min)).expected).toBe(expected);
  });

  it('checkInt returns the value when it is an integer >= min', () => {
    expect(checkInt('layers', 0, 0)).toBe(0);
    expect(checkInt('layers', 61)).toBe(61);
  });
});

describe('checkInt limits', () => {
  it("checkInt refuses a value over its field's limit, naming the field, the value and the limit", () => {
    expect(configErrorOf(() => checkInt('text_config.num_hidden_layers', 4097)).message).toBe(
      'text_config.num_hidden_layers: expected at most 4,096, got 4097',
    );
    expect(checkInt('text_config.num_hidden_layers', 4096)).toBe(4096);
  });

  it('checkInt refuses an integer beyond 2^53 as written (finding 10), and a negative one as below min', () => {
    expect(
      configErrorOf(() => checkInt('rope_theta', new UnsafeJsonInteger('9007199254740993')))
        .message,
    ).toBe('rope_theta: expected at most 9,007,199,254,740,991 (2^53 − 1), got 9007199254740993');
    expect(
      configErrorOf(() => checkInt('n', new UnsafeJsonInteger('-9007199254740993'), 0)).message,
    ).toBe('n: expected a non-negative integer, got -9007199254740993');
  });

  it('isObject is false for an unsafe integer: it is a number, not a nested config', () => {
    expect(isObject(new UnsafeJsonInteger('1' + '0'.repeat(20)))).toBe(false);
  });
});
