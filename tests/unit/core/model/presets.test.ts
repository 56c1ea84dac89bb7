import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_PRESET_ID,
  findPreset,
  PRESET_SOURCES,
  presets,
  presetSpec,
} from '../../../../src/lib/core/index.ts';

describe('presets', () => {
  it('have unique ids, and the default preset is Llama 4 Scout', () => {
    const ids = presets.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEFAULT_PRESET_ID).toBe('llama4-scout');
    expect(findPreset(DEFAULT_PRESET_ID)?.name).toBe('Llama 4 Scout');
  });

  it('each has published active <= total', () => {
    for (const p of presets)
      expect(p.published.active, p.id).toBeLessThanOrEqual(p.published.total);
  });
});

describe('findPreset', () => {
  it("findPreset('kimi-k2') is Kimi K2; an unknown id is undefined", () => {
    expect(findPreset('kimi-k2')?.name).toBe('Kimi K2');
    expect(findPreset('gpt-5')).toBeUndefined();
    expect(findPreset('__proto__')).toBeUndefined();
  });
});

describe('presetSpec', () => {
  it("presetSpec names the spec by the preset's display name", () => {
    expect(presetSpec(findPreset('mixtral-8x7b')!).name).toBe('Mixtral 8x7B');
  });

  it('presetSpec(Llama 4 Behemoth) gives the 1.99T total and 287B active its estimate states', () => {
    // The preset's `estimate` text: "This gives 1.99T total and 287B active."
    const count = countParams(presetSpec(findPreset('llama4-behemoth')!));
    expect((count.total / 1e12).toFixed(2)).toBe('1.99');
    expect(Math.round(count.active / 1e9)).toBe(287);
  });
});

describe('presets match their published figures', () => {
  for (const preset of presets) {
    it(`${preset.id}: total within 2% and active within 3% of the published figures (${PRESET_SOURCES[preset.id]!.note})`, () => {
      const count = countParams(presetSpec(preset));
      // Published figures are rounded (e.g. "109B"); gpt-oss publishes active excluding the embedding.
      const active = preset.id.startsWith('gpt-oss')
        ? count.activeExcludingEmbedding
        : count.active;
      expect(Math.abs(count.total / preset.published.total - 1)).toBeLessThan(0.02);
      expect(Math.abs(active / preset.published.active - 1)).toBeLessThan(0.03);
    });
  }
});
