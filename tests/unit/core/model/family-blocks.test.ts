import { describe, expect, it } from 'vitest';
import {
  compressedBlocks,
  hyperConnectionParams,
  installCompressedBlocks,
} from '../../../../src/lib/core/model/family-blocks.ts';
import { DEEPSEEK_V4_BLOCKS } from '../../../../src/lib/core/model/families/deepseek-v4-blocks.ts';

describe('family blocks', () => {
  it('DeepSeek-V4’s reader installs its blocks; the counts go through them', () => {
    installCompressedBlocks(DEEPSEEK_V4_BLOCKS);
    expect(compressedBlocks()).toBe(DEEPSEEK_V4_BLOCKS);
    // V4-Flash: 4 streams of 4096 (deepseek_v4.md §2).
    expect(hyperConnectionParams(4096, { streams: 4 })).toBe(786_486);
    expect(hyperConnectionParams(4096, { streams: 4 }, true)).toBe(65_541);
  });

  it('a model without hyper-connections has none, whatever is installed', () => {
    expect(hyperConnectionParams(4096, null)).toBe(0);
    expect(hyperConnectionParams(4096, undefined, true)).toBe(0);
  });
});
