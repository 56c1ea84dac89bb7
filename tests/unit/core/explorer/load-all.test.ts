import { expect, it, vi } from 'vitest';

it('loadAll makes every family, every device, the serving model and the local model available at once', async () => {
  vi.resetModules();
  const core = await import('../../../../src/lib/core/index.ts');
  expect(core.findDevice('rtx-4090')).toBeUndefined();
  expect(core.servingModelLoaded()).toBe(false);
  core.loadAll();
  expect(core.findDevice('rtx-4090')?.name).toContain('RTX 4090');
  expect(core.servingModelLoaded()).toBe(true);
  expect(core.localEstimatorLoaded()).toBe(true);
  expect(Object.keys(core.SUPPORTED_MODEL_TYPES).every((t) => core.familyReaderLoaded(t))).toBe(
    true,
  );
});
