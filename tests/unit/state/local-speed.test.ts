import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  DEFAULT_HOST_SETTINGS,
  resolveExplorer,
  servingCharts,
  type ExplorerConfig,
} from '../../../src/lib/core/index.ts';
import { LOCAL_SPEED_SAMPLES, localSpeed } from '../../../src/lib/state/local-speed.ts';

/** The CPU+GPU line of a configuration, on its serving charts' batch axis. */
function lineOf(config: ExplorerConfig) {
  const result = resolveExplorer(config);
  const charts = servingCharts(result.resolved!, result.serving!);
  return { result, charts, line: localSpeed(result, config.deployment, charts.speed.points) };
}

/** Qwen3-30B-A3B in Q4_K_M on one RTX 4090 with 64 GB of RAM, at 8k context. */
function qwenLocal(batch = 1): ExplorerConfig {
  const config = defaultConfig('qwen3-30b-a3b');
  config.deployment = {
    ...config.deployment,
    deviceId: 'rtx-4090',
    devices: 1,
    weights: 'q4_k_m',
    contextTokens: 8192,
    batch,
    host: { ...DEFAULT_HOST_SETTINGS },
  };
  return config;
}

describe('localSpeed', () => {
  it('is null for a data-centre deployment', () => {
    expect(lineOf(defaultConfig()).line).toBeNull();
  });

  it("its chosen point is the headline's decode (the local estimate's own)", () => {
    const { result, line } = lineOf(qwenLocal());
    expect(line!.chosen.tokensPerSecond).toBe(result.serving!.decode.tokensPerSecond);
    expect(line!.chosen.costPerMillionOutputTokens).toBe(
      result.serving!.costPerMillionOutputTokens,
    );
    expect(line!.maxBatch).toBe(result.serving!.maxBatch);
  });

  it('spans the all-GPU axis, fits up to the largest batch that fits, and estimates a few points', () => {
    const { charts, line } = lineOf(qwenLocal());
    const axis = charts.speed.points;
    expect(line!.points[0]!.batch).toBe(axis[0]!.batch);
    expect(line!.points.at(-1)!.batch).toBe(axis.at(-1)!.batch);
    const fitting = line!.points.filter((p) => p.fits);
    expect(fitting.length).toBeGreaterThan(1);
    expect(fitting.length).toBeLessThanOrEqual(LOCAL_SPEED_SAMPLES + 3);
    expect(Math.max(...fitting.map((p) => p.batch))).toBe(line!.maxBatch);
    expect(line!.best?.batch).toBe(line!.maxBatch);
    for (const p of line!.points) if (p.batch > line!.maxBatch) expect(p.fits).toBe(false);
  });

  it('throughput grows with the batch along the line (more tokens per weight read)', () => {
    const fitting = lineOf(qwenLocal()).line!.points.filter((p) => p.fits);
    for (let i = 1; i < fitting.length; i++)
      expect(fitting[i]!.tokensPerSecond).toBeGreaterThan(fitting[i - 1]!.tokensPerSecond);
  });

  it('a chosen batch past the largest that fits is on the axis, not fitting', () => {
    const { line } = lineOf(qwenLocal(4096));
    expect(line!.chosen).toMatchObject({ batch: 4096, fits: false });
  });
});
