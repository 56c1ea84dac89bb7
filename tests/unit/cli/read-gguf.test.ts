import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGgufHeader, readGgufModel } from '../../../src/cli/read-gguf.ts';
import { run } from '../../../src/cli/run.ts';
import { ggufWeights } from '../../../src/lib/core/index.ts';
import { buildGguf, gptOss20bLike, meta } from '../helpers/gguf-builder.ts';
import { usageError } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'moe-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a GGUF header and makes the file as long as its data would be (sparse: no disk). */
function writeGguf(name: string, spec = gptOss20bLike()): string {
  const built = buildGguf({ ...spec, data: false });
  const path = join(dir, name);
  writeFileSync(path, built.bytes);
  truncateSync(path, built.fileBytes);
  return path;
}

describe('readGgufHeader', () => {
  it("reads a gpt-oss-20b-like file's header only, whatever the file's size", () => {
    const path = writeGguf('gpt-oss-20b-mxfp4.gguf');
    const file = readGgufHeader(path);
    expect(file.tensors.length).toBe(1 + 24 * 19 + 2);
    // The exact weights of gpt-oss-20b: 20,914,757,184 (tests/unit/core/checkpoint/gguf-weights.test.ts).
    expect(ggufWeights(file).params).toBe(20_914_757_184);
  });

  it('a file that is not GGUF, and a directory, are refused naming the path', () => {
    const path = join(dir, 'not.gguf');
    writeFileSync(path, 'hello, world');
    expect(() => readGgufHeader(path)).toThrow(/^--gguf not\.gguf/);
    expect(() => readGgufHeader(dir)).toThrow(
      `--gguf ${dir}: is a directory; expected a .gguf file`,
    );
  });

  it('a header that goes on past the limit is refused', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `token${i}`);
    const path = writeGguf('big-vocab.gguf', {
      metadata: [['tokenizer.ggml.tokens', meta.arr('string', words)]],
      tensors: [],
    });
    expect(() => readGgufHeader(path, 64 * 1024)).toThrow('the header goes on past 65,536 bytes');
  });
});

describe('serve --gguf', () => {
  it("uses the file's exact bytes per tensor, and places its tensors by their own names", () => {
    const path = writeGguf('gpt-oss-20b.gguf');
    const out = JSON.parse(run(['serve', 'gpt-oss-20b', '--gguf', path, '--json']).stdout);
    expect(out.weightsBytes).toBe(ggufWeights(readGgufModel(path)).bytes);
    const ot = JSON.parse(
      run(['serve', 'gpt-oss-20b', '--gguf', path, '-ot', 'ffn_down_exps=CPU', '--json']).stdout,
    );
    expect(ot.placement.layers.every((l: { experts: string }) => l.experts === 'host')).toBe(true);
  });

  it('a file of another model is refused, naming both', () => {
    const path = writeGguf('gpt-oss-20b-again.gguf');
    expect(usageError(['serve', 'qwen3-30b-a3b', '--gguf', path])).toBe(
      "--gguf: expected a file of Qwen3-30B-A3B's 48 layers, got a gpt-oss file of 24 blocks",
    );
  });
});
