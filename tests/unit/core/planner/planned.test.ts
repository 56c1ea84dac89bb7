import { beforeAll, describe, expect, it } from 'vitest';
import { findDevice, findPreset, loadAll, presetSpec } from '../../../../src/lib/core/index.ts';
import {
  fleetOf,
  meetsTargets,
  planned,
  serveArgs,
  type PlanPoint,
} from '../../../../src/lib/core/planner/planned.ts';
import { resolveWorkload } from '../../../../src/lib/core/planner/workload.ts';

beforeAll(loadAll);

const point = (): PlanPoint => ({
  layout: {
    device: findDevice('h200')!,
    gpus: 8,
    tp: 8,
    ep: 1,
    pp: 1,
    weights: 'fp8',
    expertWeights: null,
    kvDtype: 'bf16',
  },
  batch: 32,
  outputTokensPerSecond: 1200,
  tokensPerSecondPerUser: 37.5,
  ttftSeconds: 0.5,
  decodeStepSeconds: 0.025,
  unitGpus: 8,
  prefill: null,
});

describe('meetsTargets', () => {
  it('checks tokens/s per user and time to first token', () => {
    const w = (targets: object) =>
      resolveWorkload({ inputTokens: 1000, outputTokens: 500, targets });
    expect(meetsTargets(point(), w({ tokensPerSecondPerUser: 37.5, ttftSeconds: 0.5 }))).toBe(true);
    expect(meetsTargets(point(), w({ tokensPerSecondPerUser: 38 }))).toBe(false);
    expect(meetsTargets(point(), w({ ttftSeconds: 0.4 }))).toBe(false);
    expect(meetsTargets(point(), w({}))).toBe(true);
  });
});

describe('fleetOf', () => {
  it('gives 100 users ceil(100 / 32) = 4 replicas of 8 GPUs', () => {
    const w = resolveWorkload({ inputTokens: 1000, outputTokens: 500, users: 100 });
    const fleet = fleetOf(point(), w, 3)!;
    expect(fleet).toMatchObject({ units: 4, gpus: 32, usdPerHour: 96 });
    // each request: 0.5 s + 500 / 37.5 s = 13.83 s; 100 in flight emit 100 / 13.83 x 500 tokens/s
    const tokensPerSecond = (100 / (0.5 + 500 / 37.5)) * 500;
    expect(fleet.costPerMillionOutputTokens).toBeCloseTo((96 / 3600 / tokensPerSecond) * 1e6, 9);
  });

  it("sizes a rate by Little's law", () => {
    // 10 requests/s x 13.83 s = 138.3 in flight: 5 replicas of 32
    const w = resolveWorkload({ inputTokens: 1000, outputTokens: 500, rate: 10 });
    expect(fleetOf(point(), w, 3)).toMatchObject({ units: 5, gpus: 40 });
  });

  it('is null without a rate or users', () => {
    expect(fleetOf(point(), resolveWorkload({ inputTokens: 1, outputTokens: 1 }), 3)).toBeNull();
  });
});

describe('serveArgs and planned', () => {
  it('gives the serve flags of the deployment with the workload', () => {
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    expect(serveArgs(point(), w, 'sglang', 3.5).join(' ')).toBe(
      '--engine sglang --gpu h200 --gpus 8 --tp 8 --ep 1 --pp 1 --weights fp8 --kv-dtype bf16 --context 2048 --batch 32 --gpu-hour-usd 3.5 --input 1024 --output 1024',
    );
  });

  it('gives a disaggregated decode replica plain decode at the mean context', () => {
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const p = {
      ...point(),
      prefill: { layout: point().layout, replicas: 1, decodeReplicas: 2 },
      unitGpus: 24,
    };
    expect(serveArgs(p, w, 'vllm', 3.5).join(' ')).toMatch(
      /--context 1536 --batch 32 --gpu-hour-usd 3.5$/,
    );
  });

  it('reports rates per GPU of the unit and the price of the unit fully loaded', () => {
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const d = planned(spec, point(), w, 'vllm', 3.6);
    expect(d).toMatchObject({
      device: 'h200',
      mode: 'colocated',
      weights: 'fp8',
      expertWeights: 'fp8',
      batch: 32,
    });
    expect(d.tokensPerSecondPerGpu).toBe(150);
    // 8 GPUs x $3.60 / (1,200 tokens/s x 3,600 s) x 1e6 = $6.67
    expect(d.costPerMillionOutputTokens).toBeCloseTo(6.6667, 3);
  });
});
