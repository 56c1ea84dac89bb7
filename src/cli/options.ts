/**
 * The shape of a command's option table: one table per command drives the parser (args.ts),
 * the help (help.ts) and, through its defaults, the values the command falls back to.
 */

export interface CliOption {
  /** The long name, without the leading `--`. */
  name: string;
  /** A one-letter alias, without the leading `-`. */
  short?: string;
  /** What the value looks like (`N`, `ID`, `FMT`); absent for a flag. */
  arg?: string;
  /** What the option means: one line, lower case, no full stop. */
  help: string;
  /** The value used when the option is not given, as the help shows it. */
  default?: string;
  /** The accepted range of a number option, inclusive; the help shows it and the parser checks it. */
  range?: readonly [min: number, max: number];
  /** The heading the help lists the option under. */
  group?: string;
}

/** `-h`, `--help`: every command takes it, and it wins over any other argument. */
export const HELP_OPTION: CliOption = { name: 'help', short: 'h', help: 'print this help' };

/** True for the arguments that ask for help: `--help` and `-h`. */
export function isHelpArg(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

/** The option of a table with this long name; throws for a name not in the table (a bug). */
export function findOption(table: readonly CliOption[], name: string): CliOption {
  const option = table.find((o) => o.name === name);
  if (!option) throw new Error(`no option --${name} in the table`);
  return option;
}
