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
  /** True when the number must be whole (a count of devices, sequences or tokens). */
  integer?: boolean;
  /** The heading the help lists the option under. */
  group?: string;
}

/** `-h`, `--help`: every command takes it, and it wins over any other argument. */
export const HELP_OPTION: CliOption = { name: 'help', short: 'h', help: 'print this help' };

/** The heading of `--hub-url` and `--revision` in a help that groups its options. */
export const HUB_GROUP = 'a model id on the Hugging Face Hub';

/**
 * `--hub-url` and `--revision`: every command takes a Hugging Face model id (hub-model.ts reads
 * them before the command runs), listed under `group` where the command's help has groups.
 */
export function hubOptions(group?: string): CliOption[] {
  const options: CliOption[] = [
    {
      name: 'hub-url',
      arg: 'URL',
      default: '$HF_ENDPOINT, else huggingface.co',
      help: 'the Hub of a model id (http, https)',
    },
    {
      name: 'revision',
      arg: 'R',
      default: 'its @revision, else main',
      help: 'branch, tag or commit of a model id',
    },
  ];
  return group === undefined ? options : options.map((o) => ({ ...o, group }));
}

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

/**
 * A range as the help and the errors show it, with thousands separators.
 *
 * @example rangeText([1, 65536]) // '1 to 65,536'
 */
export function rangeText([min, max]: readonly [number, number]): string {
  const shown = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return `${shown(min)} to ${shown(max)}`;
}
