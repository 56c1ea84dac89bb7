import { ConfigError } from './errors.ts';
import { UnsafeJsonInteger } from './unsafe-integer.ts';
import { atMost, fieldLimit, LEAST_LIMIT, LIMITS, maxOfField } from './limits.ts';

type Json = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array, not an unsafe integer). */
export function isObject(value: unknown): value is Json {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof UnsafeJsonInteger)
  );
}

/**
 * The path of an array item, e.g. "layer_types[3]", built when called: an item reader calls it
 * only to name the item in an error, so a long list is read without a string per item.
 */
export type ItemField = () => string;

/**
 * Typed, validating access to one object of a Hugging Face config.json. Every read names the
 * field's dotted path in its error, so nested configs (`text_config.hidden_size`) report where
 * the problem is. Unknown fields are never looked at.
 *
 * Reads are on the parse path of every slider move and preset switch: a valid value is checked
 * and returned without building its path, which is made only for an error or a `touched` set.
 */
export class ConfigReader {
  constructor(
    private readonly json: Json,
    private readonly path = '',
    /** When given, collects the path of every field read (the fields that shape the model). */
    private readonly touched: Set<string> | null = null,
  ) {}

  /** The path of a field of this object, e.g. "text_config.hidden_size". */
  field(key: string): string {
    const path = this.path ? `${this.path}.${key}` : key;
    this.touched?.add(path);
    return path;
  }

  /** Records a read in the `touched` set, if any, without building a path otherwise. */
  private note(key: string): void {
    if (this.touched !== null) this.field(key);
  }

  /** The field's own value, null and undefined as written; undefined when not its own. */
  private own(key: string): unknown {
    const value = this.json[key];
    // A missing key may still find Object.prototype ("constructor", a function): not a field of
    // the config. A number, string or boolean is the config's own (as `int` takes it).
    return typeof value !== 'object' && typeof value !== 'function'
      ? value
      : value === null || Object.hasOwn(this.json, key)
        ? value
        : undefined;
  }

  /**
   * The field's value when `has` would be true, else undefined: one read of the field for an
   * optional value (not `has`, then a second read).
   */
  private present(key: string): unknown {
    this.note(key);
    const value = this.own(key);
    return value === null ? undefined : value;
  }

  has(key: string): boolean {
    return this.present(key) !== undefined;
  }

  raw(key: string): unknown {
    this.note(key);
    return this.own(key);
  }

  /** The object's own keys, in the order written. */
  keys(): string[] {
    return Object.keys(this.json);
  }

  /** A nested object, or null when absent. */
  child(key: string): ConfigReader | null {
    const value = this.json[key];
    if (value === undefined || value === null) return null;
    if (!isObject(value)) throw new ConfigError(this.field(key), value, 'an object');
    return new ConfigReader(value, this.field(key), this.touched);
  }

  /** A required integer >= min (1 unless told). */
  int(key: string, min = 1): number {
    this.note(key);
    return this.intValue(key, this.json[key], min);
  }

  /** `value`, read from `key`, as an integer from `min` to the field's limit (checkInt). */
  private intValue(key: string, value: unknown, min: number): number {
    // checkInt's fast path: a safe integer from min to the field's limit.
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= min &&
      (value <= LEAST_LIMIT || value <= maxOfField(key))
    )
      return value;
    return checkInt(this.field(key), value, min);
  }

  /** An optional integer >= min; `fallback` when absent or null. */
  optInt<T extends number | null>(key: string, fallback: T, min = 1): number | T {
    const value = this.present(key);
    return value === undefined ? fallback : this.intValue(key, value, min);
  }

  /** The first present key of `keys`, as an integer. */
  intOf(keys: readonly string[], min = 1): number {
    for (const key of keys) {
      const value = this.present(key);
      if (value !== undefined) return this.intValue(key, value, min);
    }
    throw new ConfigError(this.field(keys.join(' or ')), undefined, `an integer >= ${min}`);
  }

  /** An optional positive number (fractions allowed). */
  optNumber(key: string, fallback: number): number {
    const value = this.present(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ConfigError(this.field(key), value, 'a positive number');
    }
    return value;
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.present(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') throw new ConfigError(this.field(key), value, 'true or false');
    return value;
  }

  optString(key: string): string | null {
    const value = this.present(key);
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new ConfigError(this.field(key), value, 'a string');
    return value;
  }

  /**
   * An optional array whose items each pass `item`, which gets the item and a function naming
   * its path ("layer_types[3]") for an error.
   */
  optArray<T>(key: string, item: (value: unknown, field: ItemField) => T): T[] | null {
    const value = this.optList(key);
    if (value === null) return null;
    const items = new Array<T>(value.length); // sized once: growing it item by item costs more
    let i = 0;
    // One function for every item: it reads the index the loop is at when it is called.
    const field: ItemField = () => `${this.field(key)}[${i}]`;
    for (; i < value.length; i++) items[i] = item(value[i], field);
    return items;
  }

  /** An optional array, as written (not copied: read it, do not keep or change it). */
  optList(key: string): readonly unknown[] | null {
    const value = this.present(key);
    if (value === undefined) return null;
    if (!Array.isArray(value)) throw new ConfigError(this.field(key), value, 'an array');
    return value;
  }

  /**
   * An optional array whose items each pass `valid`, as written (not copied); an item that does
   * not is an error naming its path ("layer_types[3]") and `expected`.
   */
  optListOf<T>(
    key: string,
    valid: (value: unknown) => value is T,
    expected: string,
  ): readonly T[] | null {
    const list = this.optList(key);
    if (list === null) return null;
    for (let i = 0; i < list.length; i++) {
      if (!valid(list[i])) throw new ConfigError(`${this.field(key)}[${i}]`, list[i], expected);
    }
    return list as readonly T[];
  }

  /** An optional array of integers from `min` to the field's limit (by the list's name). */
  optIntArray(key: string, min = 1): number[] | null {
    return this.optArray(key, (v, field) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= maxOfField(key)
        ? v
        : checkInt(field(), v, min),
    );
  }
}

/**
 * `value` as an integer from `min` to the field's limit (LIMITS, by the field's name; else
 * Number.MAX_SAFE_INTEGER), or a ConfigError naming `field`, the value as written and the
 * bound. An integer beyond 2^53 − 1 (an `UnsafeJsonInteger`) is refused, never rounded.
 */
export function checkInt(field: string, value: unknown, min = 1): number {
  const limit = fieldLimit(field);
  const max = limit === null ? Number.MAX_SAFE_INTEGER : LIMITS[limit];
  const tooLarge =
    (value instanceof UnsafeJsonInteger && !value.text.startsWith('-')) ||
    (typeof value === 'number' && Number.isInteger(value) && value > max);
  if (tooLarge) throw new ConfigError(field, value, atMost(limit));
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(
      field,
      value,
      min === 0 ? 'a non-negative integer' : `an integer >= ${min}`,
    );
  }
  return value;
}
