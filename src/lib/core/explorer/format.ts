/**
 * The one number formatter of the explorer and the CLI: every figure a reader sees goes through
 * these functions, so one quantity reads the same everywhere.
 * Conventions:
 * - parameter counts use SI prefixes (B = 1e9 parameters): "108.64B";
 * - bytes use decimal GB = 1e9 or binary GiB = 2^30, as the reader chooses: "217.3 GB";
 * - token counts are decimal, like every other count: "10M" is 10,000,000 and nothing else;
 *   a binary multiple says so where the exact value matters: "10.49M (10 × 2^20)".
 */

/** Bytes in decimal GB (1e9) or binary GiB (2^30). */
export type ByteUnit = 'GB' | 'GiB';

/** Bytes in one GB (1e9) or one GiB (2^30). */
export function unitBytes(unit: ByteUnit): number {
  return unit === 'GB' ? 1e9 : 2 ** 30;
}

// One formatter for all calls: toLocaleString builds a new Intl.NumberFormat every time, which
// was the largest single cost of a slider move. Built on first need only: the first
// Intl.NumberFormat of a page loads ICU's locale data, 15-20 ms of start-up (issue 9).
let integerFormat: Intl.NumberFormat | undefined;

/** An integer with thousands separators: 108641793536 -> "108,641,793,536". */
export function formatInteger(n: number): string {
  const rounded = Math.round(n);
  // Safe integers are grouped by hand, as Intl's en-US does; the rest (-0, beyond 2^53, NaN,
  // infinities) go to Intl itself, so the text is Intl's for every input.
  if (!Number.isSafeInteger(rounded) || Object.is(rounded, -0)) {
    integerFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    return integerFormat.format(rounded);
  }
  const digits = String(Math.abs(rounded));
  let text = digits.slice(0, digits.length % 3 || 3);
  for (let i = text.length; i < digits.length; i += 3) text += ',' + digits.slice(i, i + 3);
  return rounded < 0 ? '-' + text : text;
}

/** An integer with separators, anything else as written: 8192 -> "8,192", 1.25 -> "1.25". */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? formatInteger(n) : String(n);
}

/** A whole count as an integer, anything else with one decimal: 8 -> "8", 255.93 -> "255.9". */
export function formatCount(n: number): string {
  return Math.abs(n - Math.round(n)) < 0.05 ? formatInteger(n) : n.toFixed(1);
}

/** "1 token", "2 tokens", "1,024 tokens". */
export function plural(n: number, word: string): string {
  return `${formatInteger(n)} ${word}${n === 1 ? '' : 's'}`;
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
export function formatBytes(bytes: number, unit: ByteUnit = 'GB'): string {
  const value = bytes / unitBytes(unit);
  const thousand = unit === 'GB' ? 1000 : 1024; // a TB is 1000 GB, a TiB 1024 GiB
  if (value >= thousand) return `${(value / thousand).toFixed(2)} ${unit === 'GB' ? 'TB' : 'TiB'}`;
  if (value >= 1) return `${value.toFixed(1)} ${unit}`;
  const small = unit === 'GB' ? 1e6 : 2 ** 20;
  return `${(bytes / small).toFixed(1)} ${unit === 'GB' ? 'MB' : 'MiB'}`;
}

/** A byte tick in the unit, without a trailing ".0": 50e9 -> "50 GB"; 0 -> "0". */
export function formatByteTick(bytes: number, unit: ByteUnit): string {
  if (bytes === 0) return '0';
  return formatBytes(bytes, unit).replace(/\.0 /, ' ');
}

/** `value` with at most `decimals` decimals, trailing zeros dropped: (10.4857, 2) -> "10.49". */
function trimmed(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/**
 * A token count, decimal: under 10,000 exact with separators ("8,192"), above with k, M or B
 * and at most two decimals: 10,000,000 -> "10M", 10,485,760 -> "10.49M", 131,072 -> "131.07k".
 */
export function formatTokens(tokens: number): string {
  const n = Math.round(tokens);
  if (n < 10_000) return formatInteger(n);
  if (n >= 1e9) return `${trimmed(n / 1e9, 2)}B`;
  if (n >= 1e6) return `${trimmed(n / 1e6, 2)}M`;
  return `${trimmed(n / 1e3, 2)}k`;
}

/**
 * A token count as `formatTokens` shows it, with the exact value when that is rounded: a binary
 * multiple as such (10,485,760 -> "10.49M (10 × 2^20)", 131,072 -> "131.07k (128 × 2^10)"),
 * anything else in full (8,036,144 -> "8.04M (8,036,144)").
 */
export function formatTokensExact(tokens: number): string {
  const short = formatTokens(tokens);
  if (Math.round(Number(short.replace(/[kMB,]/g, '')) * suffixScale(short)) === tokens)
    return short;
  for (const [power, scale] of [
    [20, 2 ** 20],
    [10, 2 ** 10],
  ] as const) {
    if (tokens % scale === 0) return `${short} (${formatInteger(tokens / scale)} × 2^${power})`;
  }
  return `${short} (${formatInteger(tokens)})`;
}

function suffixScale(text: string): number {
  if (text.endsWith('B')) return 1e9;
  if (text.endsWith('M')) return 1e6;
  if (text.endsWith('k')) return 1e3;
  return 1;
}

/** Dollars: 27.109 -> "$27.11", 0.0421 -> "$0.042", 1234.5 -> "$1,235". */
export function formatUsd(usd: number): string {
  if (usd >= 1000) return `$${formatInteger(usd)}`;
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${Number(usd.toPrecision(2))}`;
}

/**
 * A dollar tick with three significant digits, without trailing zeros: 20 -> "$20", 0.5 ->
 * "$0.5", 1234 -> "$1,230". The text of `toLocaleString('en-US')` (grouped, at most three
 * decimals) without a formatter built per tick: a slider move draws dozens.
 */
export function formatUsdTick(usd: number): string {
  const v = Number(usd.toPrecision(3));
  const a = Math.abs(v);
  if (a >= 1000) return `$${formatInteger(v)}`;
  if (a < 1e-6) return '$0';
  // Rounded to three decimals on the decimal digits, half away from zero, as Intl rounds
  // ("0.0115" -> 0.012; toFixed would see 0.011499... and give 0.011).
  return `$${(Math.sign(v) * Math.round(Number(`${a}e3`))) / 1000}`;
}

/** A rate with at most three significant digits and a k/M suffix: 2362.9 -> "2.36k", 220.5 -> "221". */
export function formatRate(value: number): string {
  const digits = (v: number, d: number) => String(Number(v.toPrecision(d)));
  if (value >= 1e6) return `${digits(value / 1e6, 3)}M`;
  if (value >= 1e3) return `${digits(value / 1e3, 3)}k`;
  return digits(value, value >= 1 ? 3 : 2);
}

/** Milliseconds with two decimals: 0.01234 s -> "12.34 ms". */
export function formatMilliseconds(seconds: number): string {
  return `${(seconds * 1e3).toFixed(2)} ms`;
}
