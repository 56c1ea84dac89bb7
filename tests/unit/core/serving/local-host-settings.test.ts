import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_SETTINGS,
  estimateWithHost,
  findDevice,
  localOptionsOf,
  parseHFConfig,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { moreModelConfig } from '../../helpers/fixtures.ts';

describe('localOptionsOf', () => {
  it("reads the host settings into the local model's options", () => {
    const options = localOptionsOf({ ...DEFAULT_HOST_SETTINGS, pcie: 'gen5x16', nCpuMoe: 24 });
    expect(options.host?.linkBytesPerSecond).toBe(63e9);
    expect(options.placement).toMatchObject({ cpuMoe: false, nCpuMoe: 24, overrides: [] });
    expect(options.unified).toBeUndefined();
  });

  it('refuses a link that is not one, naming it', () => {
    expect(() => localOptionsOf({ ...DEFAULT_HOST_SETTINGS, pcie: 'gen9x16' })).toThrow(
      'PCIe link: expected a link such as gen4x16, got "gen9x16"',
    );
  });
});

describe('estimateWithHost: a unified pool’s GPU share', () => {
  const oss = parseHFConfig(moreModelConfig('gpt-oss-120b'));
  const options = (id: string): ServingOptions => ({
    device: findDevice(id)!,
    devices: 1,
    contextTokens: 8192,
    batch: 1,
  });
  const mac = findDevice('m4-max-128gb')!;

  it("null keeps the device's default (3/4 of 128 GiB on an M4 Max); a share sets the GPU's budget", () => {
    const def = estimateWithHost(oss, options('m4-max-128gb'), DEFAULT_HOST_SETTINGS);
    expect(def.deviceBudgetBytes).toBe(Math.floor(mac.memoryBytes * 0.75));
    const raised = estimateWithHost(oss, options('m4-max-128gb'), {
      ...DEFAULT_HOST_SETTINGS,
      gpuShare: 0.9,
    });
    expect(raised.deviceBudgetBytes).toBe(Math.floor(mac.memoryBytes * 0.9));
    expect(raised.assumptions.local.gpuShare).toBeCloseTo(0.9, 9);
    expect(raised.hostMemoryBytes).toBe(mac.memoryBytes);
  });

  it('a share too small for gpt-oss-120b (40% of 128 GiB) does not fit the GPU; 75% does', () => {
    const low = estimateWithHost(oss, options('m4-max-128gb'), {
      ...DEFAULT_HOST_SETTINGS,
      gpuShare: 0.4,
    });
    expect(low.fitsDevice).toBe(false);
    expect(estimateWithHost(oss, options('m4-max-128gb'), DEFAULT_HOST_SETTINGS).fitsDevice).toBe(
      true,
    );
  });

  it('is unused on a GPU with its own memory', () => {
    const set = estimateWithHost(oss, options('rtx-4090'), {
      ...DEFAULT_HOST_SETTINGS,
      gpuShare: 0.5,
    });
    const unset = estimateWithHost(oss, options('rtx-4090'), DEFAULT_HOST_SETTINGS);
    expect(set.deviceBudgetBytes).toBe(unset.deviceBudgetBytes);
    expect(set.unified).toBe(false);
  });

  it('a share out of range is refused, naming the field and the range', () => {
    expect(() =>
      estimateWithHost(oss, options('m4-max-128gb'), { ...DEFAULT_HOST_SETTINGS, gpuShare: 1.2 }),
    ).toThrow('gpu share: expected a number from 0.05 to 1, got 1.2');
  });
});
