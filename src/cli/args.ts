import { UsageError } from './load-model.ts';
import type { CliOption } from './options.ts';

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
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`--${option.name} needs a value`);
    options.set(option.name, value);
  }
  return { positional, options };
}

/** An option's value as a number, or a UsageError naming the option and what it expects. */
export function numberOption(
  options: Map<string, string>,
  name: string,
  kind: 'integer' | 'positive',
): number | undefined {
  const text = options.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok =
    kind === 'integer'
      ? Number.isSafeInteger(value) && value >= 1
      : Number.isFinite(value) && value > 0;
  if (text.trim() === '' || !ok) {
    throw new UsageError(
      `--${name}: expected ${kind === 'integer' ? 'an integer >= 1' : 'a positive number'}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** An optional number option within the `range` of its table entry. */
export function rangeOption(options: Map<string, string>, option: CliOption): number | undefined {
  const text = options.get(option.name);
  if (text === undefined) return undefined;
  if (!option.range) throw new Error(`--${option.name} has no range in its table`);
  const [min, max] = option.range;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(
      `--${option.name}: expected a number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}
