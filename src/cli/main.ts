/**
 * CLI entry: npm run --silent cli -- <command> ...
 * Bad input prints one line on stderr and exits with code 2; never a stack trace.
 */
import { ConfigError } from '../lib/core/index.ts';
import { UsageError } from './load-model.ts';
import { run } from './run.ts';

function main(): void {
  try {
    const { stdout, code } = run(process.argv.slice(2));
    process.stdout.write(stdout + '\n');
    process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`moe-explorer: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`moe-explorer: internal error: ${message}\n`);
    process.exitCode = 1;
  }
}

main();
