import { describe, expect, it } from 'vitest';
import {
  GgufError,
  ggufFileType,
  parseGguf,
  parseGgufFrom,
  type GgufRangeReader,
} from '../../../../src/lib/core/index.ts';
import { buildGguf, gptOss20bLike, meta } from '../../helpers/gguf-builder.ts';

const built = buildGguf(gptOss20bLike());

/** A reader over the start of a file (`head`) of `size` bytes, the rest zeros, that logs reads. */
function readerOf(head: Uint8Array, size: number, says: 'size' | 'nothing' = 'nothing') {
  const reads: [number, number][] = [];
  const read: GgufRangeReader = async (from, length) => {
    reads.push([from, length]);
    const end = Math.min(from + length, size);
    const bytes = new Uint8Array(Math.max(0, end - from));
    bytes.set(head.subarray(Math.min(from, head.length), Math.min(end, head.length)));
    return says === 'size' ? { bytes, fileBytes: size } : { bytes };
  };
  return { read, reads };
}

describe('parseGgufFrom: a header from the start of a file, never the weights', () => {
  it('reads a gpt-oss-20b-like header in doubling reads, as parseGguf reads it whole', async () => {
    const { read, reads } = readerOf(built.bytes, built.fileBytes);
    const file = await parseGgufFrom(read, {
      file: 'gpt-oss-20b.gguf',
      fileBytes: built.fileBytes,
      firstBytes: 4096,
    });
    const whole = parseGguf(built.bytes, { fileBytes: built.fileBytes, skipArrays: true });
    expect(file.tensors).toEqual(whole.tensors);
    expect(file.dataOffset).toBe(built.dataOffset);
    // Each read starts where the last ended; all together at most twice the header.
    reads.forEach(([from], i) =>
      expect(from).toBe(i === 0 ? 0 : reads[i - 1]![0] + reads[i - 1]![1]),
    );
    const end = reads.at(-1)![0] + reads.at(-1)![1];
    expect(end).toBeGreaterThanOrEqual(built.dataOffset - 32);
    expect(end).toBeLessThanOrEqual(2 * built.dataOffset);
    expect(reads.length).toBeLessThan(10);
  });

  it('learns the size from the reader (an HTTP Content-Range): a file cut short is truncated', async () => {
    const cut = built.fileBytes - 1000;
    const { read } = readerOf(built.bytes, cut, 'size');
    await expect(parseGgufFrom(read, { file: 'cut.gguf' })).rejects.toThrow(
      `but the file has ${cut} bytes (truncated)`,
    );
    const whole = readerOf(built.bytes, built.fileBytes, 'size');
    expect((await parseGgufFrom(whole.read, { file: 'm.gguf' })).fileBytes).toBe(built.fileBytes);
  });

  it('a source that does not know its size ends where its bytes do: a header alone is truncated', async () => {
    const { read } = readerOf(built.bytes, built.bytes.length);
    await expect(parseGgufFrom(read, { file: 'head.gguf', firstBytes: 1024 })).rejects.toThrow(
      /head\.gguf at byte \d+: tensor .*: ends at byte \d+, but the file has \d+ bytes \(truncated\)/,
    );
  });

  it('refuses a file that is not GGUF, naming its first bytes', async () => {
    const json = new TextEncoder().encode('{"model_type": "mixtral"}');
    const { read } = readerOf(json, json.length);
    await expect(
      parseGgufFrom(read, { file: 'config.json', fileBytes: json.length }),
    ).rejects.toThrow(
      'config.json at byte 0: magic: expected "GGUF" (a .gguf file), got "{"mo" (7b 22 6d 6f)',
    );
  });

  it('refuses a header that goes on past the limit, and a source that stops giving bytes', async () => {
    const words = Array.from({ length: 5000 }, (_, i) => `token${i}`);
    const big = buildGguf({ metadata: [['tokenizer.ggml.tokens', meta.arr('string', words)]] });
    const { read, reads } = readerOf(big.bytes, big.fileBytes);
    await expect(
      parseGgufFrom(read, { file: 'big.gguf', firstBytes: 1024, maxHeaderBytes: 16 * 1024 }),
    ).rejects.toThrow('big.gguf: header: goes on past 16,384 bytes; expected a GGUF model file');
    expect(Math.max(...reads.map(([from, n]) => from + n))).toBeLessThanOrEqual(16 * 1024);
    // A File whose bytes stop before its size says (moved or cut while read).
    const stops: GgufRangeReader = async (from, n) => ({
      bytes: built.bytes.subarray(from, Math.min(from + n, 2048)),
    });
    const error = await parseGgufFrom(stops, {
      file: 'm.gguf',
      fileBytes: built.fileBytes,
      firstBytes: 1024,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GgufError);
    expect((error as Error).message).toBe(
      'm.gguf at byte 2048: header: cannot be read past byte 2048',
    );
  });
});

describe('ggufFileType', () => {
  const typed = (ftype?: number) =>
    parseGguf(
      buildGguf({
        metadata: ftype === undefined ? [] : [['general.file_type', meta.u32(ftype)]],
      }).bytes,
    );
  it.each([
    [15, 'Q4_K_M'], // LLAMA_FTYPE_MOSTLY_Q4_K_M, llama.cpp include/llama.h
    [38, 'MXFP4_MOE'],
    [30, 'IQ4_XS'],
    [32, 'BF16'],
    [0, 'F32'],
  ])('general.file_type %i is %s', (id, name) => {
    expect(ggufFileType(typed(id))).toBe(name);
  });
  it('is undefined when absent, guessed (1024) or unknown', () => {
    expect(ggufFileType(typed())).toBeUndefined();
    expect(ggufFileType(typed(1024))).toBeUndefined();
    expect(ggufFileType(typed(5))).toBeUndefined();
  });
});
