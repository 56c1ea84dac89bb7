import { expect, it } from 'vitest';
import { presets, SUPPORTED_MODEL_TYPES } from '../../../../../src/lib/core/index.ts';
import { MORE_FAMILY_READERS } from '../../../../../src/lib/core/model/families/more-readers.ts';
import { PRESET_FAMILY_READERS } from '../../../../../src/lib/core/model/families/readers.ts';

it('every family has one reader: the preset families always, the others on demand', () => {
  const eager = Object.keys(PRESET_FAMILY_READERS);
  const lazy = Object.keys(MORE_FAMILY_READERS);
  expect(eager.filter((f) => lazy.includes(f))).toEqual([]);
  expect([...eager, ...lazy].sort()).toEqual(
    [...new Set(Object.values(SUPPORTED_MODEL_TYPES))].sort(),
  );
  // Every preset opens without loading anything.
  for (const preset of presets) {
    const type = preset.config.model_type as string;
    expect(eager, preset.id).toContain(SUPPORTED_MODEL_TYPES[type]);
  }
});
