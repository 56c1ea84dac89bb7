/** Running the CLI in a test: in process (`usageError`) or as a real process (`spawnCli`). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../../src/cli/run.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The message of the UsageError `run(argv)` throws; fails the test when it throws none. */
export function usageError(argv: string[]): string {
  try {
    run(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

/** What a CLI process wrote, its exit code and how long it ran (wall clock, seconds). */
export interface CliProcess {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/**
 * Runs `node --import tsx src/cli/main.ts ...args` as the user would, killed after `timeoutMs`
 * (status null), so that a CLI that hangs fails its test instead of stalling the suite.
 */
export function spawnCli(
  args: string[],
  { timeoutMs = 20_000, env = {} }: { timeoutMs?: number; env?: Record<string, string> } = {},
): CliProcess {
  const started = performance.now();
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      env: { ...process.env, ...env },
    },
  );
  return {
    status: out.status,
    stdout: out.stdout,
    stderr: out.stderr,
    seconds: (performance.now() - started) / 1000,
  };
}
