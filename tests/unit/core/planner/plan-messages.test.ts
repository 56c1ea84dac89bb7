import { beforeAll, describe, expect, it } from 'vitest';
import { findDevice, findPreset, loadAll, presetSpec } from '../../../../src/lib/core/index.ts';
import {
  layoutLabel,
  missMessage,
  noFitMessage,
  shortfall,
} from '../../../../src/lib/core/planner/plan-messages.ts';
import type { PlanPoint } from '../../../../src/lib/core/planner/planned.ts';
import { resolveWorkload } from '../../../../src/lib/core/planner/workload.ts';

beforeAll(loadAll);

const point = (perUser: number, ttft: number): PlanPoint => ({
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
  batch: 16,
  outputTokensPerSecond: perUser * 16,
  tokensPerSecondPerUser: perUser,
  ttftSeconds: ttft,
  decodeStepSeconds: 1 / perUser,
  unitGpus: 8,
  prefill: null,
});

describe('layoutLabel', () => {
  it('names the device, layout, formats and batch', () => {
    expect(layoutLabel(point(1, 1).layout, 16)).toBe(
      '8 x NVIDIA H200 SXM 141GB (TP 8, EP 1, PP 1; weights fp8, KV bf16) at batch 16',
    );
  });
});

describe('missMessage', () => {
  const w = resolveWorkload({
    inputTokens: 1000,
    outputTokens: 500,
    targets: { tokensPerSecondPerUser: 100, ttftSeconds: 0.5 },
  });

  it('is 1 for a point that meets the targets, its worst ratio for one that misses', () => {
    expect(shortfall(point(100, 0.5), w)).toBe(1);
    expect(shortfall(point(50, 0.5), w)).toBe(2);
    expect(shortfall(point(100, 1.5), w)).toBe(3);
  });

  it('names the point that misses by least, with both figures against their targets', () => {
    const message = missMessage([point(40, 0.2), point(80, 0.6), point(90, 2)], w, () => 3);
    expect(message).toBe(
      'No deployment searched meets the targets. The nearest: 8 x NVIDIA H200 SXM 141GB (TP 8, EP 1, PP 1; weights fp8, KV bf16) at batch 16, with 80 tokens/s per user against the 100 asked and a first token in 0.6 s against 0.5 s.',
    );
  });
});

describe('noFitMessage', () => {
  it('says what fits on nothing and what came nearest', () => {
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const w = resolveWorkload({ inputTokens: 1000, outputTokens: 1000 });
    const l = { ...point(1, 1).layout, gpus: 4 };
    expect(noFitMessage(spec, w, [findDevice('h200')!], 4, { layout: l, ratio: 1.19 })).toBe(
      "DeepSeek-V3 with 2000 tokens of context fits on no layout of up to 4 of NVIDIA H200 SXM 141GB. The nearest, 4 x NVIDIA H200 SXM 141GB (TP 8, EP 1, PP 1; weights fp8, KV bf16): its weights alone need 119% of each device's memory. Allow more devices (max GPUs), a smaller weight format or a shorter context.",
    );
  });
});
