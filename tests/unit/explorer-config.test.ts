import { describe, expect, it } from 'vitest';
import {
  attentionLabel,
  CONTROLS,
  defaultConfig,
  describeLayers,
  expandLayers,
  explain,
  findDevice,
  logSpace,
  memoryVsContext,
  parseHFConfig,
  resolveExplorer,
  sliderBounds,
  sliderPosition,
  sliderValue,
  speedVsBatch,
} from '../../src/lib/core/index.ts';
import { fixtureConfig } from './fixtures.ts';

describe('resolveExplorer', () => {
  it('opens on Llama 4 Scout, BF16, 8 x H100, 128k, with its exact counts', () => {
    const r = resolveExplorer(defaultConfig());
    expect(r.count.total).toBe(108_641_793_536); // expected-params.json
    expect(r.serving?.fits).toBe(true);
    expect(r.resolved?.deployment.device).toBe(findDevice('h100-sxm'));
  });

  it('reports an invalid layout as servingError and still counts the model', () => {
    const config = defaultConfig();
    config.deployment = { ...config.deployment, tp: 3 };
    const r = resolveExplorer(config);
    expect(r.serving).toBeNull();
    expect(r.servingError).toContain('tp: expected a divisor of the 8 devices');
    expect(r.count.total).toBe(108_641_793_536);
  });
});

describe('controls as data', () => {
  it('linear sliders hold the value itself; log sliders 100 x log2', () => {
    expect(sliderPosition('topK', 2)).toBe(2);
    expect(sliderValue('topK', 2)).toBe(2);
    expect(sliderPosition('context', 131072)).toBe(1700);
    expect(sliderValue('context', 1700)).toBe(131072);
    expect(sliderBounds('context')).toEqual({ min: 0, max: 2400, step: 1 });
  });

  it('every control has the exact label the issue asks for', () => {
    const labels = Object.values(CONTROLS).map((c) => c.label);
    for (const label of [
      'Layers',
      'Hidden size',
      'Routed experts',
      'Active experts per token',
      'Shared experts',
      'Expert FFN size',
      'Context length',
      'Batch size',
      'GPUs',
    ]) {
      expect(labels).toContain(label);
    }
  });
});

describe('layer summary and formulas', () => {
  const scout = parseHFConfig(fixtureConfig('llama4-scout'));

  it('describes Scout: 36 chunked, 12 global NoPE, all MoE with a shared expert, and a vision tower', () => {
    expect(describeLayers(scout)).toBe(
      '48 layers: 36 chunked (8,192 tokens), 12 global NoPE; 48 MoE (16 routed + 1 shared experts, top-1); plus a vision tower.',
    );
    expect(expandLayers(scout).map(attentionLabel).slice(0, 4)).toEqual([
      'chunked',
      'chunked',
      'chunked',
      'global',
    ]);
  });

  it('explains active with the values substituted', () => {
    const r = resolveExplorer(defaultConfig());
    const why = explain(r.spec, r.count, r.serving, 'bf16', 'GB');
    expect(why.active.substituted).toBe(
      '108,641,793,536 − 871,932,416 − 48 × (16 − 1) × 125,829,120 = 17,172,894,720',
    );
    expect(why.kvPerToken.substituted).toBe(
      '12 layers × 2 (K, V) × 8 KV heads × 128 head dim × 2 B = 4,096 B = 49,152 B per token',
    );
  });
});

describe('serving curves', () => {
  const r = resolveExplorer(defaultConfig());
  const d = r.resolved!.deployment;

  it('memoryVsContext: both layouts, the full one never below the hybrid one, fit limits as in the estimate', () => {
    const contexts = logSpace(1024, 10 * 2 ** 20, 12);
    const [hybrid, full] = memoryVsContext(d, 1, contexts);
    expect(hybrid!.layout).toBe('hybrid');
    hybrid!.points.forEach((p, i) =>
      expect(full!.points[i]!.bytes).toBeGreaterThanOrEqual(p.bytes),
    );
    expect(hybrid!.fitLimitTokens).toBe(r.serving!.maxContextTokens);
    expect(full!.fitLimitTokens).toBeLessThan(hybrid!.fitLimitTokens);
  });

  it('speedVsBatch: throughput grows with the batch, cost per token falls, fit ends at maxBatch', () => {
    const points = speedVsBatch(
      d,
      131072,
      [1, 8, 64, 512],
      r.resolved!.efficiency,
      r.resolved!.routing,
      2.69,
    );
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.tokensPerSecond).toBeGreaterThan(points[i - 1]!.tokensPerSecond);
      expect(points[i]!.costPerMillionOutputTokens).toBeLessThan(
        points[i - 1]!.costPerMillionOutputTokens,
      );
    }
    expect(points.map((p) => p.fits)).toEqual([1, 8, 64, 512].map((b) => b <= r.serving!.maxBatch));
  });

  it('logSpace spans its ends without repeats', () => {
    const xs = logSpace(1, 4096, 30);
    expect(xs[0]).toBe(1);
    expect(xs.at(-1)).toBe(4096);
    expect(new Set(xs).size).toBe(xs.length);
  });
});
