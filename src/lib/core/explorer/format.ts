/**
 * Number formats shared by the explorer and the CLI. Parameter counts use SI prefixes
 * (B = 1e9 parameters), bytes use GB = 1e9 or GiB = 2^30 as the caller chooses.
 */

// One formatter for all calls: toLocaleString builds a new Intl.NumberFormat every time, which
// was the largest single cost of a slider move.
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An integer with thousands separators: 108641793536 -> "108,641,793,536". */
export function formatInteger(n: number): string {
  return integerFormat.format(Math.round(n));
}

/**
 * A parameter count with an SI suffix and two decimals: 108641793536 -> "108.64B",
 * 1990587793408 -> "1.99T", 871932416 -> "871.93M".
 */
export function formatParams(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e12) return `${(n / 1e12).toFixed(2)}T`;
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(2)}K`;
  return String(n);
}

/** A share as a percentage with one decimal: 0.158 -> "15.8%". */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Bytes in decimal GB (1e9) or binary GiB (2^30): 217283587072 -> "217.3 GB" / "202.4 GiB". */
export function formatBytes(bytes: number, unit: 'GB' | 'GiB' = 'GB'): string {
  const scale = unit === 'GB' ? 1e9 : 2 ** 30;
  const value = bytes / scale;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} ${unit === 'GB' ? 'TB' : 'TiB'}`;
  if (value >= 1) return `${value.toFixed(1)} ${unit}`;
  const small = unit === 'GB' ? 1e6 : 2 ** 20;
  return `${(bytes / small).toFixed(1)} ${unit === 'GB' ? 'MB' : 'MiB'}`;
}

/**
 * A token count as context lengths are quoted: binary k and M when exact (131072 -> "128k",
 * 10485760 -> "10M"), else rounded with SI prefixes (8036144 -> "8.04M").
 */
export function formatTokens(n: number): string {
  if (n >= 2 ** 20 && n % 2 ** 20 === 0) return `${n / 2 ** 20}M`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}k`;
  if (n < 10000) return formatInteger(n);
  return formatParams(n);
}
