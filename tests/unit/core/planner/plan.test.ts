import { beforeAll, describe, expect, it } from 'vitest';
import frontiers from '../../../fixtures/plan-frontier.json';
import {
  countParams,
  findDevice,
  findPreset,
  loadAll,
  planDeployments,
  presetSpec,
  type ModelSpec,
  type ParamCount,
  type PlanWorkload,
} from '../../../../src/lib/core/index.ts';
import { searchDeployments } from '../../../../src/lib/core/planner/plan.ts';
import { fleetOf, meetsTargets, type PlanPoint } from '../../../../src/lib/core/planner/planned.ts';
import { resolveCandidate, scoreLayout } from '../../../../src/lib/core/planner/score.ts';
import { resolveWorkload } from '../../../../src/lib/core/planner/workload.ts';

let deepseek: ModelSpec;
let maverick: ModelSpec;
let count: ParamCount;
beforeAll(async () => {
  await loadAll();
  deepseek = presetSpec(findPreset('deepseek-v3')!);
  maverick = presetSpec(findPreset('llama4-maverick')!);
  count = countParams(maverick);
});

const perGpu = (p: PlanPoint) => p.outputTokensPerSecond / p.unitGpus;

describe('planDeployments', () => {
  // The issue's question: Maverick to many users at 30 tokens/s each, 2k prompts, 500-token answers
  const workload: PlanWorkload = {
    inputTokens: 2000,
    outputTokens: 500,
    users: 200,
    targets: { tokensPerSecondPerUser: 30, ttftSeconds: 2 },
  };
  const options = { devices: [findDevice('h100-sxm')!, findDevice('h200')!], maxGpus: 16 };

  it('returns a frontier of points no searched deployment beats on both tokens/s per GPU and per user', () => {
    const plan = planDeployments(maverick, workload, options, count);
    const { points, searched } = searchDeployments(maverick, plan.workload, options, count);
    expect(plan.searched).toBe(searched);
    expect(plan.frontier.length).toBeGreaterThan(3);
    for (const f of plan.frontier) {
      const beaten = points.some(
        (p) =>
          perGpu(p) >= f.tokensPerSecondPerGpu &&
          p.tokensPerSecondPerUser >= f.tokensPerSecondPerUser &&
          (perGpu(p) > f.tokensPerSecondPerGpu ||
            p.tokensPerSecondPerUser > f.tokensPerSecondPerUser),
      );
      expect(beaten).toBe(false);
    }
    // by per-user rate ascending, so per-GPU falls along it
    const users = plan.frontier.map((f) => f.tokensPerSecondPerUser);
    expect([...users].sort((a, b) => a - b)).toEqual(users);
  });

  it('returns the cheapest deployment that meets every target, and no cheaper one meets them', () => {
    const plan = planDeployments(maverick, workload, options, count);
    const c = plan.cheapest!;
    expect(plan.message).toBeNull();
    expect(c.meetsTargets).toBe(true);
    expect(c.tokensPerSecondPerUser).toBeGreaterThanOrEqual(30);
    expect(c.ttftSeconds).toBeLessThanOrEqual(2);
    // 200 users in replicas of `batch` sequences
    expect(c.fleet!.units).toBe(Math.ceil(200 / (c.batch * (c.prefill?.decodeReplicas ?? 1))));
    const { points } = searchDeployments(maverick, plan.workload, options, count);
    const fleetUsd = (p: PlanPoint) =>
      Math.ceil(200 / (p.batch * (p.prefill?.decodeReplicas ?? 1)) - 1e-9) *
      p.unitGpus *
      p.layout.device.usdPerHour;
    for (const p of points)
      if (meetsTargets(p, plan.workload))
        expect(fleetUsd(p)).toBeGreaterThanOrEqual(c.fleet!.usdPerHour - 1e-9);
    expect(['memory', 'bandwidth', 'compute', 'communication', 'overhead']).toContain(c.binds);
  });

  it('prices its cost frontiers as it chooses: by the fleet’s $ per hour, none beaten on it', () => {
    // The page's default plan: Llama 4 Scout to 64 users at 30 tokens/s each, first token in 2 s
    const scout = presetSpec(findPreset('llama4-scout')!);
    const w64: PlanWorkload = {
      inputTokens: 1024,
      outputTokens: 1024,
      users: 64,
      targets: { tokensPerSecondPerUser: 30, ttftSeconds: 2 },
    };
    const plan = planDeployments(scout, w64);
    const { points } = searchDeployments(scout, plan.workload, {});
    const usd = (p: PlanPoint) => fleetOf(p, plan.workload, p.layout.device.usdPerHour)!.usdPerHour;
    for (const f of plan.costFrontiers)
      for (const shown of f.points) {
        const beaten = points.some(
          (q) =>
            q.layout.device.id === f.device &&
            q.tokensPerSecondPerUser >= shown.tokensPerSecondPerUser &&
            usd(q) <= shown.fleet!.usdPerHour &&
            (q.tokensPerSecondPerUser > shown.tokensPerSecondPerUser ||
              usd(q) < shown.fleet!.usdPerHour),
        );
        expect(beaten, `${shown.device} ${shown.serveArgs.join(' ')}`).toBe(false);
      }
    const meeting = plan.costFrontiers
      .flatMap((f) => f.points)
      .filter((p) => p.meetsTargets)
      .map((p) => p.fleet!.usdPerHour);
    expect(Math.min(...meeting)).toBe(plan.cheapest!.fleet!.usdPerHour);
  });

  it('names the nearest miss when no deployment meets the targets', () => {
    const plan = planDeployments(
      maverick,
      { ...workload, targets: { tokensPerSecondPerUser: 5000 } },
      options,
      count,
    );
    expect(plan.cheapest).toBeNull();
    expect(plan.message).toMatch(
      /^No deployment searched meets the targets\. The nearest: \d+ x NVIDIA H[12]00 .* at batch \d+.*, with [\d.]+ tokens\/s per user against the 5000 asked\.$/,
    );
    expect(plan.frontier.length).toBeGreaterThan(0);
  });

  it('says which layout came nearest when the model fits on none', () => {
    const plan = planDeployments(
      deepseek,
      { inputTokens: 1000, outputTokens: 1000 },
      { devices: [findDevice('h100-sxm')!], maxGpus: 4 },
    );
    expect(plan.frontier).toEqual([]);
    expect(plan.cheapest).toBeNull();
    expect(plan.message).toMatch(
      /^DeepSeek-V3 with 2000 tokens of context fits on no layout of up to 4 of NVIDIA H100 .*The nearest, 4 x NVIDIA H100 .*: its weights alone need \d+% of each device's memory\./,
    );
  });

  it.each([
    [{ inputTokens: 0, outputTokens: 10 }, {}, /input: expected a whole number of tokens/],
    [{ inputTokens: 10, outputTokens: 10 }, { maxGpus: 0 }, /max gpus/],
    [
      { inputTokens: 10, outputTokens: 10 },
      { devices: [] },
      /devices: expected at least one device/,
    ],
    [{ inputTokens: 10, outputTokens: 10 }, { usdPerDeviceHour: { b200: -1 } }, /price of b200/],
  ])('refuses %j %j with a message naming the field', (w, o, message) => {
    expect(() =>
      planDeployments(maverick, w, { devices: [findDevice('b200')!], ...o }, count),
    ).toThrow(message);
  });
});

describe('the published frontier (tests/fixtures/plan-frontier.json)', () => {
  for (const f of frontiers.frontiers) {
    it(`${f.id}: the planner's points are within x${f.band} on both axes at every published concurrency`, () => {
      const spec = presetSpec(findPreset(f.model)!);
      const device = findDevice(f.device)!;
      const users = Math.max(...f.points.map((p) => p.concurrency));
      const w = resolveWorkload({
        inputTokens: f.inputTokens,
        outputTokens: f.outputTokens,
        users,
      });
      const layout = {
        device,
        gpus: f.gpus,
        tp: f.tp,
        ep: f.ep,
        pp: 1,
        weights: f.weights as 'fp8',
        expertWeights: null,
        kvDtype: f.kvDtype as 'bf16',
      };
      const r = resolveCandidate(
        spec,
        countParams(spec),
        layout,
        w.fitContextTokens,
        f.engine as 'sglang',
        1,
      )!;
      const scored = scoreLayout(r, layout, w);
      expect(f.points.length).toBeGreaterThanOrEqual(3);
      for (const pub of f.points) {
        const p = scored.points.find((s) => s.batch === pub.concurrency)!;
        const gpu = p.outputTokensPerSecond / f.gpus / pub.outputTokensPerSecondPerGpu;
        const user = p.tokensPerSecondPerUser / (1000 / pub.meanTpotMs);
        expect(gpu, `per GPU at ${pub.concurrency}`).toBeGreaterThan(1 / f.band);
        expect(gpu, `per GPU at ${pub.concurrency}`).toBeLessThan(f.band);
        expect(user, `per user at ${pub.concurrency}`).toBeGreaterThan(1 / f.band);
        expect(user, `per user at ${pub.concurrency}`).toBeLessThan(f.band);
      }
      // The shape: per GPU rises and per user falls with the concurrency, as published
      const ours = f.points.map((pub) => scored.points.find((s) => s.batch === pub.concurrency)!);
      for (let i = 1; i < ours.length; i++) {
        expect(ours[i]!.outputTokensPerSecond).toBeGreaterThan(ours[i - 1]!.outputTokensPerSecond);
        expect(ours[i]!.tokensPerSecondPerUser).toBeLessThan(ours[i - 1]!.tokensPerSecondPerUser);
      }
      // and the planner's frontier over the same devices is at least as good at each of them
      const plan = planDeployments(
        spec,
        { inputTokens: f.inputTokens, outputTokens: f.outputTokens, users },
        {
          devices: [device],
          maxGpus: f.gpus,
          engine: f.engine as 'sglang',
          formats: { weights: ['fp8'], kvDtypes: ['bf16'] },
        },
      );
      for (const p of ours) {
        const better = plan.frontier.some(
          (d) =>
            d.tokensPerSecondPerGpu >= p.outputTokensPerSecond / f.gpus - 1e-9 &&
            d.tokensPerSecondPerUser >= p.tokensPerSecondPerUser - 1e-9,
        );
        expect(better).toBe(true);
      }
    });
  }
});
