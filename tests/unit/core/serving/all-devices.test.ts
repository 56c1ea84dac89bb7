import { expect, it, vi } from 'vitest';

it('loadAllDevices makes every local device findable at once, without waiting for loadLocalDevices', async () => {
  vi.resetModules(); // a fresh core, without the test setup's loadAllDevices()
  const core = await import('../../../../src/lib/core/index.ts');
  const { LOCAL_DEVICES } = await import('../../../../src/lib/core/serving/local-devices.ts');
  expect(LOCAL_DEVICES.filter((d) => core.findDevice(d.id))).toEqual([]);
  core.loadAllDevices();
  expect(LOCAL_DEVICES.filter((d) => core.findDevice(d.id) !== d)).toEqual([]);
});
