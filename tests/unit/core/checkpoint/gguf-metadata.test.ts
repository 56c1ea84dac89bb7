import { describe, expect, it } from 'vitest';
import { parseGguf } from '../../../../src/lib/core/checkpoint/gguf.ts';
import {
  ggufCount,
  ggufModelCounts,
  ggufString,
} from '../../../../src/lib/core/checkpoint/gguf-metadata.ts';
import { GgufError } from '../../../../src/lib/core/checkpoint/gguf-errors.ts';
import { buildGguf, meta } from '../../helpers/gguf-builder.ts';

const file = parseGguf(
  buildGguf({
    metadata: [
      ['general.architecture', meta.str('deepseek2')],
      ['deepseek2.block_count', meta.u32(61)],
      ['deepseek2.context_length', meta.u64(163_840)],
      ['deepseek2.embedding_length', meta.u32(7168)],
      ['deepseek2.feed_forward_length', meta.u32(18_432)],
      ['deepseek2.expert_feed_forward_length', meta.u32(2048)],
      ['deepseek2.expert_count', meta.u32(256)],
      ['deepseek2.expert_used_count', meta.u32(8)],
      ['deepseek2.expert_shared_count', meta.u32(1)],
      ['deepseek2.leading_dense_block_count', meta.u32(3)],
      ['deepseek2.attention.head_count', meta.u32(128)],
      ['deepseek2.attention.head_count_kv', meta.arr('int32', [128, 128, 1])],
      ['x.negative', meta.i32(-1)],
      ['x.huge', meta.u64(2n ** 60n)],
      ['x.float', meta.f32(1.5)],
      ['x.strings', meta.arr('string', ['a'])],
    ],
  }).bytes,
  { file: 'ds.gguf' },
);

describe('GGUF metadata readers', () => {
  it('read the counts under "<arch>." (deepseek2, as DeepSeek-V3 converts), a per-layer array as is', () => {
    expect(ggufModelCounts(file)).toEqual({
      architecture: 'deepseek2',
      blockCount: 61,
      contextLength: 163_840,
      embeddingLength: 7168,
      feedForwardLength: 18_432,
      expertFeedForwardLength: 2048,
      expertCount: 256,
      expertUsedCount: 8,
      expertSharedCount: 1,
      leadingDenseBlockCount: 3,
      headCount: 128,
      headCountKv: [128, 128, 1],
    });
  });

  it('give undefined for what is absent, and a GgufError naming the key for a wrong type', () => {
    expect(ggufString(file, 'general.name')).toBe(undefined);
    expect(ggufCount(file, 'x.absent')).toBe(undefined);
    expect(() => ggufString(file, 'deepseek2.block_count')).toThrow(
      /^ds.gguf: key deepseek2.block_count: expected a string, got uint32$/,
    );
    expect(() => ggufCount(file, 'x.negative')).toThrow(/x.negative: expected a count from 0 to 2\^53 − 1, got -1/);
    expect(() => ggufCount(file, 'x.huge')).toThrow(/got 1152921504606846976/);
    expect(() => ggufCount(file, 'x.float')).toThrow(GgufError);
    expect(() => ggufCount(file, 'x.strings')).toThrow(/got array/);
    expect(ggufModelCounts({ file: 'x', metadata: new Map() }).blockCount).toBe(undefined);
    const skipped = { type: 'array', value: { itemType: 'int32', length: 3, items: undefined } } as const;
    expect(() => ggufCount({ file: 'y', metadata: new Map([['k', skipped]]) }, 'k')).toThrow(
      /y: key k: expected its items \(parse it without skipArrays\), got them skipped/,
    );
  }); // prettier-ignore
});
