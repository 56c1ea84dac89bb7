import { describe, expect, it } from 'vitest';
import {
  formatPublishedRatio,
  publishedRunsOf,
  type PublishedServingRun,
} from '../../../../src/lib/core/index.ts';

const run = (
  id: string,
  deviceId: string | null,
  engine: 'vllm' | 'sglang',
  preset = 'deepseek-v3',
) =>
  ({
    id,
    preset,
    deviceId,
    devices: `8 × ${deviceId ?? 'custom'}`,
    engine,
    layout: 'TP 8',
    weights: 'FP8',
    run: 'batch 1',
    measure: 'decode tok/s',
    published: 100,
    explorer: 120,
    gated: false,
    band: 2,
    source: 'a blog',
    link: null,
  }) satisfies PublishedServingRun;

describe('publishedRunsOf', () => {
  it('keeps the model’s runs, this device under this engine first, then this device, then by name', () => {
    const runs = [
      run('a', 'b200', 'vllm'),
      run('b', 'h200', 'vllm'),
      run('c', 'h200', 'sglang'),
      run('d', 'a100-80gb', 'sglang'),
      run('e', 'h200', 'sglang', 'kimi-k2'),
      run('f', null, 'vllm'),
    ];
    expect(publishedRunsOf(runs, 'deepseek-v3', 'h200', 'sglang').map((r) => r.id)).toEqual([
      'c',
      'b',
      'd',
      'a',
      'f',
    ]);
    expect(publishedRunsOf(runs, 'glm-5', 'h200', 'sglang')).toEqual([]);
  });
});

describe('formatPublishedRatio', () => {
  it('gives explorer / published to two decimals, and whether it is within the band either way', () => {
    expect(formatPublishedRatio(1.234, 1.5)).toEqual({ text: '1.23×', within: true });
    expect(formatPublishedRatio(1 / 1.6, 1.5)).toEqual({ text: '0.63×', within: false });
    expect(formatPublishedRatio(2, 2)).toEqual({ text: '2.00×', within: true });
  });
});
