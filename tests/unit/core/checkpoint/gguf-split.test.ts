import { describe, expect, it } from 'vitest';
import { parseGguf, type GgufFile } from '../../../../src/lib/core/checkpoint/gguf.ts';
import {
  ggufSplitInfo,
  mergeGgufSplits,
  parseSplitName,
  splitPartNames,
} from '../../../../src/lib/core/checkpoint/gguf-split.ts';
import { ggufWeights } from '../../../../src/lib/core/checkpoint/gguf-weights.ts';
import { buildGguf, meta, type MetaValue, type TensorSpec } from '../../helpers/gguf-builder.ts';

describe('split file names', () => {
  it('reads "<prefix>-00002-of-00003.gguf" (llama.cpp llama_split_path), URLs and queries too', () => {
    expect(parseSplitName('Qwen3-235B-A22B-Q4_K_M-00002-of-00003.gguf')).toEqual({
      prefix: 'Qwen3-235B-A22B-Q4_K_M',
      part: 2,
      count: 3,
      suffix: '',
    });
    const url = 'https://huggingface.co/o/r/resolve/main/Q4/m-00001-of-00002.gguf?download=true';
    expect(splitPartNames(url)).toEqual([
      url,
      'https://huggingface.co/o/r/resolve/main/Q4/m-00002-of-00002.gguf?download=true',
    ]);
  });

  it('names every part from any part, and a whole file as itself', () => {
    expect(splitPartNames('m-00003-of-00003.gguf')).toEqual([
      'm-00001-of-00003.gguf',
      'm-00002-of-00003.gguf',
      'm-00003-of-00003.gguf',
    ]);
    expect(splitPartNames('gpt-oss-20b-mxfp4.gguf')).toEqual(['gpt-oss-20b-mxfp4.gguf']);
  });

  it('is not fooled by near misses', () => {
    for (const name of ['m-1-of-3.gguf', 'm-00000-of-00003.gguf', 'm-00004-of-00003.gguf', 'm-00001-of-00003.safetensors'])
      expect(parseSplitName(name)).toBe(undefined);
  }); // prettier-ignore
});

/** Part `no` (from 0) of `count`, as gguf-split writes it: metadata in the first part only. */
function part(no: number, count: number, tensors: TensorSpec[], total: number, extra: [string, MetaValue][] = []): GgufFile {
  const first: [string, MetaValue][] = no === 0 ? [['general.architecture', meta.str('qwen3moe')], ['qwen3moe.block_count', meta.u32(2)]] : [];
  const built = buildGguf({
    metadata: [...first, ['split.no', meta.u16(no)], ['split.count', meta.u16(count)], ['split.tensors.count', meta.i32(total)], ...extra],
    tensors,
    data: false,
  });
  return parseGguf(built.bytes, { fileBytes: built.fileBytes, file: `m-0000${no + 1}-of-0000${count}.gguf` });
} // prettier-ignore

const T = (name: string): TensorSpec => ({ name, dims: [256, 4], type: 'Q4_K' });

describe('mergeGgufSplits', () => {
  const parts = [
    part(0, 3, [T('token_embd.weight')], 4),
    part(1, 3, [T('blk.0.ffn_up_exps.weight'), T('blk.0.ffn_down_exps.weight')], 4),
    part(2, 3, [T('output.weight')], 4),
  ];

  it('reads the parts, in any order, as one model with the first part metadata', () => {
    const model = mergeGgufSplits([parts[2]!, parts[0]!, parts[1]!]);
    expect(model.parts).toEqual(parts);
    expect(model.tensors.map((t) => [t.name, t.part])).toEqual([
      ['token_embd.weight', 0],
      ['blk.0.ffn_up_exps.weight', 1],
      ['blk.0.ffn_down_exps.weight', 1],
      ['output.weight', 2],
    ]);
    expect(ggufSplitInfo(parts[1]!)).toEqual({ no: 1, count: 3, tensorsCount: 4 });
    const w = ggufWeights(model);
    expect([w.architecture, w.blockCount, w.bytes, w.byKind.experts.tensors]).toEqual(['qwen3moe', 2, 4 * 4 * 144, 2]);
  }); // prettier-ignore

  it('reads a whole file as a model of one part', () => {
    const whole = parseGguf(buildGguf({ tensors: [T('a')] }).bytes);
    expect(ggufSplitInfo(whole)).toBe(undefined);
    expect(mergeGgufSplits([whole]).tensors).toEqual([{ ...whole.tensors[0], part: 0 }]);
  });

  it.each([
    ['no part', () => [], /parts: none given/],
    ['a missing part', () => [parts[0]!, parts[2]!], /m-00001-of-00003.gguf: key split.count: says 3 parts, but 2 given/],
    ['a part twice', () => [parts[0]!, parts[1]!, parts[1]!], /m-00002-of-00003.gguf: key split.no: part index 1 is out of range or given twice/],
    ['a whole file among parts', () => [parts[0]!, parseGguf(buildGguf({}).bytes), parts[2]!], /key split.count: missing in a split part/],
    ['a tensor in two parts', () => [parts[0]!, parts[1]!, part(2, 3, [T('token_embd.weight')], 4)], /tensor token_embd.weight: also in part 1 \(m-00001-of-00003.gguf\)/],
    ['a wrong tensor total', () => [part(0, 2, [T('a')], 3), part(1, 2, [T('b')], 3)], /split.tensors.count: says 3 tensors, but the parts hold 2/],
    ['a split.no of another type', () => [part(0, 1, [], 0, [])].map((p) => ({ ...p, metadata: new Map([...p.metadata, ['split.no', { type: 'string' as const, value: '0' }]]) })), /key split.no: expected an integer or an array of integers, got string/],
  ] as const)('refuses %s', (_, given, message) => {
    expect(() => mergeGgufSplits(given())).toThrow(message);
  }); // prettier-ignore
});
