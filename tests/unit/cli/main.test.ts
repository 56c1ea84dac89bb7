/**
 * The CLI as a process, on hostile input (issue 10): whatever the file or the flag, one line on
 * stderr and exit code 2 within 5 s of CPU time, and nothing a terminal would act on in what it
 * prints.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli, type CliProcess } from '../helpers/cli.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'moe-main-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const mixtral = JSON.parse(readFileSync(join(FIXTURES, 'models', 'mixtral-8x7b.json'), 'utf8'));

/** A config file in the temporary folder; its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

/**
 * The process ended by itself (spawnCli kills one that hangs: status null) with exit code 2 and
 * one stderr line matching `message`, within 5 s of CPU time (node and tsx starting take about 1).
 */
function expectOneLine(out: CliProcess, message: string | RegExp): void {
  expect(out.status).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toMatch(/^moe-explorer: [^\n]*\n$/);
  expect(out.stderr).toMatch(message);
  expect(out.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(out.cpuSeconds).toBeLessThan(5);
}

/** What a terminal acts on (ESC, CSI, BEL and the other C0 and C1 controls) or that reorders text. */
const TERMINAL_CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

const HOSTILE_NAME =
  '\u001b[2J\u001b[8mhidden\u001b]8;;https:evil.example\u0007link\u001b]52;c;ZXZpbA==\u0007' +
  '\u009b31m\u202egnp.exe\u2066\u200f\nfits: true';

describe(
  'finding 4: files that are not a config.json end in one line and exit 2',
  { timeout: 30_000 },
  () => {
    it('finding 4: params /dev/zero gives one line and exit 2 within 5 s', () => {
      expectOneLine(spawnCli(['params', '/dev/zero']), '/dev/zero: is a character device');
    });

    it('finding 4: params /dev/urandom gives one line and exit 2 within 5 s', () => {
      expectOneLine(spawnCli(['params', '/dev/urandom']), '/dev/urandom: is a character device');
    });

    it('finding 4: a FIFO with no writer gives one line and exit 2 within 5 s', () => {
      const fifo = join(tmp, 'config.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expectOneLine(spawnCli(['serve', fifo]), `${fifo}: is a named pipe (FIFO)`);
    });

    it('finding 4: a directory gives one line and exit 2 within 5 s', () => {
      expectOneLine(spawnCli(['params', tmp]), `${tmp}: is a directory; give the path of its`);
    });

    it('finding 4: a 50 MB file gives one line and exit 2 within 5 s', () => {
      const path = file('huge.json', '');
      truncateSync(path, 50 * 1024 * 1024);
      expectOneLine(
        spawnCli(['params', path]),
        `${path}: has 52,428,800 bytes; expected a config.json of at most 4 MiB`,
      );
    });

    it('finding 4: nested JSON (100,000 "[") gives one line and exit 2 within 5 s', () => {
      const open = file('nested.json', '['.repeat(100_000));
      expectOneLine(spawnCli(['params', open]), /nested\.json: invalid JSON .*nested deeper than/);
      const closed = file('nested-closed.json', '['.repeat(100_000) + ']'.repeat(100_000));
      expectOneLine(spawnCli(['params', closed]), /nested-closed\.json: invalid JSON .*nested/);
    });

    it('finding 4: a config with 1e9 layers gives one line and exit 2 within 5 s', () => {
      const path = file('layers.json', JSON.stringify({ ...mixtral, num_hidden_layers: 1e9 }));
      expectOneLine(
        spawnCli(['serve', path, '--json']),
        'num_hidden_layers: expected at most 4,096',
      );
    });
  },
);

describe('finding 5: nothing from input reaches the terminal raw', { timeout: 30_000 }, () => {
  const path = file(
    'hostile-name.json',
    JSON.stringify({ ...mixtral, _name_or_path: HOSTILE_NAME }),
  );

  it.each([[['params', path]], [['serve', path]]])(
    'finding 5: %j prints the name with its controls escaped, on one line',
    (argv) => {
      const out = spawnCli(argv);
      expect(out.status).toBe(0);
      expect(out.stdout).not.toMatch(TERMINAL_CONTROLS);
      expect(out.stdout.split('\n')[0]).toContain('\\u001b[2J\\u001b[8mhidden');
      expect(out.stdout).not.toMatch(/^fits: true/m);
    },
  );

  it.each([[['params', path, '--json']], [['serve', path, '--json']]])(
    'finding 5: %j escapes them too, and the JSON reads back the exact name',
    (argv) => {
      const out = spawnCli(argv);
      expect(out.status).toBe(0);
      expect(out.stdout).not.toMatch(TERMINAL_CONTROLS);
      expect(JSON.parse(out.stdout).model).toBe(HOSTILE_NAME);
    },
  );

  it('finding 5: an error that repeats a value from the config, a path or a flag stays one clean line', () => {
    const type = file('hostile-type.json', JSON.stringify({ model_type: HOSTILE_NAME }));
    const typeError = spawnCli(['params', type]);
    expectOneLine(typeError, 'model_type: expected a supported model type');
    expect(typeError.stderr).not.toMatch(TERMINAL_CONTROLS);
    for (const argv of [
      ['params', `${HOSTILE_NAME}.json`],
      ['serve', 'mixtral-8x7b', '--gpu', HOSTILE_NAME],
      ['serve', 'mixtral-8x7b', `--${HOSTILE_NAME}`],
    ]) {
      const out = spawnCli(argv);
      expectOneLine(out, /\\u001b\[2J/);
      expect(out.stderr).not.toMatch(TERMINAL_CONTROLS);
    }
  });
});

describe('finding 8: flags out of range end in one line and exit 2', { timeout: 30_000 }, () => {
  // Every flag's range is checked in process (serve-command.test.ts); this is the process's end.
  it('finding 8: serve --gpu-memory-gb 1e308 is refused, naming the flag, the value and the range', () => {
    const custom = [
      '--gpu-memory-gb',
      '1e308',
      '--gpu-bandwidth-gbs',
      '3000',
      '--gpu-tflops',
      '900',
    ];
    expectOneLine(
      spawnCli(['serve', 'mixtral-8x7b', ...custom]),
      '--gpu-memory-gb: expected a number from 0.001 to 100,000, got "1e308"',
    );
  });
});

describe('finding 10: the CLI reads what the explorer reads', { timeout: 30_000 }, () => {
  it('finding 10: a UTF-16 config.json with its byte-order mark counts as its UTF-8 original', () => {
    const text = JSON.stringify(mixtral);
    const utf16 = file('utf16.json', Buffer.from('\ufeff' + text, 'utf16le'));
    const out = spawnCli(['params', utf16, '--json']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).total).toBe(46_702_792_704); // Mixtral paper
  });
});
