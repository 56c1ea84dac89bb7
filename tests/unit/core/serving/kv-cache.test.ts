import { describe, expect, it } from 'vitest';
import {
  keptTokens,
  KV_LAYOUTS,
  kvBytesPerSequence,
  kvBytesPerToken,
  kvBytesPerTokenPerLayer,
  parseHFConfig,
  roundUpToBlock,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig, moreModelConfig } from '../../helpers/fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const gptOss20b = parseHFConfig(fixtureConfig('gpt-oss-20b'));

describe('KV cache', () => {
  it('kvBytesPerTokenPerLayer: GQA stores K and V per KV head; MLA stores the latent and RoPE key once', () => {
    expect(kvBytesPerTokenPerLayer(scout.attention, 'bf16')).toBe(2 * 8 * 128 * 2);
    // ISCA'25 "Insights into DeepSeek-V3", Table 1: (512 + 64) x 2 bytes per layer
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'bf16')).toBe(1152);
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'fp8')).toBe(576);
  });

  it('keptTokens caps sliding and chunked layers in the hybrid layout only', () => {
    const sliding = { window: { kind: 'sliding', tokens: 128 }, rope: true } as const;
    expect(keptTokens(sliding, 1000, 'hybrid')).toBe(128);
    expect(keptTokens(sliding, 100, 'hybrid')).toBe(100);
    expect(keptTokens(sliding, 1000, 'full')).toBe(1000);
  });

  it('kvBytesPerSequence(Scout, 1M, hybrid): 12 global layers grow, 36 chunked layers hold one 8192 chunk', () => {
    // 12 x 4096 x 1e6 + 36 x 8192 x 4096 = 50,359,959,552 (serving-cases.json, scout-kv-hybrid)
    expect(kvBytesPerSequence(scout, 1_000_000, 'bf16', 'hybrid')).toBe(50_359_959_552);
    expect(kvBytesPerSequence(scout, 1_000_000, 'bf16', 'full')).toBe(196_608_000_000);
  });

  it('kvBytesPerToken counts only the layers that keep growing', () => {
    expect(kvBytesPerToken(scout, 'bf16', 'hybrid')).toBe(49_152);
    expect(kvBytesPerToken(gptOss20b, 'bf16', 'hybrid')).toBe(24_576);
    expect(kvBytesPerToken(gptOss20b, 'fp8', 'full')).toBe(24 * 2 * 8 * 64);
  });
});

describe('kvBytesPerToken of published models', () => {
  // ISCA'25 "Insights into DeepSeek-V3", Table 1: KV cache per token, BF16.
  it.each([
    ['DeepSeek-V3 (MLA)', () => deepseek, 70_272], // 70.272 KB: 61 layers x 576 x 2 B
    ['LLaMA-3.1 405B (GQA)', () => parseHFConfig(moreModelConfig('llama3.1-405b')), 516_096], // 516.096 KB
  ])('kvBytesPerToken(%s, bf16) is %i bytes', (_, spec, bytes) => {
    expect(kvBytesPerToken(spec(), 'bf16', 'full')).toBe(bytes);
  });
});

describe('roundUpToBlock', () => {
  it.each([
    [1, 16, 16],
    [16, 16, 16],
    [17, 16, 32],
    [1000, 1, 1000],
  ])('roundUpToBlock(%i, %i) is %i', (tokens, block, rounded) => {
    expect(roundUpToBlock(tokens, block)).toBe(rounded);
  });
});

describe('kvBytesPerSequence', () => {
  it('kvBytesPerSequence(gpt-oss-20b, 1000, 16-token blocks) rounds each layer up to whole blocks', () => {
    // 12 sliding layers keep 128 tokens (8 blocks), 12 global layers 1000 -> 1008 tokens; 2048 B per token per layer
    expect(kvBytesPerSequence(gptOss20b, 1000, 'bf16', 'hybrid', 16)).toBe(
      (12 * 128 + 12 * 1008) * 2048,
    );
  });

  it('kvBytesPerSequence over given layers counts only those (Scout layers 0-3: 3 chunked, 1 global)', () => {
    expect(kvBytesPerSequence(scout, 100_000, 'bf16', 'hybrid', 1, [0, 1, 2, 3])).toBe(
      (3 * 8192 + 100_000) * 4096,
    );
  });

  it('KV_LAYOUTS are hybrid and full', () => {
    expect(KV_LAYOUTS).toEqual(['hybrid', 'full']);
  });
});
