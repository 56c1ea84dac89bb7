/**
 * The command line over the core (see main.ts for the entry):
 *   npm run --silent cli -- params <config.json | preset-id> [--json]
 *   npm run --silent cli -- serve <config.json | preset-id> [options] [--json]
 * Bad input throws UsageError: one line on stderr, exit code 2.
 */
import { parseArgs } from './args.ts';
import { loadModel, UsageError } from './load-model.ts';
import { paramsCommand } from './params-command.ts';
import { SERVE_OPTIONS, serveCommand } from './serve-command.ts';

export const USAGE = [
  'usage: moe-explorer params <config.json | preset-id> [--json]',
  '       moe-explorer serve <config.json | preset-id> [--gpu ID | --gpu-memory-gb N --gpu-bandwidth-gbs N --gpu-tflops N]',
  '             [--gpus N] [--tp N] [--ep N] [--pp N] [--weights FMT] [--expert-weights FMT] [--kv-dtype bf16|fp16|fp8]',
  '             [--kv-layout hybrid|full] [--context TOKENS (128k, 1M, 10M)] [--batch N] [--gpu-hour-usd N] [--json]',
].join('\n');

/** Runs one CLI invocation; throws UsageError for bad input. */
export function run(argv: readonly string[]): { stdout: string; code: number } {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help')
    return { stdout: USAGE, code: 0 };
  switch (command) {
    case 'params': {
      const { positional, options } = parseArgs(argv.slice(1), [], ['json']);
      const target = one(positional, 'params');
      return { stdout: paramsCommand(loadModel(target), options.has('json')), code: 0 };
    }
    case 'serve': {
      const { positional, options } = parseArgs(argv.slice(1), SERVE_OPTIONS, ['json']);
      const target = one(positional, 'serve');
      return { stdout: serveCommand(loadModel(target), options, options.has('json')), code: 0 };
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: params, serve`);
  }
}

function one(positional: string[], command: string): string {
  if (positional.length === 0)
    throw new UsageError(`${command} needs a config.json path or a preset id`);
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  return positional[0]!;
}
