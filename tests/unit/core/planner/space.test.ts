import { beforeAll, describe, expect, it } from 'vitest';
import {
  countParams,
  findDevice,
  findPreset,
  loadAll,
  presetSpec,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import {
  deviceCounts,
  formatsOf,
  layoutsOf,
  weightsFloorBytes,
} from '../../../../src/lib/core/planner/space.ts';

let deepseek: ModelSpec;
let scout: ModelSpec;
beforeAll(async () => {
  await loadAll();
  deepseek = presetSpec(findPreset('deepseek-v3')!);
  scout = presetSpec(findPreset('llama4-scout')!);
});

describe('deviceCounts', () => {
  it('lists the powers of two up to the limit', () => {
    expect(deviceCounts(16)).toEqual([1, 2, 4, 8, 16]);
    expect(deviceCounts(12)).toEqual([1, 2, 4, 8]);
    expect(deviceCounts(1)).toEqual([1]);
  });

  it.each([0, 1.5, 5000])('refuses %s devices', (n) => {
    expect(() => deviceCounts(n)).toThrow(/max gpus: expected a whole number from 1 to 4096/);
  });
});

describe('layoutsOf', () => {
  it('lays DeepSeek-V3 on one H200 node out as TP, and attention DP with the experts EP', () => {
    const h200 = findDevice('h200')!;
    expect(layoutsOf(deepseek, h200, 8)).toEqual([
      { tp: 1, ep: 8, pp: 1 },
      { tp: 2, ep: 8, pp: 1 },
      { tp: 4, ep: 8, pp: 1 },
      { tp: 8, ep: 1, pp: 1 },
      { tp: 8, ep: 8, pp: 1 },
    ]);
  });

  it('lays a model out as llama.cpp does under it: the layers split, one stage a GPU', () => {
    const rtx = findDevice('rtx-3090')!;
    expect(layoutsOf(scout, rtx, 4, 'llamacpp')).toEqual([{ tp: 1, ep: 1, pp: 4 }]);
    expect(layoutsOf(scout, rtx, 1, 'llamacpp')).toEqual([{ tp: 1, ep: 1, pp: 1 }]);
    // More GPUs than Scout's 48 layers: no layout.
    expect(layoutsOf(scout, rtx, 64, 'llamacpp')).toEqual([]);
  });

  it('adds one pipeline stage per node past one node', () => {
    const h100 = findDevice('h100-sxm')!;
    const layouts = layoutsOf(deepseek, h100, 16);
    expect(layouts.filter((l) => l.pp === 2).length).toBeGreaterThan(0);
    expect(layouts.every((l) => l.pp === 1 || l.pp === 2)).toBe(true);
    expect(layouts).toContainEqual({ tp: 16, ep: 1, pp: 1 });
    expect(layouts).toContainEqual({ tp: 8, ep: 8, pp: 2 });
  });

  it("keeps TP to divisors of Scout's 40 heads", () => {
    const h100 = findDevice('h100-sxm')!;
    expect(layoutsOf(scout, h100, 16).every((l) => 40 % l.tp === 0)).toBe(true);
  });
});

describe('formatsOf', () => {
  it('searches a BF16 checkpoint as it is and in FP8 on an FP8 device, with BF16 and FP8 KV', () => {
    const got = formatsOf(scout, findDevice('h100-sxm')!, {});
    expect(got).toEqual([
      { weights: null, expertWeights: null, kvDtype: 'bf16' },
      { weights: null, expertWeights: null, kvDtype: 'fp8' },
      { weights: 'fp8', expertWeights: null, kvDtype: 'bf16' },
      { weights: 'fp8', expertWeights: null, kvDtype: 'fp8' },
    ]);
  });

  it('has no FP8 weights on an A100 (no FP8 tensor cores)', () => {
    const got = formatsOf(scout, findDevice('a100-80gb')!, { kvDtypes: ['bf16'] });
    expect(got).toEqual([{ weights: null, expertWeights: null, kvDtype: 'bf16' }]);
  });

  it('takes the lists it is given', () => {
    const got = formatsOf(deepseek, findDevice('b200')!, {
      weights: ['fp8'],
      expertWeights: ['fp8', 'nvfp4'],
      kvDtypes: ['fp8'],
    });
    expect(got).toEqual([
      { weights: 'fp8', expertWeights: null, kvDtype: 'fp8' },
      { weights: 'fp8', expertWeights: 'nvfp4', kvDtype: 'fp8' },
    ]);
  });

  it.each([
    [{ kvDtypes: ['int3'] }, /kv dtype: expected one of/],
    [{ weights: ['fp3'] }, /weights: expected one of/],
  ])('refuses %j', (formats, message) => {
    // @ts-expect-error: a bad format, as a script might pass one
    expect(() => formatsOf(scout, findDevice('h100-sxm')!, formats)).toThrow(message);
  });
});

describe('weightsFloorBytes', () => {
  it("is DeepSeek-V3's 671B parameters at about one byte each in FP8", () => {
    const floor = weightsFloorBytes(countParams(deepseek), deepseek, {
      weights: 'fp8',
      expertWeights: null,
    });
    // 671.0B parameters x (8 + 32/16384) bits / 8 (FP8 with 128x128 block scales, weight-formats.ts)
    expect(floor / 1e9).toBeGreaterThan(671);
    expect(floor / 1e9).toBeLessThan(672.5);
  });
});
