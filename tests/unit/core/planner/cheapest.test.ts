import { beforeAll, describe, expect, it } from 'vitest';
import {
  countParams,
  estimateServing,
  findDevice,
  findPreset,
  loadAll,
  maxBatch,
  parseHFConfig,
  presetSpec,
} from '../../../../src/lib/core/index.ts';
import { readJson } from '../../helpers/fixtures.ts';
import {
  binding,
  cheapestPoint,
  costFrontiers,
  explorerFigures,
  unitCost,
} from '../../../../src/lib/core/planner/cheapest.ts';
import { planned, type PlanPoint } from '../../../../src/lib/core/planner/planned.ts';
import { resolveCandidate } from '../../../../src/lib/core/planner/score.ts';
import { resolveWorkload } from '../../../../src/lib/core/planner/workload.ts';

beforeAll(loadAll);

const at = (
  device: string,
  gpus: number,
  batch: number,
  output: number,
  perUser: number,
): PlanPoint => ({
  layout: {
    device: findDevice(device)!,
    gpus,
    tp: gpus,
    ep: 1,
    pp: 1,
    weights: null,
    expertWeights: null,
    kvDtype: 'bf16',
  },
  batch,
  outputTokensPerSecond: output,
  tokensPerSecondPerUser: perUser,
  ttftSeconds: 0.2,
  decodeStepSeconds: 1 / perUser,
  unitGpus: gpus,
  prefill: null,
});

describe('cheapestPoint', () => {
  const usd = () => 2;
  const points = [
    at('h100-sxm', 8, 64, 3000, 40),
    at('h100-sxm', 8, 16, 1000, 60),
    at('h100-sxm', 4, 64, 1000, 15),
  ];

  it('takes the lowest $ per million of those that meet the targets', () => {
    const w = resolveWorkload({
      inputTokens: 100,
      outputTokens: 100,
      targets: { tokensPerSecondPerUser: 30 },
    });
    expect(cheapestPoint(points, w, usd)).toBe(points[0]);
    const faster = resolveWorkload({
      inputTokens: 100,
      outputTokens: 100,
      targets: { tokensPerSecondPerUser: 50 },
    });
    expect(cheapestPoint(points, faster, usd)).toBe(points[1]);
  });

  it('with users, takes the cheapest fleet', () => {
    // 16 users fit one replica of each: the 4-GPU one costs least
    const w = resolveWorkload({ inputTokens: 100, outputTokens: 100, users: 16 });
    expect(cheapestPoint(points, w, usd)).toBe(points[2]);
    // 8 GPUs at batch 64 or at batch 16 both hold 16 users in one replica: the faster per user wins
    expect(cheapestPoint(points.slice(0, 2), w, usd)).toBe(points[1]);
  });

  it('is null when none meets the targets', () => {
    const w = resolveWorkload({
      inputTokens: 100,
      outputTokens: 100,
      targets: { tokensPerSecondPerUser: 100 },
    });
    expect(cheapestPoint(points, w, usd)).toBeNull();
  });

  it('prices a unit as serving does: GPUs x $/h / (tokens/s x 3600) x 1e6', () => {
    expect(unitCost(points[0]!, 2)).toBeCloseTo(((8 * 2) / (3000 * 3600)) * 1e6, 12);
  });
});

describe('binding', () => {
  const spec = () => presetSpec(findPreset('deepseek-v3')!);
  const fp8 = (batch: number) => {
    const p = at('h200', 8, batch, 1, 1);
    return { ...p, layout: { ...p.layout, weights: 'fp8' as const } };
  };

  it('says kernel overhead binds DeepSeek-V3 at batch 1: 61 layers of launches outlast 37B active weights', () => {
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    expect(binding(spec(), countParams(spec()), fp8(1), w, 'vllm', 3)).toBe('overhead');
  });

  it('says memory binds a batch at the most the memory holds', () => {
    const w = resolveWorkload({ inputTokens: 200_000, outputTokens: 1000 });
    const r = resolveCandidate(
      spec(),
      countParams(spec()),
      fp8(1).layout,
      w.fitContextTokens,
      'vllm',
      3,
    )!;
    const held = maxBatch(r.deployment, w.fitContextTokens);
    expect(held).toBeGreaterThan(1);
    expect(binding(spec(), countParams(spec()), fp8(held), w, 'vllm', 3)).toBe('memory');
    expect(binding(spec(), countParams(spec()), fp8(held - 1), w, 'vllm', 3)).not.toBe('memory');
  });

  it('says memory binds a hybrid model under SGLang at a third of its state slots (state-pool.ts)', () => {
    const qwen36 = parseHFConfig(
      readJson('new-families/qwen3.6-35b-a3b.config.json') as Record<string, unknown>,
    );
    const count = countParams(qwen36);
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const one = (batch: number) => {
      const p = at('h200', 1, batch, 1, 1);
      return { ...p, layout: { ...p.layout, weights: 'fp8' as const } };
    };
    const r = resolveCandidate(qwen36, count, one(1).layout, w.fitContextTokens, 'sglang', 3)!;
    const cap = r.running.cap!;
    expect(cap).toBeLessThan(maxBatch(r.deployment, w.fitContextTokens));
    expect(binding(qwen36, count, one(cap), w, 'sglang', 3)).toBe('memory');
  });
});

describe('explorerFigures', () => {
  it("is the serving estimate of the deployment at the workload's longest context", () => {
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const count = countParams(spec);
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const p = at('h200', 8, 32, 1, 1);
    const fp8 = { ...p, layout: { ...p.layout, weights: 'fp8' as const } };
    const got = explorerFigures(spec, count, fp8, w, 'sglang', 3.5);
    const e = estimateServing(spec, {
      device: findDevice('h200')!,
      devices: 8,
      tp: 8,
      ep: 1,
      pp: 1,
      weights: 'fp8',
      kvDtype: 'bf16',
      contextTokens: 2048,
      batch: 32,
      usdPerDeviceHour: 3.5,
      memory: { engine: 'sglang' },
    });
    expect(got).toEqual({
      contextTokens: 2048,
      decodeTokensPerSecond: e.decode.tokensPerSecond,
      decodeTokensPerSecondPerUser: e.decode.tokensPerSecondPerUser,
      costPerMillionOutputTokens: e.costPerMillionOutputTokens,
      fits: true,
    });
  });
});

describe('costFrontiers', () => {
  it('keeps per device the points no other beats on price and per-user rate, cheapest device first', () => {
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const w = resolveWorkload({ inputTokens: 100, outputTokens: 100 });
    const points = [
      at('h100-sxm', 8, 64, 3000, 40),
      at('h100-sxm', 8, 64, 2000, 30), // dearer and slower: dropped
      at('b200', 8, 64, 9000, 50),
    ];
    const show = (p: PlanPoint) => planned(spec, p, w, 'vllm', p.layout.device.usdPerHour);
    const fronts = costFrontiers(points, w, (p) => p.layout.device.usdPerHour, show);
    expect(fronts.map((f) => [f.device, f.points.length])).toEqual([
      ['b200', 1],
      ['h100-sxm', 1],
    ]);
  });

  it('with users, prices a point by its fleet’s $ per hour, as the cheapest is chosen', () => {
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const points = [
      at('h100-sxm', 8, 64, 3000, 40), // 1 unit for 64 users: $16/h; $1.48 per million
      at('h100-sxm', 8, 32, 2000, 60), // 2 units: $32/h, the fastest
      at('h100-sxm', 4, 64, 1000, 15), // 1 unit: $8/h, but $2.22 per million
    ];
    const usd = () => 2;
    const perHour = (w: ReturnType<typeof resolveWorkload>) =>
      costFrontiers(points, w, usd, (p) => planned(spec, p, w, 'vllm', 2))[0]!.points.map(
        (p) => p.fleet?.usdPerHour ?? p.costPerMillionOutputTokens,
      );
    // Per million tokens the 4-GPU unit is dearer and slower than the first: dropped.
    expect(perHour(resolveWorkload({ inputTokens: 100, outputTokens: 100 }))).toEqual([
      expect.closeTo((16 / 3600 / 3000) * 1e6, 9),
      expect.closeTo((16 / 3600 / 2000) * 1e6, 9),
    ]);
    // For 64 users it is the cheapest fleet, and the one cheapestPoint takes without targets.
    const w = resolveWorkload({ inputTokens: 100, outputTokens: 100, users: 64 });
    expect(perHour(w)).toEqual([8, 16, 32]);
    expect(cheapestPoint(points, w, usd)).toBe(points[2]);
  });
});
