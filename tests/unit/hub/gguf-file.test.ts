import { describe, expect, it } from 'vitest';
import { ggufFileName, parseGgufFile } from '../../../src/lib/hub/gguf-file.ts';

const HF = 'https://huggingface.co';

describe('parseGgufFile: a GGUF file on the Hub as people name it', () => {
  it.each([
    [
      'unsloth/gpt-oss-20b-GGUF/gpt-oss-20b-Q4_K_M.gguf',
      HF,
      'unsloth/gpt-oss-20b-GGUF',
      'main',
      'gpt-oss-20b-Q4_K_M.gguf',
    ],
    [
      ' unsloth/Qwen3-235B-A22B-GGUF@v2/Q4_K_M/Qwen3-235B-A22B-Q4_K_M-00001-of-00003.gguf ',
      HF,
      'unsloth/Qwen3-235B-A22B-GGUF',
      'v2',
      'Q4_K_M/Qwen3-235B-A22B-Q4_K_M-00001-of-00003.gguf',
    ],
    [
      'https://huggingface.co/ggml-org/gpt-oss-20b-GGUF/blob/main/gpt-oss-20b-mxfp4.gguf?download=true',
      HF,
      'ggml-org/gpt-oss-20b-GGUF',
      'main',
      'gpt-oss-20b-mxfp4.gguf',
    ],
    ['https://hf.co/o/m/resolve/refs%2Fpr%2F3/m.gguf', HF, 'o/m', 'refs/pr/3', 'm.gguf'],
    [
      'http://127.0.0.1:8080/mirror/acme/m-GGUF/resolve/main/q/m.gguf',
      'http://127.0.0.1:8080/mirror',
      'acme/m-GGUF',
      'main',
      'q/m.gguf',
    ],
  ])('%s', (text, hubUrl, repo, revision, path) => {
    expect(parseGgufFile(text)).toEqual({ hubUrl, model: { repo, revision }, path });
  });

  it('a name without an address is on the Hub of the Hub address setting', () => {
    expect(parseGgufFile('acme/m/m.gguf', 'http://127.0.0.1:9/').hubUrl).toBe('http://127.0.0.1:9');
  });

  it.each([
    ['acme/m', 'expected a .gguf file on the Hub: org/name/<file>.gguf'],
    ['acme/m/config.json', 'expected a file whose name ends in .gguf'],
    ['acme/m/../x.gguf', "expected a file path of letters, digits, '_', '.', '-' and '+'"],
    ['ac--me/m/x.gguf', 'expected a .gguf file on the Hub'],
    ['acme/m@a b/x.gguf', 'expected a branch, tag or commit as the revision'],
    ['https://huggingface.co/acme/m', 'expected a .gguf file on the Hub'],
    ['ftp://x/acme/m/resolve/main/x.gguf', 'expected a .gguf file on the Hub'],
    ['', 'expected a .gguf file on the Hub'],
  ])('refuses %j, saying what is expected', (text, expected) => {
    expect(() => parseGgufFile(text)).toThrow(`${JSON.stringify(text.trim())}: ${expected}`);
  });

  it('ggufFileName: the name without its folders', () => {
    expect(ggufFileName(parseGgufFile('o/m/Q4_K_M/m-00001-of-00002.gguf'))).toBe(
      'm-00001-of-00002.gguf',
    );
  });
});
