import { expect, it } from 'vitest';
import { parseHFConfig, presets } from '../../../../../src/lib/core/index.ts';
import { DEFAULT_FAMILY_READERS } from '../../../../../src/lib/core/model/families/readers.ts';

it("the reader at hand from the start is the default preset's: Llama 4", () => {
  expect(Object.keys(DEFAULT_FAMILY_READERS)).toEqual(['llama4']);
  const scout = presets[0]!;
  expect(scout.modelType).toBe('llama4');
  // A bare text config (model_type llama4_text) is read without text_config.
  const text = scout.config.text_config as Record<string, unknown>;
  const bare = parseHFConfig({ ...text, model_type: 'llama4_text' });
  expect(bare.family).toBe('llama4');
  expect(() => parseHFConfig({ model_type: 'llama4' })).toThrow('text_config');
});

it("each preset's model_type, known before its config loads, is its config's", () => {
  for (const preset of presets) expect(preset.modelType, preset.id).toBe(preset.config.model_type);
});
