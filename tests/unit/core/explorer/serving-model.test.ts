import { expect, it, vi } from 'vitest';

it('a configuration resolves, and its deployment has words, once the serving model is added, and not before', async () => {
  vi.resetModules(); // a fresh core, as the element has it: the test setup's loadAll() did not run
  const core = await import('../../../../src/lib/core/index.ts');
  expect(core.servingModelLoaded()).toBe(false);
  // Thrown, not a servingError: no setting is at fault, so nothing may fall back on it.
  expect(() => core.resolveExplorer(core.defaultConfig())).toThrow(
    'the serving model has not loaded',
  );
  core.addServingModel(core.SERVING_MODEL);
  expect(core.servingModelLoaded()).toBe(true);
  const result = core.resolveExplorer(core.defaultConfig());
  expect(result.servingError).toBeNull();
  expect(result.serving?.fits).toBe(true);
  expect(core.deploymentLabel(result.resolved!).devices).toBe('8 × NVIDIA H100 SXM 80GB');
});
