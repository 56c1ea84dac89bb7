import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

const glm45Air: unknown = JSON.parse(
  readFileSync('tests/fixtures/new-families/glm-4.5-air.config.json', 'utf8'),
);

// A fresh core, as the page has it: the test setup's loadAll() did not run on it.
async function freshCore() {
  vi.resetModules();
  return import('../../../../../src/lib/core/index.ts');
}

it('a family reader loads on demand, its module alone, and parses once loaded', async () => {
  const core = await freshCore();
  expect(core.familyReaderLoaded('llama4_text')).toBe(true); // the default preset's family
  expect(core.familyReaderLoaded('glm4_moe')).toBe(false);
  // Unsupported types need no reader: parseHFConfig refuses them at once.
  expect(core.familyReaderLoaded('no_such_model')).toBe(true);
  expect(() => core.parseHFConfig(glm45Air)).toThrow(
    'model_type: expected a model type whose reader has loaded (the glm4_moe reader loads on demand, and has not), got "glm4_moe"',
  );
  await core.loadFamilyReader('glm4_moe');
  expect(core.familyReaderLoaded('glm4_moe')).toBe(true);
  expect(core.familyReaderLoaded('glm4_moe_lite')).toBe(true); // the same module
  expect(core.familyReaderLoaded('mixtral')).toBe(false); // no other
  // GLM-4.5-Air: 106,852,251,264 without its MTP layer (families/glm4-moe.test.ts).
  expect(core.countParams(core.parseHFConfig(glm45Air)).total).toBe(106_852_251_264);
  await core.loadFamilyReaders();
  expect(Object.keys(core.SUPPORTED_MODEL_TYPES).every(core.familyReaderLoaded)).toBe(true);
});

it('a preset other than the default loads its config and its reader on demand', async () => {
  const core = await freshCore();
  const scout = core.findPreset(core.DEFAULT_PRESET_ID)!;
  expect(core.presetLoaded(scout)).toBe(true);
  const deepseek = core.findPreset('deepseek-v3')!;
  expect(core.presetLoaded(deepseek)).toBe(false);
  expect(() => deepseek.config).toThrow(
    'preset: expected a preset whose config.json has loaded (loadPreset), got "deepseek-v3"',
  );
  // Two callers share one load.
  await Promise.all([core.loadPreset(deepseek), core.loadPreset(deepseek)]);
  expect(core.presetLoaded(deepseek)).toBe(true);
  expect(core.familyReaderLoaded('kimi_k2')).toBe(true); // Kimi K2 shares DeepSeek's reader
  expect(core.presetLoaded(core.findPreset('kimi-k2')!)).toBe(false); // but not its config
  // DeepSeek-V3: 671,026,419,200 without MTP (expected-params.json).
  expect(core.countParams(core.presetSpec(deepseek)).total).toBe(671_026_419_200);
});

it('an import is written against the presets at hand', async () => {
  const core = await freshCore();
  const mixtral = JSON.parse(
    readFileSync('src/lib/core/model/presets/mixtral-8x7b.json', 'utf8'),
  ) as Record<string, unknown>;
  await core.loadFamilyReader('mixtral');
  // Mixtral 8x7B's preset has not loaded: the nearest at hand is the default one.
  expect(core.nearestPreset(mixtral).preset.id).toBe(core.DEFAULT_PRESET_ID);
  await core.loadPreset(core.findPreset('mixtral-8x7b')!);
  expect(core.nearestPreset(mixtral)).toEqual({
    preset: core.findPreset('mixtral-8x7b'),
    edits: [],
  });
});
