/**
 * The command line over the core (see main.ts for the entry):
 *   npm run --silent cli -- params <config.json | preset-id> [--json]
 * Bad input prints one line on stderr and exits with code 2.
 */
import { loadModel, UsageError } from './load-model.ts';
import { paramsCommand } from './params-command.ts';

const USAGE = 'usage: moe-explorer params <config.json | preset-id> [--json]';

/** Runs one CLI invocation; throws UsageError for bad input. */
export function run(argv: readonly string[]): { stdout: string; code: number } {
  const flags = argv.filter((a) => a.startsWith('--'));
  const positional = argv.filter((a) => !a.startsWith('--'));
  const [command, target, ...extra] = positional;
  if (command === undefined || command === 'help' || flags.includes('--help'))
    return { stdout: USAGE, code: 0 };
  const unknown = flags.filter((f) => f !== '--json');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}; ${USAGE}`);
  switch (command) {
    case 'params': {
      if (target === undefined)
        throw new UsageError(`params needs a config.json path or a preset id; ${USAGE}`);
      if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}; ${USAGE}`);
      return { stdout: paramsCommand(loadModel(target), flags.includes('--json')), code: 0 };
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; ${USAGE}`);
  }
}
