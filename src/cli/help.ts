/**
 * The help texts, generated from the command table (commands.ts) and each command's option
 * table, so that they list exactly what the parser accepts.
 */
import { rangeText, type CliOption } from './options.ts';

/** What the help needs to know of a command. */
export interface CommandHelp {
  name: string;
  /** The positional arguments, as the usage line shows them. */
  args: string;
  /** One line: what the command prints. */
  summary: string;
  options: readonly CliOption[];
  /** Sections after the options: lists made from the core's data (presets, devices, formats). */
  sections: () => string[][];
}

const PROGRAM = 'moe-explorer';
const WIDTH = 100;

/** Plain-text columns, two spaces apart, each line indented by `indent`. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).trimEnd(),
  );
}

/** A list, comma-separated and wrapped to lines of at most WIDTH characters. */
export function wrap(words: readonly string[], indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const piece = i < words.length - 1 ? `${word},` : word;
    if (line !== '' && indent.length + line.length + 1 + piece.length > WIDTH) {
      lines.push(indent + line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** The usage of the whole program: its commands, one line each, and how to get more help. */
export function topLevelHelp(commands: readonly CommandHelp[]): string {
  return [
    `usage: ${PROGRAM} <command> [arguments] [options]`,
    '',
    'commands:',
    ...columns([
      ...commands.map((c) => [`${c.name} ${c.args}`, c.summary]),
      ['help [command]', 'print this help, or the help of a command'],
    ]),
    '',
    `A command's options: ${PROGRAM} <command> --help (or ${PROGRAM} help <command>).`,
  ].join('\n');
}

/** One line per option: `--name ARG`, what it means, its range and default; under group headings. */
export function optionLines(table: readonly CliOption[]): string[] {
  const lines = columns(
    table.map((option) => {
      const name = (option.short ? `-${option.short}, ` : '') + `--${option.name}`;
      const range = option.range ? `, ${rangeText(option.range)}` : '';
      const fallback = option.default === undefined ? '' : `; default: ${option.default}`;
      return [option.arg ? `${name} ${option.arg}` : name, option.help + range + fallback];
    }),
  );
  return table.flatMap((option, i) => {
    const group = option.group ?? 'options';
    if (i > 0 && table[i - 1]!.group === option.group) return [lines[i]!];
    return [...(i > 0 ? [''] : []), `${group}:`, lines[i]!];
  });
}

/** The help of one command: usage, every option it accepts, then its generated lists. */
export function commandHelp(command: CommandHelp): string {
  const sections = command.sections().flatMap((section) => ['', ...section]);
  return [
    `usage: ${PROGRAM} ${command.name} ${command.args} [options]`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    ...optionLines(command.options),
    ...sections,
  ].join('\n');
}
