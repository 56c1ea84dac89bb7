/**
 * The two ways reading a GGUF header stops early: the bytes are wrong (GgufError, a ConfigError
 * so every caller that shows bad input shows it), or the buffer holds only the start of the file
 * and more of it is needed (GgufNeedMore, not an error in the file: fetch more and parse again).
 */
import { ConfigError } from '../model/errors.ts';

/**
 * A GGUF file that cannot be read: its message names what was wrong and where (the byte offset
 * from the start of the file, and the key or tensor being read).
 *
 * @example new GgufError('a.gguf', 4, 'version', 'expected 2 or 3, got 1').message
 *   // 'a.gguf at byte 4: version: expected 2 or 3, got 1'
 */
export class GgufError extends ConfigError {
  constructor(
    /** The file's name as the caller gave it (or "GGUF file"). */
    readonly file: string,
    /** Byte offset from the start of the file where the bad item begins, when known. */
    readonly offset: number | undefined,
    /** What was being read: "magic", "key 3", "tensor blk.0.attn_q.weight dims", ... */
    what: string,
    detail: string,
  ) {
    const at = offset === undefined ? file : `${file} at byte ${offset}`;
    // A key may be 65,535 bytes long: the message shows its start.
    const shown = what.length > 120 ? `${what.slice(0, 120)}…` : what;
    super(`${file} ${what}`, offset, detail, `${at}: ${shown}: ${detail}`);
  }
}

/**
 * The buffer ends before the header does, but the file goes on: fetch at least `bytes` bytes
 * from the start of the file (an HTTP Range of `bytes=0-${bytes - 1}`) and parse again.
 * Fetching about twice what you have each time keeps the round trips few.
 */
export class GgufNeedMore extends Error {
  override readonly name = 'GgufNeedMore';

  constructor(
    /** Bytes from the start of the file needed at least to read the item that did not fit. */
    readonly bytes: number,
    /** Bytes the buffer held. */
    readonly have: number,
    /** What was being read when the buffer ran out. */
    readonly what: string,
  ) {
    super(`the GGUF header goes on past byte ${have} (${what}): read at least ${bytes} bytes`);
  }
}
