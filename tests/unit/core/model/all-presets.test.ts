import { expect, it, vi } from 'vitest';

it("loadAllPresetConfigs makes every preset's config at hand at once", async () => {
  vi.resetModules(); // a fresh core, without the test setup's loadAll()
  const core = await import('../../../../src/lib/core/index.ts');
  const { loadAllPresetConfigs } = await import('../../../../src/lib/core/model/all-presets.ts');
  expect(
    core.presets.filter((p) => p.id !== core.DEFAULT_PRESET_ID).some((p) => core.presetLoaded(p)),
  ).toBe(false);
  loadAllPresetConfigs();
  for (const preset of core.presets)
    expect(preset.config.model_type, preset.id).toBe(preset.modelType);
});
