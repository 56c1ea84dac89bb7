import { describe, expect, it } from 'vitest';
import { ggufWeights, parseGguf } from '../../../src/lib/core/index.ts';
import { modelFiles, readDroppedGguf } from '../../../src/lib/state/gguf-read.ts';
import { buildGguf, gptOss20bLike } from '../helpers/gguf-builder.ts';
import { splitSpecs } from '../helpers/gguf-fixtures.ts';

const whole = gptOss20bLike();
const built = buildGguf(whole);

/** A File holding only `head` but as large as `size` says (jsdom and Node keep the bytes). */
function bigFile(head: Uint8Array, size: number, name: string): File {
  const file = new File([new Uint8Array(head)], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('modelFiles: the dropped files of one model', () => {
  const named = (...names: string[]) => names.map((name) => ({ name }));
  it('one file, or every part of a split one in part order', () => {
    expect(modelFiles(named('m.gguf'))).toEqual(named('m.gguf'));
    expect(modelFiles(named('m-00002-of-00002.gguf', 'm-00001-of-00002.gguf'))).toEqual(
      named('m-00001-of-00002.gguf', 'm-00002-of-00002.gguf'),
    );
  });
  it('refuses a missing part, a stranger and two models, saying which', () => {
    expect(() => modelFiles(named('m-00001-of-00003.gguf'))).toThrow(
      'm-00002-of-00003.gguf and 1 more missing: a split model is read from all its 3 parts; choose or drop them together',
    );
    expect(() => modelFiles(named('m-00001-of-00002.gguf', 'x.gguf'))).toThrow(
      'x.gguf is not a part of m (2 parts): choose the parts of one model',
    );
    expect(() => modelFiles(named('a.gguf', 'b.gguf'))).toThrow(
      '2 files were given: choose one .gguf file, or every part of one split model',
    );
  });
});

describe('readDroppedGguf: headers of files, never their weights', () => {
  it("reads a 13 GB file's header from its first bytes", async () => {
    const model = await readDroppedGguf([
      bigFile(built.bytes, built.fileBytes, 'gpt-oss-20b.gguf'),
    ]);
    expect(model.file).toBe('gpt-oss-20b.gguf');
    expect(ggufWeights(model).params).toBe(20_914_757_184);
  });

  it('merges the parts of a split model, dropped in any order', async () => {
    const files = splitSpecs(whole, 3).map((spec, i) => {
      const b = buildGguf(spec);
      return bigFile(b.bytes, b.fileBytes, `m-0000${i + 1}-of-00003.gguf`);
    });
    const model = await readDroppedGguf([files[2]!, files[0]!, files[1]!]);
    expect(model.parts.map((p) => p.file)).toEqual([
      'm-00001-of-00003.gguf',
      'm-00002-of-00003.gguf',
      'm-00003-of-00003.gguf',
    ]);
    expect(ggufWeights(model).bytes).toBe(
      ggufWeights(parseGguf(built.bytes, { fileBytes: built.fileBytes })).bytes,
    );
  });

  it("a file's hidden characters are spelled out where it is named", async () => {
    await expect(readDroppedGguf([new File(['{}'], 'evil\u202egguf.json')])).rejects.toThrow(
      'evil\\u202egguf.json at byte 0: magic:',
    );
  });

  it('a truncated file and a file that is not GGUF are refused, naming the file', async () => {
    await expect(
      readDroppedGguf([new File([new Uint8Array(built.bytes)], 'cut.gguf')]),
    ).rejects.toThrow(/^cut\.gguf at byte \d+: tensor .*\(truncated\)$/);
    await expect(readDroppedGguf([new File(['{"a": 1}'], 'config.gguf')])).rejects.toThrow(
      'config.gguf at byte 0: magic: expected "GGUF" (a .gguf file)',
    );
  });
});
