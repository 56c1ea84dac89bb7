import { expect, it } from 'vitest';
import { SUPPORTED_MODEL_TYPES } from '../../../../../src/lib/core/index.ts';
import { LOADED_FAMILY_READERS } from '../../../../../src/lib/core/model/families/all-readers.ts';
import { DEFAULT_FAMILY_READERS } from '../../../../../src/lib/core/model/families/readers.ts';
import {
  FAMILY_MODULES,
  familyModuleOf,
  moduleReaders,
  type FamilyModuleName,
} from '../../../../../src/lib/core/model/families/registry.ts';

it('every family has one reader: Llama 4 always, each other in the module that lists it', async () => {
  const eager = Object.keys(DEFAULT_FAMILY_READERS);
  const lazy: string[] = [];
  for (const [name, module] of Object.entries(FAMILY_MODULES)) {
    // The reader loaded on demand is the one the CLI and the tests have at once.
    expect(await module.load(), name).toBe(LOADED_FAMILY_READERS[name as FamilyModuleName]);
    lazy.push(...module.families);
  }
  expect(eager).toEqual(['llama4']);
  expect(new Set([...eager, ...lazy]).size).toBe(eager.length + lazy.length); // no family twice
  expect([...eager, ...lazy].sort()).toEqual(
    [...new Set(Object.values(SUPPORTED_MODEL_TYPES))].sort(),
  );
});

it('familyModuleOf names the module of a family; Llama 4 has none (always at hand)', () => {
  expect(familyModuleOf('kimi_k2')).toBe('deepseek');
  expect(familyModuleOf('glm4_moe_lite')).toBe('glm4-moe');
  expect(familyModuleOf('llama4')).toBeUndefined();
});

it('moduleReaders hands each family its own name', () => {
  const seen: string[] = [];
  const readers = moduleReaders(FAMILY_MODULES.deepseek, (_r, family) => {
    seen.push(family);
    return null as never;
  });
  for (const read of Object.values(readers)) read(null as never, 'llama', '');
  expect(seen).toEqual(['deepseek_v2', 'deepseek_v3', 'deepseek_v32', 'kimi_k2']);
});
