import { describe, expect, it } from 'vitest';
import {
  formatBinding,
  formatPlanLayout,
  formatPlanPools,
  planDeploymentPatch,
  type PlannedDeployment,
} from '../../../../src/lib/core/index.ts';

const p: PlannedDeployment = {
  device: 'h200',
  deviceName: 'H200',
  engine: 'vllm',
  mode: 'colocated',
  gpus: 8,
  tp: 8,
  ep: 8,
  pp: 1,
  weights: 'fp8',
  expertWeights: 'fp8',
  kvDtype: 'fp8',
  batch: 64,
  prefill: null,
  unitGpus: 8,
  tokensPerSecondPerGpu: 100,
  tokensPerSecondPerUser: 40,
  ttftSeconds: 0.5,
  costPerMillionOutputTokens: 10,
  usdPerDeviceHour: 3.59,
  meetsTargets: true,
  fleet: null,
  explorer: {
    contextTokens: 2048,
    decodeTokensPerSecond: 1,
    decodeTokensPerSecondPerUser: 1,
    costPerMillionOutputTokens: 1,
    fits: true,
  },
  serveArgs: [],
};

describe('formatBinding', () => {
  it.each([
    ['memory', /^memory: /],
    ['bandwidth', /^memory bandwidth: /],
    ['compute', /^compute: /],
    ['communication', /^communication: /],
    ['overhead', /fixed cost per step/],
  ] as const)('%s', (binds, words) => {
    expect(formatBinding(binds)).toMatch(words);
  });
});

describe('formatPlanLayout and formatPlanPools', () => {
  it('say the decode layout and the pools', () => {
    expect(formatPlanLayout(p)).toBe('8 × H200, TP 8 EP 8 PP 1');
    expect(formatPlanPools(p)).toBe('one pool prefills and decodes');
    const pre = { gpus: 4, tp: 4, ep: 4, pp: 1, replicas: 1, decodeReplicas: 2 };
    expect(formatPlanPools({ ...p, prefill: pre })).toBe(
      '1 prefill replica of 4 GPUs (TP 4 EP 4 PP 1) per 2 decode replicas',
    );
  });
});

describe('planDeploymentPatch', () => {
  it('sets the device, layout, formats, engine, batch and the plan context; the catalog price stays null', () => {
    expect(planDeploymentPatch(p, 4096, 3.59)).toEqual({
      deviceId: 'h200',
      devices: 8,
      tp: 8,
      ep: 8,
      pp: 1,
      weights: 'fp8',
      expertWeights: 'fp8',
      kvDtype: 'fp8',
      engine: 'vllm',
      batch: 64,
      contextTokens: 2048,
      usdPerHour: null,
      host: null,
      gguf: null,
      speculative: null,
      gpusPerNode: null,
    });
  });
  it('keeps a price the plan set, and the given context without explorer figures', () => {
    const { explorer: _, ...rest } = p;
    expect(planDeploymentPatch({ ...rest, usdPerDeviceHour: 2 }, 4096, 3.59)).toMatchObject({
      usdPerHour: 2,
      contextTokens: 4096,
    });
  });
});
