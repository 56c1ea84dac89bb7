import { UsageError } from './load-model.ts';

export interface ParsedArgs {
  positional: string[];
  /** --name value or --name=value; flags without a value map to 'true'. */
  options: Map<string, string>;
}

/**
 * Splits argv into positional arguments and options. `valued` lists the options that take a
 * value; every other --option is a boolean flag. Unknown options are an error.
 */
export function parseArgs(
  argv: readonly string[],
  valued: readonly string[],
  flags: readonly string[],
): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else if (flags.includes(name) && eq < 0) {
      options.set(name, 'true');
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
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
