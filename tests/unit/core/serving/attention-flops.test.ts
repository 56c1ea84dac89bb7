import { describe, expect, it } from 'vitest';
import {
  attentionFlopsPerToken,
  meanAttendedTokens,
  parseHFConfig,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));

describe('meanAttendedTokens', () => {
  it('prefill attends to a growing context that stops growing past the window', () => {
    const chunked = { window: { kind: 'chunked', tokens: 8192 }, rope: true } as const;
    const global = { window: { kind: 'global' }, rope: true } as const;
    expect(meanAttendedTokens(global, 1000)).toBeCloseTo(500.5, 9);
    expect(meanAttendedTokens(chunked, 8192 * 100)).toBeCloseTo(4096.5, 9);
  });

  const sliding = { window: { kind: 'sliding', tokens: 128 }, rope: true } as const;

  it('meanAttendedTokens(sliding 128, 100) is (100 + 1) / 2 = 50.5: the window is not reached', () => {
    expect(meanAttendedTokens(sliding, 100)).toBe(50.5);
  });

  it('meanAttendedTokens(sliding 128, 1000) is (128 x 129 / 2 + 872 x 128) / 1000 = 119.872', () => {
    expect(meanAttendedTokens(sliding, 1000)).toBeCloseTo(119.872, 9);
  });
});

describe('attentionFlopsPerToken', () => {
  it('attentionFlopsPerToken(Scout, 1000 kept) is QK^T and AV: 4 x 40 heads x 128 x 1000', () => {
    expect(attentionFlopsPerToken(scout, 1000, 'decode')).toBe(4 * 40 * 128 * 1000);
    expect(attentionFlopsPerToken(scout, 1000, 'prefill')).toBe(4 * 40 * 128 * 1000);
  });

  it('attentionFlopsPerToken(DeepSeek-V3 decode, absorbed MLA) is 2 x 128 x (2 x 512 + 64) per kept token', () => {
    // DeepSeek-V2 paper 2.1.2: scores over the 512 latent + 64 RoPE dims, values over the latent
    expect(attentionFlopsPerToken(deepseek, 1, 'decode')).toBe(2 * 128 * (2 * 512 + 64));
  });

  it('attentionFlopsPerToken(DeepSeek-V3 prefill) is 2 x 128 x (128 + 64 + 128) per kept token', () => {
    expect(attentionFlopsPerToken(deepseek, 10, 'prefill')).toBe(2 * 128 * (128 + 64 + 128) * 10);
  });
});
