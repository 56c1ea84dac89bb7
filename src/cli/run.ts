/**
 * The command line over the core (see main.ts for the entry):
 *   npm run --silent cli -- params <config.json | preset-id> [--json]
 *   npm run --silent cli -- serve <config.json | preset-id> [options] [--json]
 *   npm run --silent cli -- <command> --help
 * Bad input throws UsageError: one line on stderr, exit code 2.
 */
import { parseArgs } from './args.ts';
import { COMMANDS, findCommand } from './commands.ts';
import { commandHelp, topLevelHelp } from './help.ts';
import { loadModel, UsageError } from './load-model.ts';
import { isHelpArg } from './options.ts';

/**
 * Runs one CLI invocation; throws UsageError for bad input. `--help` or `-h` anywhere, `help`
 * first or no arguments print a help instead, whatever else the line holds.
 */
export function run(argv: readonly string[]): { stdout: string; code: number } {
  const [name] = argv;
  if (name === undefined || name === 'help' || argv.some(isHelpArg))
    return { stdout: help(argv), code: 0 };
  const command = findCommand(name);
  if (!command) throw unknownCommand(name);
  const { positional, options } = parseArgs(argv.slice(1), command.options, command.name);
  const target = one(positional, command.name);
  return { stdout: command.run(loadModel(target), options), code: 0 };
}

/**
 * The help a command line asks for: the command's when it names one (`serve --help`,
 * `help serve`), else the program's. `help nosuch` is an error; `nosuch --help` is not.
 */
function help(argv: readonly string[]): string {
  const words = argv.filter((arg) => !isHelpArg(arg));
  const explicit = words[0] === 'help';
  const name = explicit ? words[1] : words[0];
  const command = name === undefined ? undefined : findCommand(name);
  if (command) return commandHelp(command);
  if (explicit && name !== undefined && name !== 'help' && words.length === argv.length)
    throw unknownCommand(name);
  return topLevelHelp(COMMANDS);
}

function unknownCommand(name: string): UsageError {
  const names = COMMANDS.map((c) => c.name).join(', ');
  return new UsageError(
    `unknown command ${JSON.stringify(name)}; commands: ${names} (see moe-explorer --help)`,
  );
}

function one(positional: string[], command: string): string {
  if (positional.length === 0)
    throw new UsageError(
      `${command} needs a config.json path or a preset id (see moe-explorer ${command} --help)`,
    );
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  return positional[0]!;
}
