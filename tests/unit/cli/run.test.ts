import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../../src/cli/commands.ts';
import { commandHelp, topLevelHelp } from '../../../src/cli/help.ts';
import { run, runCli } from '../../../src/cli/run.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { ConfigError, JsonSyntaxError } from '../../../src/lib/core/index.ts';
import { usageError } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'moe-cli-'));

describe('help', () => {
  const top = topLevelHelp(COMMANDS);
  const params = commandHelp(findCommand('params')!);
  const serve = commandHelp(findCommand('serve')!);

  it.each([[[]], [['--help']], [['-h']], [['help']], [['help', 'help']], [['nosuch', '--help']]])(
    '%j prints the top-level help',
    (argv) => {
      expect(run(argv)).toEqual({ stdout: top, code: 0 });
    },
  );

  it.each([
    [['params', '--help'], params],
    [['params', '-h'], params],
    [['help', 'params'], params],
    [['--help', 'params'], params],
    [['serve', '--help'], serve],
    [['serve', '-h'], serve],
    [['help', 'serve'], serve],
  ])('%j prints the help of the command', (argv, help) => {
    expect(run(argv)).toEqual({ stdout: help, code: 0 });
  });

  it.each([
    [['serve', 'nosuchmodel', '--help']],
    [['serve', '--gpu', 'tpu-v9', '--help']],
    [['serve', 'llama4-scout', '--yaml', '-h']],
    [['serve', '--context', '-h']],
    [['serve', 'a', 'b', '--batch', '0', '--help']],
  ])('--help wins over the other errors of %j', (argv) => {
    expect(run(argv)).toEqual({ stdout: serve, code: 0 });
  });

  it('help of an unknown command is an error', () => {
    expect(usageError(['help', 'nosuch'])).toBe(
      'unknown command "nosuch"; commands: params, serve, train, plan, compare (see moe-explorer --help)',
    );
  });
});

describe('errors point at the help', () => {
  it.each([
    [['serve', 'llama4-scout', '--yaml'], 'unknown option --yaml (see moe-explorer serve --help)'],
    [['params', 'llama4-scout', '-x'], 'unknown option -x (see moe-explorer params --help)'],
    [
      ['serve'],
      'serve needs a config.json path, a preset id or a Hugging Face model id (see moe-explorer serve --help)',
    ],
    [
      ['frobnicate'],
      'unknown command "frobnicate"; commands: params, serve, train, plan, compare (see moe-explorer --help)',
    ],
  ])('%j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe('as a process', () => {
  const cli = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
  const spawn = (args: string[]) =>
    spawnSync(process.execPath, [...cli, ...args], { cwd: ROOT, encoding: 'utf8' });

  it('serve --help: exit 0, the help on stdout, nothing on stderr', () => {
    const out = spawn(['serve', '--help']);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(commandHelp(findCommand('serve')!) + '\n');
  });

  it('an unknown option: exit 2, one line on stderr ending with the hint', () => {
    const out = spawn(['serve', 'llama4-scout', '--yaml']);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      'moe-explorer: unknown option --yaml (see moe-explorer serve --help)\n',
    );
  });
});

describe('run: commands, options and the process', () => {
  it.each([
    [['params'], 'params needs a config.json path, a preset id or a Hugging Face model id'],
    [['frobnicate', 'x'], 'unknown command "frobnicate"'],
    [['params', 'llama4-scout', '--yaml'], 'unknown option --yaml'],
    [['serve', 'llama4-scout', '--context'], '--context needs a value'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(usageError(argv)).toContain(message);
  });

  it('as a process: exit 0 with JSON on stdout; exit 2 with one line on stderr and no stack trace', () => {
    const cli = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
    const ok = execFileSync(process.execPath, [...cli, 'params', 'mixtral-8x7b', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(ok).total).toBe(46_702_792_704); // Mixtral paper, expected-params.json
    const bad = spawnSync(process.execPath, [...cli, 'params', join(tmp, 'missing.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^moe-explorer: .*missing\.json: no such file\n$/);
  });
});

describe('run', () => {
  it("run(['params', 'mixtral-8x7b']) returns the table with exit code 0", () => {
    const { stdout, code } = run(['params', 'mixtral-8x7b']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'Mixtral 8x7B (mixtral): 32 layers, 32 MoE, 8 experts, top-2',
    );
  });

  it('run refuses a second positional argument', () => {
    expect(usageError(['params', 'dbrx', 'mixtral-8x7b'])).toBe('unexpected argument mixtral-8x7b');
  });
});

describe('runCli: every error ends at the edge', () => {
  const failing = (error: unknown) => () => {
    throw error;
  };

  it('runCli prints the output and a newline, with exit code 0', () => {
    expect(runCli(['params', 'mixtral-8x7b', '--json'])).toMatchObject({ stderr: '', code: 0 });
    expect(runCli(['params', 'mixtral-8x7b']).stdout).toMatch(/^Mixtral 8x7B .*\n$/s);
  });

  it.each([
    [new UsageError('--gpus needs a value'), '--gpus needs a value'],
    [new ConfigError('hidden_size', -1, 'an integer >= 1'), 'hidden_size: expected'],
    [new JsonSyntaxError(1, 2, 'unexpected'), 'invalid JSON at line 1, column 2'],
  ])('bad input (%s) is one line on stderr with exit code 2', (error, message) => {
    const out = runCli([], false, failing(error));
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^moe-explorer: [^\n]*\n$/);
    expect(out.stderr).toContain(message);
  });

  it.each([
    ['a RangeError', new RangeError('Invalid array length'), 'internal error: Invalid array'],
    ['a stack overflow', new RangeError('Maximum call stack size exceeded'), 'internal error: Max'],
    ['a string', 'a string', 'internal error: a string'],
    ['null', null, 'internal error: null'],
    ['an object without text', Object.create(null), 'internal error: a value that cannot'],
  ])(
    'anything else (%s) is one "internal error" line, exit code 1, no stack',
    (_, error, message) => {
      const out = runCli([], false, failing(error));
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/^moe-explorer: [^\n]*\n$/);
      expect(out.stderr).toContain(message);
    },
  );

  it('the stack of an internal error follows only in debug (MOE_DEBUG=1)', () => {
    const out = runCli([], true, failing(new TypeError('x is undefined')));
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^moe-explorer: internal error: x is undefined\nTypeError: x is/);
    expect(out.stderr).toMatch(/\n\s+at /);
  });

  it('finding 5: an error message that repeats input is printable and stays on one line', () => {
    const out = runCli([], false, failing(new UsageError('\u001b[2Jbad\nnext \u202eline')));
    expect(out.stderr).toBe('moe-explorer: \\u001b[2Jbad\\u000anext \\u202eline\n');
  });
});
