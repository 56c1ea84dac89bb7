import { describe, expect, it } from 'vitest';
import {
  CONTEXT_DOMAIN,
  contextDomain,
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
  it("servingCharts(default) draws memory from 1k tokens to Scout's max position (10 x 2^20) for both KV layouts", () => {
    const { charts: c } = charts();
    expect(CONTEXT_DOMAIN).toEqual([1e3, 1e7]);
    // Llama 4 Scout: max_position_embeddings 10,485,760 (config.json)
    expect(c.memory.domain).toEqual([1e3, 10_485_760]);
    expect(c.memory.curves.map((curve) => curve.layout)).toEqual(['hybrid', 'full']);
    const points = c.memory.curves[0]!.points;
    expect(points[0]!.contextTokens).toBe(1000);
    expect(points.at(-1)!.contextTokens).toBe(10_485_760);
  });

  it('servingCharts at 10,485,760 tokens: the chosen context is on both curves, and the chosen layout reads serving.perDeviceBytes', () => {
    const config = defaultConfig();
    config.deployment = { ...config.deployment, contextTokens: 10_485_760 };
    const { r, charts: c } = charts(config);
    const { chosen } = c.memory;
    expect(chosen.contextTokens).toBe(10_485_760);
    expect(chosen.layout).toBe('hybrid');
    expect(chosen.bytes.hybrid).toBe(r.serving!.perDeviceBytes);
    for (const curve of c.memory.curves) {
      const point = curve.points.find((p) => p.contextTokens === 10_485_760);
      expect(point?.bytes).toBe(chosen.bytes[curve.layout]);
    }
    expect(c.memory.domain[1]).toBeGreaterThanOrEqual(10_485_760);
  });

  it('servingCharts(DeepSeek-V3): one curve, as no layer has a window; both layouts read serving.perDeviceBytes', () => {
    const { r, charts: c } = charts(defaultConfig('deepseek-v3'));
    expect(c.memory.curves.map((curve) => curve.layout)).toEqual(['hybrid']);
    expect(c.memory.chosen.bytes).toEqual({
      hybrid: r.serving!.perDeviceBytes,
      full: r.serving!.perDeviceBytes,
    });
  });

  it('servingCharts: each fit limit is a point of its curve, within the budget', () => {
    const { r, charts: c } = charts();
    for (const curve of c.memory.curves) {
      const point = curve.points.find((p) => p.contextTokens === curve.fitLimitTokens);
      expect(point!.bytes).toBeLessThanOrEqual(r.serving!.deviceBudgetBytes);
    }
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

  it('servingCharts: only fitting points are drawn; Maverick on 8 x H100 in BF16 has none', () => {
    const { charts: fitting } = charts();
    expect(fitting.speed.fitting.map((p) => p.batch)).toEqual(
      fitting.speed.points.filter((p) => p.batch <= fitting.speed.maxBatch).map((p) => p.batch),
    );
    const { r, charts: c } = charts(defaultConfig('llama4-maverick'));
    expect(r.serving!.fits).toBe(false);
    expect(c.speed.fitting).toEqual([]);
    expect(c.speed.best).toBeUndefined();
  });

  it('servingCharts: a running batch above 4096 extends the axis to it', () => {
    const config = defaultConfig();
    // vLLM runs max_num_seqs at once (running.ts): 1,024 unless raised
    config.deployment = {
      ...config.deployment,
      batch: 10_000,
      contextTokens: 1024,
      maxSequences: 10_000,
    };
    const { charts: c } = charts(config);
    expect(c.speed.points.at(-1)!.batch).toBe(10_000);
  });
});

describe('contextDomain', () => {
  it.each([
    [131_072, 131_072, [1e3, 1e7]],
    [131_072, null, [1e3, 1e7]],
    [10_485_760, 10_485_760, [1e3, 10_485_760]],
    [16_777_216, 131_072, [1e3, 16_777_216]],
    [512, null, [100, 1e7]],
  ] as const)('contextDomain(%i, %s) is %j', (context, max, domain) => {
    expect(contextDomain(context, max)).toEqual(domain);
  });
});
