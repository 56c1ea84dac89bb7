import { describe, expect, it } from 'vitest';
import { PRESET_SOURCES, presets } from '../../../../src/lib/core/index.ts';

describe('PRESET_SOURCES', () => {
  it('has a source and a published note for every preset, and nothing else', () => {
    expect(Object.keys(PRESET_SOURCES).sort()).toEqual(presets.map((p) => p.id).sort());
    for (const [id, { source, note }] of Object.entries(PRESET_SOURCES)) {
      expect(source, id).not.toBe('');
      expect(note, id).not.toBe('');
    }
  });

  it('only Llama 4 Behemoth, whose config is not published, is marked an estimate', () => {
    const estimates = Object.entries(PRESET_SOURCES).filter(([, s]) => s.estimate !== undefined);
    expect(estimates.map(([id]) => id)).toEqual(['llama4-behemoth']);
  });

  it('names the model card a published figure comes from (Llama 4 Scout: 109B total, 17B active)', () => {
    expect(PRESET_SOURCES['llama4-scout']!.note).toMatch(
      /Llama 4 model card: 109B total, 17B active/,
    );
    expect(PRESET_SOURCES['llama4-scout']!.source).toMatch(/meta-llama\/Llama-4-Scout-17B-16E/);
  });
});
