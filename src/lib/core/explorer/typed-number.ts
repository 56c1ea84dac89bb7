import { ConfigError } from '../model/errors.ts';

/**
 * A token count as people write it: "131072", "128k" (x 1024), "1M" (x 2^20), "10M",
 * "1_000_000", "1e6". k/M/G are binary (128k = 131,072), as context lengths are quoted;
 * a plain or exponent number is taken as is.
 *
 * @example parseTokenCount('128k') // 131_072
 * @example parseTokenCount('10M') // 10_485_760
 */
export function parseTokenCount(text: string, field = 'context'): number {
  const match = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kKmMgG]?)\s*$/.exec(text.replace(/[_,]/g, ''));
  if (!match) throw new ConfigError(field, text, 'a token count such as 131072, 128k, 1M or 10M');
  const scale = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[match[2]!.toLowerCase()]!;
  const value = Number(match[1]) * scale;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(field, text, 'a whole number of tokens >= 1');
  }
  return value;
}
