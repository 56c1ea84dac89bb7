import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_PLAN,
  DEFAULT_PLAN_DEVICES,
  PLAN_DEVICE_CHOICES,
  PLAN_RANGES,
  planOptions,
  planPrice,
  planWorkload,
} from '../../../../src/lib/core/index.ts';

describe('planWorkload', () => {
  it.each([
    [
      'the default: 64 users, 30 tokens/s, 2 s',
      DEFAULT_PLAN,
      {
        inputTokens: 1024,
        outputTokens: 1024,
        users: 64,
        targets: { tokensPerSecondPerUser: 30, ttftSeconds: 2 },
      },
    ],
    [
      'a rate and no targets (0 is none)',
      {
        ...DEFAULT_PLAN,
        traffic: 'rate' as const,
        rate: 2,
        tokensPerSecondPerUser: 0,
        ttftSeconds: 0,
      },
      { inputTokens: 1024, outputTokens: 1024, rate: 2, targets: {} },
    ],
  ])('%s', (_, settings, workload) => {
    expect(planWorkload(settings)).toEqual(workload);
  });
});

describe('planOptions', () => {
  it('the default searches the InferenceMAX devices, up to 16 GPUs, vLLM, with separate pools', () => {
    const o = planOptions(DEFAULT_PLAN);
    expect(o.devices?.map((d) => d.id)).toEqual([...DEFAULT_PLAN_DEVICES]);
    expect(o).toMatchObject({
      maxGpus: 16,
      engine: 'vllm',
      disaggregated: true,
      usdPerDeviceHour: {},
    });
  });
  it.each([
    [[], 'devices: expected at least one device, got "[]"'],
    [['h200', 'rtx-4090'], 'devices: expected a data-centre device of the catalog, got "rtx-4090"'],
  ])(
    'devices %j: a ConfigError naming the field, the value and what is expected',
    (devices, message) => {
      const call = () => planOptions({ ...DEFAULT_PLAN, devices });
      expect(call).toThrow(ConfigError);
      expect(call).toThrow(message);
    },
  );
});

describe('planPrice', () => {
  const h200 = PLAN_DEVICE_CHOICES.find((d) => d.id === 'h200')!;
  it('is the catalog price unless the settings set one', () => {
    expect(planPrice(DEFAULT_PLAN, h200)).toBe(h200.usdPerHour);
    expect(planPrice({ ...DEFAULT_PLAN, prices: { h200: 2.5 } }, h200)).toBe(2.5);
  });
});

describe('PLAN_RANGES', () => {
  it('holds every default value', () => {
    for (const [field, range] of Object.entries(PLAN_RANGES)) {
      const v = DEFAULT_PLAN[field as keyof typeof PLAN_RANGES];
      expect(v).toBeGreaterThanOrEqual(range.min);
      expect(v).toBeLessThanOrEqual(range.max);
    }
  });
});
