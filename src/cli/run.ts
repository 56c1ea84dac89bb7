/**
 * The command line over the core (see main.ts for the entry):
 *   npm run --silent cli -- params <config.json | preset-id | org/name> [--json] [--hub-url URL]
 *   npm run --silent cli -- serve <config.json | preset-id | org/name> [options] [--json]
 *   npm run --silent cli -- <command> --help
 * `runCli` is the edge: whatever goes wrong ends in one line on stderr, exit code 2 for bad
 * input (UsageError, ConfigError, JsonSyntaxError) and 1 for a bug ("internal error: ...").
 * `runCliAsync` is the same edge with one asynchronous step before it: reading a model id from the
 * Hugging Face Hub (hub-model.ts), for any command; files and presets take exactly the synchronous
 * path.
 */
import { ConfigError, JsonSyntaxError, loadAll } from '../lib/core/index.ts';
import { parseArgs } from './args.ts';
import { COMMANDS, findCommand, type ModelsCommand } from './commands.ts';
import { commandHelp, topLevelHelp } from './help.ts';
import type { HubDeps } from './hub-fetch.ts';
import { resolveHubModel, type HubInput } from './hub-model.ts';
import { loadModel, loadSource } from './load-model.ts';
import { isHelpArg } from './options.ts';
import { printable } from './printable.ts';
import { UsageError } from './usage-error.ts';

/** What one invocation writes and the code it exits with. */
export interface CliOutcome {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs one invocation and never throws: its output and exit code 0, or one line on stderr.
 * Bad input exits with 2; anything else is a bug, "internal error: ..." with exit code 1, and
 * its stack follows only when `debug` (MOE_DEBUG=1) asks for it. Messages repeat input (paths,
 * values, names), so they pass through `printable`, which also keeps them on one line.
 * `invoke` is `run`; a test passes one that fails the way a bug would.
 */
// The CLI reads every family, knows every device and has the local model at once: its modules
// are all on disk (the page loads them on demand).
loadAll();

export function runCli(argv: readonly string[], debug = false, invoke = run): CliOutcome {
  try {
    const { stdout, code } = invoke(argv);
    return { stdout: stdout + '\n', stderr: '', code };
  } catch (error) {
    return failed(error, debug);
  }
}

/**
 * `runCli` after the asynchronous step: a Hugging Face model id (`params org/name`, `serve
 * org/name`, ...) is read from the Hub first (config.json, and for `params` the tensor list), and
 * `run` takes what was read. A failure of that step ends the same way: one stderr line, exit 2 (1
 * for a bug). Never rejects.
 */
export async function runCliAsync(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  debug = false,
  deps: HubDeps = {},
): Promise<CliOutcome> {
  let hub: HubInput | undefined;
  const command = argv.some(isHelpArg) ? undefined : findCommand(argv[0] ?? '');
  try {
    hub = command && (await resolveHubModel(command, argv.slice(1), env, deps));
  } catch (error) {
    return failed(error, debug);
  }
  return runCli(argv, debug, (args) => run(args, hub));
}

/** One line on stderr for anything thrown: exit 2 for bad input, 1 for a bug. */
function failed(error: unknown, debug: boolean): CliOutcome {
  const expected =
    error instanceof UsageError || error instanceof ConfigError || error instanceof JsonSyntaxError;
  const line = `moe-explorer: ${expected ? '' : 'internal error: '}${printable(describe(error))}\n`;
  const stack = debug && !expected && error instanceof Error ? `${error.stack ?? ''}\n` : '';
  return { stdout: '', stderr: line + printable(stack, 'lines'), code: expected ? 2 : 1 };
}

/** The message of anything thrown, even a value whose conversion to text throws. */
function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'a value that cannot be shown';
  }
}

/**
 * Runs one CLI invocation; throws UsageError for bad input. `hub` is the model runCliAsync read
 * from the Hub when the argument is a model id. `--help` or `-h` anywhere, `help`
 * first or no arguments print a help instead, whatever else the line holds. What it returns
 * to print is `printable` (tabs and newlines kept), so JSON stays valid and reads back the same.
 */
export function run(argv: readonly string[], hub?: HubInput): { stdout: string; code: number } {
  const [name] = argv;
  if (name === undefined || name === 'help' || argv.some(isHelpArg))
    return { stdout: printable(help(argv), 'lines'), code: 0 };
  const command = findCommand(name);
  if (!command) throw unknownCommand(name);
  const { positional, options } = parseArgs(argv.slice(1), command.options, command.name);
  if (command.several) {
    // Each argument read from the Hub by runCliAsync, else a file or a preset.
    const sources = several(positional, command).map((a) => hub?.sources?.get(a) ?? loadSource(a));
    return { stdout: printable(command.runSeveral(sources, options), 'lines'), code: 0 };
  }
  const target = one(positional, command.name);
  // `hub`: the model runCliAsync read from the Hub for this very argument.
  const spec = hub?.spec ?? loadModel(target);
  return { stdout: printable(command.run(spec, options, hub), 'lines'), code: 0 };
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
      `${command} needs a config.json path, a preset id or a Hugging Face model id (see moe-explorer ${command} --help)`,
    );
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  return positional[0]!;
}

/** The models of a command over several (compare): from its fewest to its most. */
function several(positional: string[], command: ModelsCommand): string[] {
  const [fewest, most] = command.several;
  if (positional.length < fewest || positional.length > most)
    throw new UsageError(
      `${command.name} takes ${fewest} to ${most} models (config.json paths, preset ids or Hugging Face model ids), got ${positional.length} (see moe-explorer ${command.name} --help)`,
    );
  return positional;
}
