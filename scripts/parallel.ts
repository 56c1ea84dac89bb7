/**
 * Runs npm scripts side by side, as many at once as the machine has cores, and fails if any
 * fails. `npm test` runs the browser tests (one file at a time, mostly waiting on the browser's
 * frames) in one slot and the unit tests then the static checks in the other:
 * `tsx scripts/parallel.ts test:e2e test:units lint:eslint check lint:prettier size`. Each script's
 * output is printed whole when it ends, under its name, so two outputs never interleave; the
 * longest-running scripts should come first.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface ScriptRun {
  script: string;
  code: number;
  output: string;
  seconds: number;
}

/** Runs one command (a shell line), collecting its output. */
function runOne(script: string, command: string): Promise<ScriptRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      resolve({ script, code: code ?? (signal ? 1 : 0), output, seconds });
    });
  });
}

/**
 * Runs each command with at most `slots` at once, in the order given, calling `done` as each
 * ends; resolves to every run, in the order given.
 */
export async function runParallel(
  commands: readonly { script: string; command: string }[],
  slots: number,
  done: (run: ScriptRun) => void = () => {},
): Promise<ScriptRun[]> {
  const runs: ScriptRun[] = new Array(commands.length);
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const i = next++;
      const { script, command } = commands[i]!;
      runs[i] = await runOne(script, command);
      done(runs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, slots) }, worker));
  return runs;
}

async function main(scripts: string[]): Promise<number> {
  if (scripts.length === 0) {
    console.error('usage: tsx scripts/parallel.ts SCRIPT [SCRIPT ...] (npm scripts to run)');
    return 2;
  }
  const commands = scripts.map((script) => ({ script, command: `npm run -s ${script}` }));
  const runs = await runParallel(commands, availableParallelism(), (run) => {
    const status = run.code === 0 ? 'passed' : `FAILED (exit ${run.code})`;
    console.log(`\n> npm run ${run.script}: ${status} in ${run.seconds.toFixed(1)} s`);
    if (run.output.trim()) console.log(run.output.trimEnd());
  });
  const failed = runs.filter((run) => run.code !== 0).map((run) => run.script);
  if (failed.length > 0) console.error(`\nFailed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1])
  process.exitCode = await main(process.argv.slice(2));
