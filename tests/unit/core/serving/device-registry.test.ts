import { expect, it, vi } from 'vitest';

// A fresh registry for each test, without the test setup's loadAllDevices().
async function fresh() {
  vi.resetModules();
  const registry = await import('../../../../src/lib/core/serving/device-registry.ts');
  const { DEVICES } = await import('../../../../src/lib/core/serving/hardware.ts');
  return { ...registry, DEVICES };
}

it("DEVICE_IDS starts as the data-centre catalog's ids, in its order (it is kept apart from the catalog's numbers)", async () => {
  const { DEVICE_IDS, DEVICES, addedDeviceGroups } = await fresh();
  expect(DEVICE_IDS).toEqual(DEVICES.map((d) => d.id));
  expect(addedDeviceGroups()).toEqual([]);
});

it('loadLocalDevices registers the local groups and their aliases once, however often it is called', async () => {
  const { DEVICE_IDS, DEVICES, addedDeviceGroups, loadLocalDevices, ownDeviceId } = await fresh();
  await Promise.all([loadLocalDevices(), loadLocalDevices()]);
  await loadLocalDevices();
  expect(addedDeviceGroups().map((g) => g.label)).toEqual([
    'Consumer and workstation GPUs',
    'Apple silicon',
    'Other unified memory',
  ]);
  expect(DEVICE_IDS.slice(0, DEVICES.length)).toEqual(DEVICES.map((d) => d.id));
  expect(new Set(DEVICE_IDS).size).toBe(DEVICE_IDS.length);
  expect(ownDeviceId('m4-max')).toBe('m4-max-128gb');
  expect(ownDeviceId('h100-sxm')).toBe('h100-sxm');
});

it("addDevices skips a group it has, and the catalog's own label", async () => {
  const { DEVICE_IDS, DEVICES, addDevices, addedDeviceGroups } = await fresh();
  const mine = { ...DEVICES[0]!, id: 'my-gpu' };
  addDevices([{ label: 'Data centre', devices: [mine] }]);
  addDevices([{ label: 'Mine', devices: [mine] }]);
  addDevices([{ label: 'Mine', devices: [mine] }]);
  expect(addedDeviceGroups().map((g) => g.label)).toEqual(['Mine']);
  expect(DEVICE_IDS.filter((id) => id === 'my-gpu')).toHaveLength(1);
});
