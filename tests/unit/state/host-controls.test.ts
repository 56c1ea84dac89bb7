import { describe, expect, it } from 'vitest';
import { defaultConfig, DEFAULT_HOST_SETTINGS } from '../../../src/lib/core/index.ts';
import { ControlsState } from '../../../src/lib/state/controls.svelte.ts';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { HostControlsState, localEstimateOf } from '../../../src/lib/state/host-controls.svelte.ts';

/** gpt-oss-120b on 8 of a device, at 128k context, and its system-RAM controls. */
function controlsOn(deviceId: string): HostControlsState {
  const config = defaultConfig('gpt-oss-120b');
  config.deployment = { ...config.deployment, deviceId };
  return new HostControlsState(new ControlsState(new ExplorerState(config)));
}

describe('HostControlsState', () => {
  it('setOn(true) gives one RTX 4090 the default host: it does not fit, --n-cpu-moe 27 would', () => {
    const host = controlsOn('rtx-4090');
    expect(host.host).toBeNull();
    expect(host.setOn(true)).toBe(true);
    expect(host.explorer.config.deployment).toMatchObject({ devices: 1, tp: null, ep: 1, pp: 1 });
    expect(host.host).toEqual(DEFAULT_HOST_SETTINGS);
    expect(host.local?.fitsDevice).toBe(false);
    expect(host.suggestion).toEqual({ n: 27, why: 'fit' });
  });

  it('applySuggestion() sets --n-cpu-moe 27: it fits, experts of 27 of 36 layers in RAM, and decodes', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.applySuggestion()).toBe(true);
    expect(host.host).toMatchObject({ cpuMoe: false, nCpuMoe: 27 });
    expect(host.local?.fits).toBe(true);
    expect(host.expertLayersInRam).toBe(27);
    expect(host.layers).toBe(36);
    expect(host.suggestion).toBeNull();
    expect(host.explorer.result.serving!.decode.tokensPerSecond).toBeGreaterThan(5);
  });

  it('with --cpu-moe on where 27 layers would do, it suggests 27 as faster', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    host.set({ cpuMoe: true }, 'cmoe');
    expect(host.local?.fits).toBe(true);
    expect(host.suggestion).toEqual({ n: 27, why: 'faster' });
  });

  it('setNumber takes GB, GB/s and layers; blank GPU layers is every layer', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.setNumber('ram', '128')).toBe(true);
    expect(host.setNumber('rbw', '102.4')).toBe(true);
    expect(host.setNumber('ngl', '30')).toBe(true);
    expect(host.host).toMatchObject({
      memoryBytes: 128e9,
      bandwidthBytesPerSecond: 102.4e9,
      gpuLayers: 30,
    });
    expect(host.ddr).toEqual({ mts: 6400, channels: 2 });
    expect(host.setNumber('ngl', ' ')).toBe(true);
    expect(host.host?.gpuLayers).toBeNull();
  });

  it('setNumber refuses a value out of range, says why, and keeps the host', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.setNumber('ram', '0')).toBe(false);
    expect(host.setNumber('ncmoe', '2.5')).toBe(false);
    expect(host.errors).toEqual({
      ram: 'System RAM, GB: expected a number from 1 to 100000, got 0',
      ncmoe: 'Expert layers in RAM: expected a whole number from 0 to 4096, got 2.5',
    });
    expect(host.host).toEqual(DEFAULT_HOST_SETTINGS);
    expect(host.setNumber('ram', '96')).toBe(true);
    expect(host.errors.ram).toBeUndefined();
  });

  it('setDdr(3200, 4) sets quad-channel DDR4-3200 (102.4 GB/s)', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.setDdr(3200, 4)).toBe(true);
    expect(host.host?.bandwidthBytesPerSecond).toBe(102.4e9);
    expect(host.ddr).toEqual({ mts: 3200, channels: 4 });
  });

  it('more GPUs with a host are refused, under the GPUs control', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.controls.setDeviceCount(2)).toBe(false);
    expect(host.explorer.errors.devices).toMatch(/1 with host memory/);
    expect(host.explorer.config.deployment.devices).toBe(1);
  });

  it('a unified device (M4 Max 128GB) is one pool: its GPU share is stated, and it runs gpt-oss-120b', () => {
    const host = controlsOn('m4-max-128gb');
    host.setOn(true);
    expect(host.unified?.gpuShare).toBeGreaterThan(0.5);
    expect(host.local?.hostMemoryBytes).toBe(host.controls.device!.memoryBytes);
    expect(host.local?.fits).toBe(true);
  });

  it("a unified device's GPU share: the default and its source, set as a percentage, back to the default", () => {
    const host = controlsOn('m4-max-128gb');
    host.setOn(true);
    expect(host.gpuShare).toMatchObject({ share: 0.75, defaultShare: 0.75, changed: false });
    expect(host.gpuShare?.source?.setting).toBe('sudo sysctl iogpu.wired_limit_mb=<MiB>');
    const budget = host.local!.deviceBudgetBytes;
    expect(host.setNumber('gshare', '90')).toBe(true);
    expect(host.host?.gpuShare).toBe(0.9);
    expect(host.gpuShare).toMatchObject({ share: 0.9, changed: true });
    expect(host.local!.deviceBudgetBytes).toBeGreaterThan(budget);
    expect(host.setNumber('gshare', '66.7')).toBe(true);
    expect(host.host?.gpuShare).toBe(0.667); // without binary noise
    expect(host.setNumber('gshare', '101')).toBe(false);
    expect(host.errors.gshare).toBe(
      'GPU share of the unified pool, %: expected a number from 5 to 100, got 101',
    );
    expect(host.host?.gpuShare).toBe(0.667);
    expect(host.resetGpuShare()).toBe(true);
    expect(host.host?.gpuShare).toBeNull();
    expect(host.errors.gshare).toBeUndefined();
    expect(host.local!.deviceBudgetBytes).toBe(budget);
  });

  it('a GPU with its own memory has no GPU share to set', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.gpuShare).toBeNull();
  });

  it('setOn(false) is a data-centre deployment again (no local estimate)', () => {
    const host = controlsOn('rtx-4090');
    host.setOn(true);
    expect(host.setOn(false)).toBe(true);
    expect(host.host).toBeNull();
    expect(host.local).toBeNull();
    expect(localEstimateOf(host.explorer.result.serving)).toBeNull();
  });
});
