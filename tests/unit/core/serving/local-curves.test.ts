import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLACEMENT,
  estimateLocalServing,
  findDevice,
  LIMITS,
  localMemoryVsContext,
  parseHFConfig,
  DEFAULT_HOST_SETTINGS,
  defaultConfig,
  resolveExplorer,
  servingCharts,
  type LocalOptions,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { moreModelConfig } from '../../helpers/fixtures.ts';

const oss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
const options = (deviceId: string, contextTokens = 8192, batch = 1): ServingOptions => ({
  device: findDevice(deviceId)!,
  devices: 1,
  contextTokens,
  batch,
  kvDtype: 'fp16',
});
const contexts = [1024, 8192, 65536, 131072];

function curvesOf(deviceId: string, local: LocalOptions, contextTokens = 8192, batch = 1) {
  const serving = estimateLocalServing(oss, options(deviceId, contextTokens, batch), local);
  return { serving, curves: localMemoryVsContext(oss, serving, 'fp16', batch, contexts) };
}

describe('localMemoryVsContext', () => {
  it("at the chosen context each side's point is the estimate's own (RTX 4090, --n-cpu-moe 24)", () => {
    const { serving, curves } = curvesOf('rtx-4090', {
      placement: { ...DEFAULT_PLACEMENT, nCpuMoe: 24 },
    });
    const at = (points: { contextTokens: number; bytes: number }[]) =>
      points.find((p) => p.contextTokens === 8192)!.bytes;
    expect(at(curves.device.points)).toBe(serving.perDevice.totalBytes);
    expect(at(curves.host.points)).toBe(serving.perHost.totalBytes);
    expect(curves.device.capacityBytes).toBe(serving.deviceBudgetBytes);
    expect(curves.host.capacityBytes).toBe(serving.hostMemoryBytes);
    expect(curves.unified).toBe(false);
  });

  it("the sides' fit limits: the smaller is the estimate's largest context", () => {
    for (const batch of [1, 4]) {
      const { serving, curves } = curvesOf(
        'rtx-4090',
        { placement: { ...DEFAULT_PLACEMENT, nCpuMoe: 24 } },
        8192,
        batch,
      );
      expect(Math.min(curves.device.fitLimitTokens, curves.host.fitLimitTokens)).toBe(
        serving.maxContextTokens,
      );
    }
  });

  it('the KV cache grows on the side that holds the attention: the GPU by default, RAM with -ngl 0', () => {
    const grows = (points: { bytes: number }[]) => points.at(-1)!.bytes - points[0]!.bytes;
    const gpu = curvesOf('rtx-4090', { placement: { ...DEFAULT_PLACEMENT, cpuMoe: true } });
    expect(grows(gpu.curves.device.points)).toBeGreaterThan(0);
    expect(grows(gpu.curves.host.points)).toBe(0);
    const cpu = curvesOf('rtx-4090', { placement: { ...DEFAULT_PLACEMENT, gpuLayers: 0 } });
    expect(grows(cpu.curves.device.points)).toBe(0);
    expect(grows(cpu.curves.host.points)).toBeGreaterThan(0);
    // The GPU's part alone never limits it: any context.
    expect(cpu.curves.device.fitLimitTokens).toBe(LIMITS.contextTokens);
  });

  it('a unified pool: the host side is the whole pool, both parts', () => {
    const { serving, curves } = curvesOf('m4-max-128gb', { placement: DEFAULT_PLACEMENT });
    expect(curves.unified).toBe(true);
    const p = curves.host.points.find((x) => x.contextTokens === 8192)!;
    expect(p.bytes).toBe(serving.perDevice.totalBytes + serving.perHost.totalBytes);
    expect(curves.host.capacityBytes).toBe(findDevice('m4-max-128gb')!.memoryBytes);
  });

  it('points are sorted, with each fit limit among them when it lies within the contexts', () => {
    const { curves } = curvesOf('rtx-4090', { placement: { ...DEFAULT_PLACEMENT, nCpuMoe: 27 } });
    const xs = curves.device.points.map((p) => p.contextTokens);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    for (const side of [curves.device, curves.host])
      if (side.fitLimitTokens >= 1024 && side.fitLimitTokens <= 131072)
        expect(xs).toContain(side.fitLimitTokens);
    // Memory never falls as the context grows.
    for (const side of [curves.device, curves.host])
      side.points.forEach(
        (p, i) => i > 0 && expect(p.bytes).toBeGreaterThanOrEqual(side.points[i - 1]!.bytes),
      );
  });

  it("servingCharts carries the two sides with a host (memory.local), at the chart's contexts", () => {
    const config = defaultConfig('gpt-oss-120b');
    config.deployment = {
      ...config.deployment,
      deviceId: 'rtx-4090',
      devices: 1,
      contextTokens: 8192,
      host: { ...DEFAULT_HOST_SETTINGS, nCpuMoe: 24 },
    };
    const r = resolveExplorer(config);
    const charts = servingCharts(r.resolved!, r.serving!);
    const local = charts.memory.local!;
    // The chart's axis (its first and last context, the chosen one) and each side's limit.
    const xs = local.device.points.map((p) => p.contextTokens);
    for (const t of [
      charts.memory.domain[0],
      charts.memory.domain[1],
      8192,
      local.device.fitLimitTokens,
    ])
      expect(xs).toContain(t);
    expect(local.device.points.find((p) => p.contextTokens === 8192)!.bytes).toBe(
      r.serving!.perDeviceBytes,
    );
    config.deployment = { ...config.deployment, devices: 8, host: null };
    const dc = resolveExplorer(config);
    expect(servingCharts(dc.resolved!, dc.serving!).memory.local).toBeUndefined();
  });
});
