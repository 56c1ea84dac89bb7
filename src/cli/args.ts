import { rangeText, type CliOption } from './options.ts';
import { UsageError } from './usage-error.ts';

export interface ParsedArgs {
  positional: string[];
  /** --name value or --name=value; flags without a value map to 'true'. */
  options: Map<string, string>;
}

/**
 * Splits argv into positional arguments and options. `table` lists the options `command`
 * accepts: those with an `arg` take a value, the others are flags. An unknown option is a
 * UsageError that points at the command's help.
 */
export function parseArgs(
  argv: readonly string[],
  table: readonly CliOption[],
  command: string,
): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const short = /^-[A-Za-z]/.test(arg);
    if (!arg.startsWith('--') && !short) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(short ? 1 : 2, eq) : arg.slice(short ? 1 : 2);
    const option = table.find((o) => (short ? o.short === name : o.name === name));
    if (!option) {
      throw new UsageError(
        `unknown option ${short ? '-' : '--'}${name} (see moe-explorer ${command} --help)`,
      );
    }
    if (option.arg === undefined) {
      if (eq > 0) throw new UsageError(`--${option.name} takes no value`);
      options.set(option.name, 'true');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    // An empty value (`--gpu-hour-usd=`) is a slip, never a choice: it must not read as 0.
    if (value === undefined || value.trim() === '' || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`--${option.name} needs a value`);
    options.set(option.name, value);
  }
  return { positional, options };
}

/** A decimal number: digits, an optional fraction and exponent; no hex, no `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A number option's value, checked against the `range` of its table entry (and whole when the
 * entry says `integer`); undefined when it is not given. Anything else is a UsageError naming
 * the option, the value and the range.
 *
 * @example numberOption(new Map([['gpus', '8']]), gpus) // 8
 */
export function numberOption(options: Map<string, string>, option: CliOption): number | undefined {
  const text = options.get(option.name);
  if (text === undefined) return undefined;
  if (!option.range) throw new Error(`--${option.name} has no range in its table`);
  const [min, max] = option.range;
  const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
  const whole = !option.integer || Number.isInteger(value);
  if (!(value >= min && value <= max && whole)) {
    throw new UsageError(
      `--${option.name}: expected ${option.integer ? 'an integer' : 'a number'} from ${rangeText(option.range)}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/**
 * A choice option's value in lower case, one of `allowed`; undefined when it is not given.
 * Anything else is a UsageError naming the option, the value and the choices.
 *
 * @example choiceOption(new Map([['weights', 'FP8']]), 'weights', ['bf16', 'fp8']) // 'fp8'
 */
export function choiceOption<T extends string>(
  options: Map<string, string>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = options.get(name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower))
    throw new UsageError(
      `--${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return lower;
}
