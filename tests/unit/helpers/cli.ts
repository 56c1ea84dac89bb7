/** Running the CLI in a test: in process (`usageError`) or as a real process (`spawnCli`). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** What a CLI process wrote, its exit code (null: killed, as one that hangs is) and its CPU time. */
export interface CliProcess {
  status: number | null;
  stdout: string;
  stderr: string;
  /**
   * The process's CPU time (user + system), seconds; null when it did not exit by itself. Not
   * wall time: a busy machine (another test beside this one) makes a process wait for a core,
   * not work longer.
   */
  cpuSeconds: number | null;
}

/**
 * Runs `node --import tsx src/cli/main.ts ...args` as the user would, killed after `timeoutMs`
 * (status null), so that a CLI that hangs fails its test instead of stalling the suite; its CPU
 * time comes from a preload (cpu-at-exit.mjs) that writes it to a file as the process exits.
 */
export function spawnCli(
  args: string[],
  { timeoutMs = 20_000, env = {} }: { timeoutMs?: number; env?: Record<string, string> } = {},
): CliProcess {
  const dir = mkdtempSync(join(tmpdir(), 'moe-cli-cpu-'));
  const cpuFile = join(dir, 'cpu');
  try {
    const out = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        pathToFileURL(join(import.meta.dirname, 'cpu-at-exit.mjs')).href,
        join(ROOT, 'src/cli/main.ts'),
        ...args,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: { ...process.env, ...env, MOE_TEST_CPU_FILE: cpuFile },
      },
    );
    const cpuSeconds = existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : null;
    return { status: out.status, stdout: out.stdout, stderr: out.stderr, cpuSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
