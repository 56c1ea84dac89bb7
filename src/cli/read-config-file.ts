/**
 * Reading a config.json for the CLI: only a regular file, only up to a size limit, only for a
 * bounded time. `/dev/zero` never ends, `/dev/urandom` never ends, and a FIFO with no writer
 * blocks its reader (and even its opener) forever; each is refused before it is opened.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { MAX_JSON_SIZE } from '../lib/core/index.ts';
import { UsageError } from './usage-error.ts';

/**
 * The largest config.json the CLI reads: the core's MAX_JSON_SIZE (4 MiB), which the
 * explorer's file import applies too (decodeJsonBytes), so both accept the same files. A Hugging
 * Face config.json is a few KB (the largest preset here, Llama 4 Scout, 2.3 KB); 4 MiB keeps
 * the read, the decode and the parse well under a second and a few tens of MB of memory.
 */
export const MAX_CONFIG_BYTES = MAX_JSON_SIZE;

/**
 * How long reading may take: 2 s, time for 4 MiB at 2 MB/s. A read of a regular file returns
 * or fails (it cannot wait for a writer as a pipe does); the deadline is checked after every
 * chunk, so a slow network file system stops within one chunk of it. One read that a hung
 * mount never answers cannot be interrupted by a synchronous program; that is the remaining gap.
 */
export const READ_TIMEOUT_MS = 2000;

const CHUNK_BYTES = 64 * 1024;

/** Limits of a read, for tests: the size limit, the deadline and the clock. */
export interface ReadLimits {
  maxBytes: number;
  timeoutMs: number;
  now: () => number;
}

const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: MAX_CONFIG_BYTES,
  timeoutMs: READ_TIMEOUT_MS,
  now: () => performance.now(),
};

/**
 * True unless stat says no file has this name: an argument that names a file is read as one,
 * any other failure (permission, a loop of links) being the reader's to report.
 */
export function pathExists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return !['ENOTDIR', 'ENAMETOOLONG', 'EINVAL'].includes(code);
  }
}

/** What a non-regular file is, in words; undefined for a regular file. */
export function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Refuses a file that is not regular or is larger than `maxBytes`; `stats` are its stat. */
function checkFile(path: string, stats: Stats, maxBytes: number): void {
  const kind = fileKind(stats);
  if (kind === 'a directory')
    throw new UsageError(`${path}: is a directory; give the path of its config.json`);
  if (kind !== undefined)
    throw new UsageError(`${path}: is ${kind}; expected a regular config.json file`);
  if (stats.size > maxBytes) throw tooBig(path, `has ${bytes(stats.size)}`, maxBytes);
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

function tooBig(path: string, size: string, maxBytes: number): UsageError {
  const mib = maxBytes / 1024 / 1024;
  const limit = Number.isInteger(mib) ? `${mib} MiB (${bytes(maxBytes)})` : bytes(maxBytes);
  return new UsageError(`${path}: ${size}; expected a config.json of at most ${limit}`);
}

/**
 * The bytes of the regular file at `path`, whose `statSync` is `before`. Refuses, with a
 * UsageError naming the path and what is expected: anything but a regular file, a file larger
 * than the limit, and a read that outlasts the deadline.
 *
 * The file is stat-ed before it is opened (the caller's `before`), so a FIFO or a device is
 * never opened; it is opened with O_NONBLOCK (opening a FIFO swapped in since then returns at
 * once instead of waiting for a writer) and O_NOCTTY, then fstat-ed: a path that changed between
 * the two is refused, and the size is checked again while reading, for a file that grows.
 */
export function readConfigFile(
  path: string,
  before: Stats,
  limits: ReadLimits = DEFAULT_LIMITS,
): Uint8Array {
  checkFile(path, before, limits.maxBytes);
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
  const fd = openSync(path, flags);
  try {
    const opened = fstatSync(fd);
    if (opened.dev !== before.dev || opened.ino !== before.ino)
      throw new UsageError(`${path}: changed while it was being opened; try again`);
    checkFile(path, opened, limits.maxBytes);
    return readAll(fd, path, limits);
  } finally {
    closeSync(fd);
  }
}

/** Reads `fd` to its end, at most `maxBytes`, in chunks, each followed by the deadline check. */
function readAll(fd: number, path: string, { maxBytes, timeoutMs, now }: ReadLimits): Uint8Array {
  const deadline = now() + timeoutMs;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) throw tooBig(path, `has more than ${bytes(maxBytes)}`, maxBytes);
    if (now() > deadline)
      throw new UsageError(
        `${path}: reading took longer than ${timeoutMs / 1000} s; expected a config.json on a local disk`,
      );
  }
  return Buffer.concat(chunks, total);
}
