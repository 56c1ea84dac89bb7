/**
 * A GGUF header read from the start of a file that is never read whole: a File by slices, a
 * Hub file by HTTP Range (src/lib/hub/client.ts). The CLI reads files from disk the same way
 * (src/cli/read-gguf.ts).
 */
import { GgufError, GgufNeedMore } from './gguf-errors.ts';
import { parseGguf, type GgufFile } from './gguf.ts';

/**
 * Reads `length` bytes of a file from byte `from`: fewer only at the file's end. `fileBytes` is
 * the whole file's size when the source learns it (an HTTP Content-Range), else left out.
 */
export type GgufRangeReader = (
  from: number,
  length: number,
) => Promise<{ bytes: Uint8Array; fileBytes?: number }>;

export interface ReadGgufOptions {
  /** The file's name, for messages. */
  file: string;
  /** The file's size when known (a File's `size`); else learnt from the reader, or Infinity. */
  fileBytes?: number;
  /** Bytes read first; each later read at least doubles what is held. Default 2 MiB. */
  firstBytes?: number;
  /** The most bytes read for a header: MAX_GGUF_HEADER_BYTES by default. */
  maxHeaderBytes?: number;
}

/**
 * The most of a file read for its header, 256 MiB (as the CLI's `serve --gguf`): real headers
 * are 5 to 15 MB (the tokenizer's strings); one going on past this is refused as no model's.
 */
export const MAX_GGUF_HEADER_BYTES = 256 * 2 ** 20;

/**
 * Parses a GGUF header from the start of a file that is never read whole (a File by slices, a
 * Hub file by HTTP Range): reads `firstBytes`, then, while the header goes on (GgufNeedMore),
 * the next bytes up to what it asks for and at least twice what is held. Array items are
 * skipped (their lengths kept). GgufError for a file that is not GGUF, is damaged, truncated,
 * or whose header goes on past `maxHeaderBytes`.
 *
 * @example await parseGgufFrom(async (from, n) => ({ bytes: await sliceOf(file, from, n) }),
 *   { file: file.name, fileBytes: file.size }) // the header, from a few reads of its start
 */
export async function parseGgufFrom(
  read: GgufRangeReader,
  options: ReadGgufOptions,
): Promise<GgufFile> {
  const { file, firstBytes = 2 * 2 ** 20, maxHeaderBytes = MAX_GGUF_HEADER_BYTES } = options;
  let fileBytes = options.fileBytes ?? Infinity;
  let held: Uint8Array = new Uint8Array(0);
  let want = Math.min(firstBytes, maxHeaderBytes, fileBytes);
  for (;;) {
    if (want > held.length) {
      const got = await read(held.length, want - held.length);
      if (got.fileBytes !== undefined && fileBytes === Infinity) fileBytes = got.fileBytes;
      // A source that does not know its size ends where its bytes do.
      if (got.bytes.length < want - held.length && fileBytes === Infinity)
        fileBytes = held.length + got.bytes.length;
      if (got.bytes.length === 0 && fileBytes > held.length)
        throw new GgufError(file, held.length, 'header', `cannot be read past byte ${held.length}`);
      held = joined(held, got.bytes.subarray(0, want - held.length));
    }
    try {
      return parseGguf(held, {
        file,
        fileBytes: Math.max(fileBytes, held.length),
        skipArrays: true,
      });
    } catch (error) {
      if (!(error instanceof GgufNeedMore)) throw error;
      want = Math.min(fileBytes, Math.max(error.bytes, 2 * held.length));
      if (want > maxHeaderBytes)
        throw new GgufError(
          file,
          undefined,
          'header',
          `goes on past ${maxHeaderBytes.toLocaleString('en-US')} bytes; expected a GGUF model file`,
        );
    }
  }
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
