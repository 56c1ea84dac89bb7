import { UnsafeJsonInteger } from './unsafe-integer.ts';

/**
 * The one error type the core throws for bad input. Its message names the field, the value
 * received and what was expected, so a person can fix the config without reading code.
 *
 * @example
 *   new ConfigError('hidden_size', -1, 'a positive integer').message
 *   // 'hidden_size: expected a positive integer, got -1'
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** Dotted path of the offending field, e.g. "text_config.hidden_size". */
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
    /** The message, when "field: expected ..., got ..." reads badly. */
    message = `${field}: expected ${expected}, got ${describeValue(value)}`,
  ) {
    super(message);
  }
}

/**
 * A short, safe rendering of any JSON value for an error message. An integer beyond 2^53 − 1
 * read from JSON text shows as written (its `toString`), not rounded.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value instanceof UnsafeJsonInteger) return value.text;
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}
