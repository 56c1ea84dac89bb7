import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

const glm45Air: unknown = JSON.parse(
  readFileSync('tests/fixtures/new-families/glm-4.5-air.config.json', 'utf8'),
);

it('readers of families without a preset load on demand, and parse once loaded', async () => {
  // A fresh core, as the page has it: the test setup's loadAllFamilyReaders() did not run on it.
  vi.resetModules();
  const core = await import('../../../../../src/lib/core/index.ts');
  expect(core.familyReaderLoaded('mixtral')).toBe(true);
  expect(core.familyReaderLoaded('llama4_text')).toBe(true);
  expect(core.familyReaderLoaded('glm4_moe')).toBe(false);
  // Unsupported types need no reader: parseHFConfig refuses them at once.
  expect(core.familyReaderLoaded('no_such_model')).toBe(true);
  expect(() => core.parseHFConfig(glm45Air)).toThrow(
    'model_type: expected a model type whose reader has loaded (the glm4_moe reader loads on demand, and has not), got "glm4_moe"',
  );
  await core.loadFamilyReaders();
  expect(core.familyReaderLoaded('glm4_moe')).toBe(true);
  // GLM-4.5-Air: 106,852,251,264 without its MTP layer (families/glm4-moe.test.ts).
  expect(core.countParams(core.parseHFConfig(glm45Air)).total).toBe(106_852_251_264);
});
