import { describe, expect, it } from 'vitest';
import {
  CONTEXT_DOMAIN,
  defaultConfig,
  MAX_BATCH_SHOWN,
  resolveExplorer,
  servingCharts,
  type ExplorerConfig,
} from '../../../../src/lib/core/index.ts';

function charts(config: ExplorerConfig = defaultConfig()) {
  const r = resolveExplorer(config);
  return { r, charts: servingCharts(r.resolved!, r.serving!) };
}

describe('servingCharts', () => {
  it('servingCharts(default) draws memory over 1k to 10M tokens for both KV layouts', () => {
    const { charts: c } = charts();
    expect(CONTEXT_DOMAIN).toEqual([1e3, 1e7]);
    expect(c.memory.domain).toBe(CONTEXT_DOMAIN);
    expect(c.memory.curves.map((curve) => curve.layout)).toEqual(['hybrid', 'full']);
    const points = c.memory.curves[0]!.points;
    expect(points[0]!.contextTokens).toBe(1000);
    expect(points.at(-1)!.contextTokens).toBe(10_000_000);
  });

  it("servingCharts: the hybrid fit limit is the estimate's max context", () => {
    const { r, charts: c } = charts();
    expect(c.memory.curves[0]!.fitLimitTokens).toBe(r.serving!.maxContextTokens);
  });

  it('servingCharts: the batch axis runs from 1 to 4096, sorted, through the chosen batch and the max batch', () => {
    const { r, charts: c } = charts();
    const batches = c.speed.points.map((p) => p.batch);
    expect(MAX_BATCH_SHOWN).toBe(4096);
    expect(batches[0]).toBe(1);
    expect(batches.at(-1)).toBe(4096);
    expect(batches).toEqual([...batches].sort((a, b) => a - b));
    expect(batches).toContain(r.serving!.maxBatch);
    expect(c.speed.maxBatch).toBe(r.serving!.maxBatch);
    expect(c.speed.best?.batch).toBe(r.serving!.maxBatch);
    expect(c.speed.best?.fits).toBe(true);
  });

  it("servingCharts: the chosen point is the estimate's decode speed and cost", () => {
    const config = defaultConfig();
    config.deployment = { ...config.deployment, batch: 37 };
    const { r, charts: c } = charts(config);
    expect(c.speed.chosen.batch).toBe(37);
    expect(c.speed.chosen.tokensPerSecond).toBeCloseTo(r.serving!.decode.tokensPerSecond, 9);
    expect(c.speed.chosen.costPerMillionOutputTokens).toBeCloseTo(
      r.serving!.costPerMillionOutputTokens,
      9,
    );
  });

  it('servingCharts: a batch above 4096 extends the axis to it', () => {
    const config = defaultConfig();
    config.deployment = { ...config.deployment, batch: 10_000, contextTokens: 1024 };
    const { charts: c } = charts(config);
    expect(c.speed.points.at(-1)!.batch).toBe(10_000);
  });
});
