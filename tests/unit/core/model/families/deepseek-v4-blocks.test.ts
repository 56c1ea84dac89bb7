import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHFConfig, type CompressedAttention } from '../../../../../src/lib/core/index.ts';
import {
  compressorParams,
  coreAttentionParams,
  DEEPSEEK_V4_BLOCKS,
  hyperConnectionsOf,
} from '../../../../../src/lib/core/model/families/deepseek-v4-blocks.ts';
import { layerKind } from '../../../../../src/lib/core/model/layers.ts';
import { FIXTURES } from '../../../helpers/fixtures.ts';

const flash = parseHFConfig(
  JSON.parse(
    readFileSync(join(FIXTURES, 'new-families', 'deepseek-v4-flash.config.json'), 'utf8'),
  ) as Record<string, unknown>,
);
const a = flash.attention as CompressedAttention;

describe('DeepSeek-V4’s blocks (DeepSeek-V4-Flash inference/model.py)', () => {
  it('the attention every layer has: wq_a, q_norm, wq_b, wkv, kv_norm, wo_a, wo_b, sinks', () => {
    const byHand =
      4096 * 1024 + 1024 + 1024 * 32_768 + 4096 * 512 + 512 + 1024 * 32_768 + 8192 * 4096 + 64;
    expect(coreAttentionParams(4096, a)).toBe(byHand);
    expect(byHand).toBe(106_956_352);
  });

  it('a CSA layer: overlapping windows (c = 2) and the indexer with its own compressor', () => {
    // ape 4·(2·512) + wkv, wgate (2·512)·4096 each + norm 512.
    const compressor = 4 * 1024 + 2 * 1024 * 4096 + 512;
    // wq_b 1024·(64·128) + weights_proj 4096·64 + ape 4·256 + wkv, wgate 256·4096 + norm 128.
    const indexer = 1024 * 8192 + 4096 * 64 + 4 * 256 + 2 * 256 * 4096 + 128;
    expect(compressorParams(4096, a, 4, true)).toBe(compressor + indexer);
    expect([compressor, indexer]).toEqual([8_393_216, 10_749_056]);
  });

  it('an HCA layer: one window a pooled entry (c = 1), no indexer; a window-only layer: none', () => {
    expect(compressorParams(4096, a, 128, false)).toBe(128 * 512 + 2 * 512 * 4096 + 512);
    expect(compressorParams(4096, a, 0, false)).toBe(0);
  });

  it('a layer kind’s attention adds its compressor and indexer to the core', () => {
    const [window, , csa, hca] = [0, 1, 2, 3].map((i) => layerKind(flash, i));
    const core = coreAttentionParams(4096, a);
    expect(DEEPSEEK_V4_BLOCKS.attention(4096, a, window)).toBe(core);
    expect(DEEPSEEK_V4_BLOCKS.attention(4096, a, csa)).toBe(core + 8_393_216 + 10_749_056);
    expect(DEEPSEEK_V4_BLOCKS.attention(4096, a, hca)).toBe(core + 4_260_352);
    expect(DEEPSEEK_V4_BLOCKS.attention(4096, a)).toBe(core);
  });

  it('hyper-connections: fn [(2 + n)·n, n·h], base and scale [3] twice a layer; the head [n, n·h], [n], [1]', () => {
    expect(hyperConnectionsOf(4096, { streams: 4 }, false)).toBe(2 * (24 * 16_384 + 24 + 3));
    expect(hyperConnectionsOf(4096, { streams: 4 }, true)).toBe(4 * 16_384 + 4 + 1);
  });
});
