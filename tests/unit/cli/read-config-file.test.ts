import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fileKind,
  MAX_CONFIG_BYTES,
  pathExists,
  readConfigFile,
  READ_TIMEOUT_MS,
} from '../../../src/cli/read-config-file.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { MAX_JSON_SIZE } from '../../../src/lib/core/index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'moe-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const read = (path: string) => readConfigFile(path, statSync(path));

describe('readConfigFile', () => {
  it('readConfigFile returns the bytes of a regular file', () => {
    const path = join(tmp, 'config.json');
    writeFileSync(path, '{"model_type": "llama"}');
    expect(Buffer.from(read(path)).toString('utf8')).toBe('{"model_type": "llama"}');
  });

  it('reads a file of exactly the limit, refuses one byte more', () => {
    const path = join(tmp, 'limit.json');
    writeFileSync(path, 'x'.repeat(100));
    const limits = { maxBytes: 100, timeoutMs: 1000, now: () => 0 };
    expect(readConfigFile(path, statSync(path), limits)).toHaveLength(100);
    writeFileSync(path, 'x'.repeat(101));
    expect(() => readConfigFile(path, statSync(path), limits)).toThrow(
      new UsageError(`${path}: has 101 bytes; expected a config.json of at most 100 bytes`),
    );
  });

  it('refuses a file that grew past the limit after it was stat-ed (the fstat after opening)', () => {
    const path = join(tmp, 'grows.json');
    writeFileSync(path, 'x'.repeat(10));
    const before = statSync(path);
    writeFileSync(path, 'x'.repeat(200_000));
    expect(() =>
      readConfigFile(path, before, { maxBytes: 100_000, timeoutMs: 1000, now: () => 0 }),
    ).toThrow(`${path}: has 200,000 bytes; expected a config.json of at most 100,000 bytes`);
  });

  it.runIf(existsSync('/proc/self/status'))(
    'stops reading at the limit a file whose stat says 0 bytes (/proc/self/status)',
    () => {
      const limits = { maxBytes: 100, timeoutMs: 1000, now: () => 0 };
      expect(() =>
        readConfigFile('/proc/self/status', statSync('/proc/self/status'), limits),
      ).toThrow('/proc/self/status: has more than 100 bytes; expected a config.json of at most');
    },
  );

  it('finding 4: a 50 MB file is refused from its size, without reading it', () => {
    const path = join(tmp, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, 50 * 1024 * 1024); // sparse: no 50 MB written
    expect(() => read(path)).toThrow(
      new UsageError(
        `${path}: has 52,428,800 bytes; expected a config.json of at most 4 MiB (4,194,304 bytes)`,
      ),
    );
  });

  it('refuses a read that outlasts the deadline, checked after every chunk', () => {
    const path = join(tmp, 'slow.json');
    writeFileSync(path, 'x'.repeat(200_000)); // four chunks of 64 KiB
    let clock = 0;
    const now = () => (clock += 600);
    expect(() =>
      readConfigFile(path, statSync(path), { maxBytes: MAX_CONFIG_BYTES, timeoutMs: 1000, now }),
    ).toThrow(`${path}: reading took longer than 1 s; expected a config.json on a local disk`);
  });

  it('refuses a path that changed between its stat and its open', () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    writeFileSync(a, '{}');
    writeFileSync(b, '{}');
    expect(() => readConfigFile(a, statSync(b))).toThrow(
      `${a}: changed while it was being opened; try again`,
    );
  });

  it.each([
    ['/dev/zero', 'is a character device'],
    ['/dev/urandom', 'is a character device'],
  ])('finding 4: %s is refused before it is opened: %s', (path, kind) => {
    expect(() => read(path)).toThrow(
      new UsageError(`${path}: ${kind}; expected a regular config.json file`),
    );
  });

  it('finding 4: a FIFO is refused before it is opened (opening it would wait for a writer)', () => {
    const fifo = join(tmp, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => read(fifo)).toThrow(`${fifo}: is a named pipe (FIFO); expected a regular`);
  });

  it('finding 4: a directory asks for its config.json', () => {
    expect(() => read(tmp)).toThrow(
      new UsageError(`${tmp}: is a directory; give the path of its config.json`),
    );
  });
});

describe('limits', () => {
  it("the size limit is the core's, which the explorer's file import applies too", () => {
    expect(MAX_CONFIG_BYTES).toBe(MAX_JSON_SIZE);
    expect(MAX_CONFIG_BYTES).toBe(4 * 1024 * 1024);
  });

  it('the read deadline is well inside the 5 s an invocation may take', () => {
    expect(READ_TIMEOUT_MS).toBeLessThanOrEqual(2000);
  });
});

describe('fileKind', () => {
  it('fileKind names what is not a regular file', () => {
    expect(fileKind(statSync(tmp))).toBe('a directory');
    expect(fileKind(statSync('/dev/null'))).toBe('a character device');
    const path = join(tmp, 'plain.json');
    writeFileSync(path, '{}');
    expect(fileKind(statSync(path))).toBeUndefined();
  });
});

describe('pathExists', () => {
  it('is true for a file or a folder, false where no file has the name', () => {
    const path = join(tmp, 'here.json');
    writeFileSync(path, '{}');
    expect(pathExists(path)).toBe(true);
    expect(pathExists(tmp)).toBe(true);
    expect(pathExists(join(tmp, 'none.gguf'))).toBe(false);
    // a file's name used as a folder (ENOTDIR) names no file either
    expect(pathExists(join(path, 'inside'))).toBe(false);
    expect(pathExists('unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf')).toBe(false);
  });
});
