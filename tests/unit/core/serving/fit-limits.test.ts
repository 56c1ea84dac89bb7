import { describe, expect, it } from 'vitest';
import {
  fitsAt,
  findDevice,
  maxBatch,
  maxContextTokens,
  parseHFConfig,
  resolveServing,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

describe('fit limits', () => {
  // Llama 4 Scout in BF16 on 8 x H100 SXM at batch 1.
  const spec = parseHFConfig(fixtureConfig('llama4-scout'));
  const d = resolveServing(spec, {
    device: findDevice('h100-sxm')!,
    devices: 8,
    contextTokens: 8192,
    batch: 1,
  }).deployment;

  it('maxContextTokens is the longest context that fits: one token more does not', () => {
    const max = maxContextTokens(d, 1);
    expect(max).toBeGreaterThan(1_000_000);
    expect(fitsAt(d, max, 1)).toBe(true);
    expect(fitsAt(d, max + 1, 1)).toBe(false);
  });

  it('maxBatch is the largest batch that fits at a context: one more does not', () => {
    const batch = maxBatch(d, 8192);
    expect(batch).toBeGreaterThan(1);
    expect(fitsAt(d, 8192, batch)).toBe(true);
    expect(fitsAt(d, 8192, batch + 1)).toBe(false);
  });
});
