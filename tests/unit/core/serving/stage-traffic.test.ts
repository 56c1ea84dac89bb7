import { describe, expect, it } from 'vitest';
import { stageTraffic } from '../../../../src/lib/core/serving/stage-traffic.ts';
import { findDevice, parseHFConfig, resolveServing } from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

// Mixtral 8x7B in BF16 on one H100: 32 layers, 8 experts of 3 x 4,096 x 14,336, top-2.
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
const d = resolveServing(mixtral, {
  device: findDevice('h100-sxm')!,
  devices: 1,
  contextTokens: 1000,
  batch: 1,
  weights: 'bf16',
}).deployment;

describe('stageTraffic', () => {
  const work = {
    tokensPerReplica: 1,
    tokensPerExpertGroup: 1,
    attended: () => 1000,
    selected: () => 1000,
    phase: 'decode' as const,
    eager: false,
    kvReadBytes: 0,
    lmHeadTokens: 1,
  };
  const t = stageTraffic(d, d.stages[0]!, work, 2, true);

  it('reads the two touched experts of each layer: 32 x 2 x 176,160,768 x 2 bytes', () => {
    expect(t.expertBytes).toBe(32 * 2 * 3 * 4096 * 14336 * 2);
  });

  it('multiplies one token through its two experts: 32 x 2 x 2 x 176,160,768 FLOPs', () => {
    expect(t.expertFlops).toBe(32 * 2 * 2 * 3 * 4096 * 14336);
  });

  it('does QK^T and AV over the 1,000 attended tokens: 32 x 4 x 32 heads x 128', () => {
    expect(t.attentionFlops).toBe(32 * 4 * 32 * 128 * 1000);
  });

  it('reads the attention on the selected tokens only, the indexer aside (DSA: sparse-attention.test.ts)', () => {
    const sparse = stageTraffic(d, d.stages[0]!, { ...work, selected: () => 100 }, 2, true);
    expect(sparse.attentionFlops).toBe(32 * 4 * 32 * 128 * 100);
  });
});
