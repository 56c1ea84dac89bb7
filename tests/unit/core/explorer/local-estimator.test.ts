import { expect, it, vi } from 'vitest';

it('a deployment with a host waits for the local model, which loads on demand', async () => {
  vi.resetModules(); // a fresh core, as the page has it: the test setup's loadAll() did not run
  const core = await import('../../../../src/lib/core/index.ts');
  core.addServingModel(core.SERVING_MODEL); // as the page does when it opens its link
  await core.loadPreset(core.findPreset('qwen3-30b-a3b')!);
  const config = {
    ...core.defaultConfig('qwen3-30b-a3b'),
    deployment: {
      ...core.DEFAULT_DEPLOYMENT,
      devices: 1,
      host: { ...core.DEFAULT_HOST_SETTINGS, cpuMoe: true },
    },
  };
  expect(core.localEstimatorLoaded()).toBe(false);
  expect(core.resolveExplorer(config).servingError).toBe(
    'host: expected the local model, which loads on demand: try again, got "system RAM"',
  );
  await core.loadLocalEstimator();
  const r = core.resolveExplorer(config);
  expect(r.servingError).toBeNull();
  expect((r.serving as unknown as { fitsDevice: boolean }).fitsDevice).toBe(true);
});
