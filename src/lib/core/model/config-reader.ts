import { ConfigError } from './errors.ts';
import { UnsafeJsonInteger } from './json-text.ts';
import { atMost, fieldLimit, LIMITS } from './limits.ts';

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
 * Typed, validating access to one object of a Hugging Face config.json. Every read names the
 * field's dotted path in its error, so nested configs (`text_config.hidden_size`) report where
 * the problem is. Unknown fields are never looked at.
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

  has(key: string): boolean {
    this.field(key);
    return Object.hasOwn(this.json, key) && this.json[key] !== undefined && this.json[key] !== null;
  }

  raw(key: string): unknown {
    this.field(key);
    return Object.hasOwn(this.json, key) ? this.json[key] : undefined;
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
    return checkInt(this.field(key), this.json[key], min);
  }

  /** An optional integer >= min; `fallback` when absent or null. */
  optInt<T extends number | null>(key: string, fallback: T, min = 1): number | T {
    return this.has(key) ? this.int(key, min) : fallback;
  }

  /** The first present key of `keys`, as an integer. */
  intOf(keys: readonly string[], min = 1): number {
    const key = keys.find((k) => this.has(k));
    if (key === undefined) {
      throw new ConfigError(this.field(keys.join(' or ')), undefined, `an integer >= ${min}`);
    }
    return this.int(key, min);
  }

  /** An optional positive number (fractions allowed). */
  optNumber(key: string, fallback: number): number {
    if (!this.has(key)) return fallback;
    const value = this.json[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ConfigError(this.field(key), value, 'a positive number');
    }
    return value;
  }

  bool(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const value = this.json[key];
    if (typeof value !== 'boolean') throw new ConfigError(this.field(key), value, 'true or false');
    return value;
  }

  optString(key: string): string | null {
    if (!this.has(key)) return null;
    const value = this.json[key];
    if (typeof value !== 'string') throw new ConfigError(this.field(key), value, 'a string');
    return value;
  }

  /** An optional array whose items each pass `item` (which gets the item's path). */
  optArray<T>(key: string, item: (value: unknown, field: string) => T): T[] | null {
    if (!this.has(key)) return null;
    const value = this.json[key];
    const field = this.field(key);
    if (!Array.isArray(value)) throw new ConfigError(field, value, 'an array');
    return value.map((v, i) => item(v, `${field}[${i}]`));
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
