import { describe, expect, it } from 'vitest';
import {
  applyFieldEdits,
  canonicalImport,
  ConfigError,
  findPreset,
  getPath,
  isEditablePath,
  MAX_PATH_DEPTH,
  nearestPreset,
  presets,
} from '../../../../src/lib/core/index.ts';
import {
  fixtureConfig,
  fixtureModelIds,
  moreModelConfig,
  moreModelIds,
} from '../../helpers/fixtures.ts';

const mixtral = findPreset('mixtral-8x7b')!;

describe('nearestPreset', () => {
  it("nearestPreset of each preset's own config is that preset with no edits", () => {
    for (const preset of presets) {
      const { preset: nearest, edits } = nearestPreset(preset.config);
      expect(nearest.id, preset.id).toBe(preset.id);
      expect(edits, preset.id).toEqual([]);
    }
  });

  it('nearestPreset({ ...mixtral8x7b, num_experts_per_tok: 3 }) is Mixtral 8x7B with that one edit', () => {
    // The TSDoc example of config-diff.ts
    const { preset, edits } = nearestPreset({ ...mixtral.config, num_experts_per_tok: 3 });
    expect(preset.id).toBe('mixtral-8x7b');
    expect(edits).toEqual([['num_experts_per_tok', 3]]);
  });

  it('nearestPreset of an edited nested field gives its dotted path (Scout text_config.num_local_experts)', () => {
    const scout = findPreset('llama4-scout')!.config;
    const json = {
      ...scout,
      text_config: { ...(scout.text_config as object), num_local_experts: 32 },
    };
    const { preset, edits } = nearestPreset(json);
    expect(preset.id).toBe('llama4-scout');
    expect(edits).toEqual([['text_config.num_local_experts', 32]]);
  });

  it('nearestPreset leaves out _name_or_path and fields the parser never reads', () => {
    const json = { ...mixtral.config, _name_or_path: 'me/my-mixtral', some_future_field: 1 };
    expect(nearestPreset(json).edits).toEqual([]);
  });

  it('nearestPreset of a config that does not parse throws the ConfigError', () => {
    expect(() => nearestPreset({ ...mixtral.config, hidden_size: -4 })).toThrow(ConfigError);
  });
});

describe('applyFieldEdits', () => {
  it('applyFieldEdits sets, creates nested objects and deletes (undefined), on a copy', () => {
    const base = { a: 1, b: { c: 2 } };
    const before = structuredClone(base);
    const edited = applyFieldEdits(base, [
      ['a', undefined],
      ['b.c', 3],
      ['d.e.f', 'x'],
    ]);
    expect(edited).toEqual({ b: { c: 3 }, d: { e: { f: 'x' } } });
    expect(base).toEqual(before);
  });

  it.each([
    '__proto__.polluted',
    'constructor',
    'prototype.x',
    'a.__proto__',
    'a.b.c.d',
    'a-b',
    '',
  ])('applyFieldEdits ignores the path %j', (path) => {
    const edited = applyFieldEdits({ a: { b: 1 } }, [[path, 1]]);
    expect(edited).toEqual({ a: { b: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('isEditablePath', () => {
  it.each([
    ['hidden_size', true],
    ['text_config.rope_scaling.factor', true], // MAX_PATH_DEPTH = 3 segments
    ['a.b.c.d', false],
    ['__proto__', false],
    ['text_config.constructor', false],
    ['x'.repeat(65), false],
    ['with space', false],
  ])('isEditablePath(%j) is %s', (path, editable) => {
    expect(isEditablePath(path)).toBe(editable);
  });

  it('MAX_PATH_DEPTH is 3', () => {
    expect(MAX_PATH_DEPTH).toBe(3);
  });
});

describe('getPath', () => {
  it('getPath reads own properties of nested objects, and nothing else', () => {
    const json = { text_config: { hidden_size: 5120 }, list: [1] };
    expect(getPath(json, 'text_config.hidden_size')).toBe(5120);
    expect(getPath(json, 'text_config.missing')).toBeUndefined();
    expect(getPath(json, 'constructor')).toBeUndefined();
    expect(getPath(json, 'list.0')).toBeUndefined();
  });
});

describe('canonicalImport', () => {
  const configs = [
    ...fixtureModelIds.map((id) => [id, fixtureConfig(id)] as const),
    ...moreModelIds.map((id) => [id, moreModelConfig(id)] as const),
  ];

  it.each(configs)(
    'canonicalImport(%s) is a fixed point of nearestPreset + applyFieldEdits',
    (_, json) => {
      const canonical = canonicalImport(json);
      const { preset, edits } = nearestPreset(canonical);
      expect(applyFieldEdits(preset.config, edits)).toEqual(canonical);
      expect(canonicalImport(canonical)).toEqual(canonical);
    },
  );

  it("canonicalImport of a preset's config is that config", () => {
    expect(canonicalImport(mixtral.config)).toEqual(mixtral.config);
  });
});
