import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_SETTINGS,
  comparedConfig,
  DEFAULT_COMPARE,
  defaultComparison,
  defaultConfig,
  findDevice,
  MAX_PINS,
  resolveExplorer,
} from '../../../../src/lib/core/index.ts';

describe('the default comparison', () => {
  it('defaultComparison pins Scout, Maverick in FP8 and DeepSeek-V3 on H200, at most MAX_PINS', () => {
    const { pins, settings } = defaultComparison();
    expect(pins.map((p) => p.source)).toEqual([
      { kind: 'preset', id: 'llama4-scout' },
      { kind: 'preset', id: 'llama4-maverick' },
      { kind: 'preset', id: 'deepseek-v3' },
    ]);
    expect(pins[1]!.deployment.weights).toBe('fp8');
    expect(pins[2]!.deployment.deviceId).toBe('h200');
    expect(pins.length).toBeLessThanOrEqual(MAX_PINS);
    expect(settings).toEqual(DEFAULT_COMPARE);
  });

  it('defaultComparison returns a new copy each time (a caller may change it)', () => {
    const a = defaultComparison();
    a.pins[0]!.deployment.batch = 64;
    a.settings.same = false;
    expect(defaultComparison().pins[0]!.deployment.batch).toBe(1);
    expect(DEFAULT_COMPARE.same).toBe(true);
  });

  it('DEFAULT_COMPARE is one GPU type, count and precision of the catalog, shared', () => {
    expect(DEFAULT_COMPARE).toEqual({ same: true, deviceId: 'h200', devices: 8, weights: 'fp8' });
    expect(findDevice(DEFAULT_COMPARE.deviceId)).toBeDefined();
  });
});

describe('comparedConfig', () => {
  const pin = defaultConfig('deepseek-v3');
  pin.deployment = { ...pin.deployment, devices: 16, tp: 1, ep: 16, usdPerHour: 9, batch: 32 };

  it('comparedConfig with "same" off is the pin itself', () => {
    expect(comparedConfig(pin, { ...DEFAULT_COMPARE, same: false })).toBe(pin);
  });

  it("comparedConfig with 'same' on: the shared GPUs and precision, the automatic layout, the catalog price, the pin's batch", () => {
    const before = structuredClone(pin);
    const shown = comparedConfig(pin, DEFAULT_COMPARE);
    expect(shown.deployment).toMatchObject({
      deviceId: 'h200',
      devices: 8,
      weights: 'fp8',
      expertWeights: null,
      tp: null,
      ep: 1,
      pp: 1,
      usdPerHour: null,
      batch: 32,
    });
    expect(shown.source).toEqual(pin.source);
    expect(pin).toEqual(before);
    expect(resolveExplorer(shown).servingError).toBeNull();
  });

  it("'same' on with a pin that has system RAM: one of the shared GPUs with the pin's host", () => {
    const local = defaultConfig('gpt-oss-120b');
    const host = { ...DEFAULT_HOST_SETTINGS, nCpuMoe: 24 };
    local.deployment = { ...local.deployment, deviceId: 'rtx-4090', devices: 1, host };
    const settings = { ...DEFAULT_COMPARE, deviceId: 'rtx-5090', weights: 'mxfp4' as const };
    const shown = comparedConfig(local, settings);
    expect(shown.deployment).toMatchObject({ deviceId: 'rtx-5090', devices: 1, host });
    const r = resolveExplorer(shown);
    expect(r.servingError).toBeNull();
    expect(r.serving && 'hostBytes' in r.serving).toBe(true);
    // A data-centre pin keeps the shared count.
    expect(comparedConfig(pin, settings).deployment.devices).toBe(DEFAULT_COMPARE.devices);
  });
});
