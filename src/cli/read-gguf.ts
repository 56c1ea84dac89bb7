/**
 * Reading a GGUF file's header for `serve --gguf`: only the header (metadata and tensor table),
 * never the weights, from a regular file; a split model (`-00001-of-00003.gguf`) from all its
 * parts beside the one named. The header is read in growing chunks until the core's parser has
 * what it needs (GgufNeedMore says how much), up to a limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  GgufError,
  GgufNeedMore,
  MAX_GGUF_HEADER_BYTES,
  mergeGgufSplits,
  parseGguf,
  parseSplitName,
  splitPartNames,
  type GgufFile,
  type GgufModel,
} from '../lib/core/index.ts';
import { fileKind } from './read-config-file.ts';
import { UsageError } from './usage-error.ts';

const FIRST_READ_BYTES = 16 * 2 ** 20;

/** Reads `length` bytes from the start of an open file (fewer at its end). */
function readStart(fd: number, length: number): Uint8Array {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/** The parsed header of one GGUF file; UsageError naming the file for anything wrong with it. */
export function readGgufHeader(path: string, maxHeaderBytes = MAX_GGUF_HEADER_BYTES): GgufFile {
  let size: number;
  try {
    const stats = statSync(path);
    const kind = fileKind(stats);
    if (kind !== undefined)
      throw new UsageError(`--gguf ${path}: is ${kind}; expected a .gguf file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--gguf ${path}: cannot be read (${(error as Error).message})`);
  }
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOCTTY ?? 0));
  try {
    if (fstatSync(fd).size !== size) throw new UsageError(`--gguf ${path}: changed while read`);
    let length = Math.min(size, FIRST_READ_BYTES, maxHeaderBytes);
    for (;;) {
      const bytes = readStart(fd, length);
      try {
        return parseGguf(bytes, { file: basename(path), fileBytes: size, skipArrays: true });
      } catch (error) {
        if (!(error instanceof GgufNeedMore)) throw error;
        const next = Math.min(size, Math.max(error.bytes, 2 * length));
        if (next > maxHeaderBytes || next <= length)
          throw new UsageError(
            `--gguf ${path}: the header goes on past ${maxHeaderBytes.toLocaleString('en-US')} bytes; expected a GGUF model file`,
          );
        length = next;
      }
    }
  } catch (error) {
    if (error instanceof GgufError) throw new UsageError(`--gguf ${error.message}`);
    throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * The model a GGUF path names: the file itself, or, for a part of a split model, every part
 * (found beside it by their names) merged into one.
 */
export function readGgufModel(path: string): GgufModel {
  const names = parseSplitName(basename(path)) ? splitPartNames(basename(path)) : [basename(path)];
  const parts = names.map((name) => readGgufHeader(join(dirname(path), name)));
  try {
    return mergeGgufSplits(parts);
  } catch (error) {
    if (error instanceof GgufError) throw new UsageError(`--gguf ${error.message}`);
    throw error;
  }
}
