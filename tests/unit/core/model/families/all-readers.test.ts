import { expect, it, vi } from 'vitest';

it('loadAllFamilyReaders makes every supported model type readable at once', async () => {
  vi.resetModules(); // a fresh core, without the test setup's loadAllFamilyReaders()
  const core = await import('../../../../../src/lib/core/index.ts');
  const types = Object.keys(core.SUPPORTED_MODEL_TYPES);
  expect(types.every((t) => core.familyReaderLoaded(t))).toBe(false);
  core.loadAllFamilyReaders();
  expect(types.filter((t) => !core.familyReaderLoaded(t))).toEqual([]);
});
