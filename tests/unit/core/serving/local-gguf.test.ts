import { describe, expect, it } from 'vitest';
import {
  checkGgufFitsModel,
  findPreset,
  ggufParts,
  ggufWeights,
  parseGguf,
  presetSpec,
} from '../../../../src/lib/core/index.ts';
import { buildGguf, gptOss20bLike } from '../../helpers/gguf-builder.ts';

const file = parseGguf(buildGguf({ ...gptOss20bLike(), data: false }).bytes, {
  fileBytes: Infinity,
});

describe('ggufParts: a GGUF file as the parts llama.cpp places', () => {
  const parts = ggufParts(file.tensors, 24);

  it('every byte of the file lands in exactly one part', () => {
    const sum =
      parts.embedding +
      parts.output +
      parts.layers.reduce((s, l) => s + l.mixer + l.experts + l.ffn, 0);
    expect(sum).toBe(ggufWeights(file).bytes);
  });

  it("a layer's experts are its *_exps tensors: MXFP4 blocks and F32 biases", () => {
    // 3 × (2880 × 2880 × 32 at 4.25 bits) + 3 × 2880 × 32 × 4 bytes (gguf-builder gptOss20bLike)
    const exps = 3 * ((2880 * 2880 * 32 * 17) / 32) + 3 * 2880 * 32 * 4;
    expect(parts.layers[0]!.experts).toBe(exps);
    expect(parts.layers[0]!.names.experts).toContain('blk.0.ffn_down_exps.weight');
    expect(parts.layers[0]!.names.ffn).toEqual([
      'blk.0.ffn_gate_inp.weight',
      'blk.0.ffn_gate_inp.bias',
    ]);
  });

  it('a file with fewer blocks than the model has layers is refused', () => {
    expect(() => ggufParts(file.tensors, 36)).toThrow(
      'gguf: expected the model\'s 36 layers, got "24 blocks"',
    );
  });
});

describe('checkGgufFitsModel', () => {
  it("accepts the model's own file and refuses another model's, naming both", () => {
    expect(() => checkGgufFitsModel(file, presetSpec(findPreset('gpt-oss-20b')!))).not.toThrow();
    expect(() => checkGgufFitsModel(file, presetSpec(findPreset('gpt-oss-120b')!))).toThrow(
      'gguf: expected a file of gpt-oss-120b\'s 36 layers, got "a gpt-oss file of 24 blocks"',
    );
  });
});
