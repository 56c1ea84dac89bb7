import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_PRESET_ID,
  findPreset,
  parseHFConfig,
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
  /** The count the publisher's active figure is: `active` less what it leaves out (PRESET_SOURCES). */
  function publishedActive(id: string, count: ReturnType<typeof countParams>): number {
    const { embedding, lmHead } = count.breakdown;
    switch (PRESET_SOURCES[id]!.activeLeavesOut) {
      case 'embedding':
        return count.activeExcludingEmbedding;
      case 'embedding and lm_head':
        return count.active - embedding - lmHead;
      default:
        return count.active;
    }
  }

  /**
   * Published figures are rounded ("109B"): within 2% (total) or 3% (active), or within half a
   * unit of the figure's last digit in billions where that is coarser ("3B" is 2.5B to 3.5B).
   */
  function within(count: number, published: number, share: number): boolean {
    const decimals = (String(published / 1e9).split('.')[1] ?? '').length;
    const halfUnit = 0.5 * 10 ** (9 - decimals);
    return Math.abs(count - published) <= Math.max(share * published, halfUnit);
  }

  for (const preset of presets) {
    it(`${preset.id}: total within 2% and active within 3% of the published figures (${PRESET_SOURCES[preset.id]!.note})`, () => {
      const count = countParams(presetSpec(preset));
      expect(within(count.total, preset.published.total, 0.02)).toBe(true);
      expect(within(publishedActive(preset.id, count), preset.published.active, 0.03)).toBe(true);
    });
  }
});

describe('the presets trimmed from a fixture count what the fixture does', () => {
  // Each total is pinned to the checkpoint in its family's test (tests/unit/core/model/families).
  it.each([
    // GLM-4.5-Air: 110,468,824,832 in the safetensors less its MTP layer (glm4-moe.test.ts).
    ['glm-4.5-air', 'glm-4.5-air', 106_852_251_264],
    // GLM-4.7: 358,337,791,296 in the safetensors less its MTP layer (glm4-moe.test.ts).
    ['glm-4.7', 'glm-4.7', 352_797_829_024],
    // GLM-5 (glm-moe-dsa.test.ts).
    ['glm-5', 'glm-5', 743_911_218_432],
    // Qwen3-Next-80B-A3B: 81,324,862,720 tensor elements less its MTP block (qwen3-next.test.ts).
    ['qwen3-next-80b-a3b', 'qwen3-next-80b-a3b-instruct', 79_674_391_296],
    // MiniMax-M2.7: 228,689,764,864 per the Hub's API (minimax-m2.test.ts).
    ['minimax-m2.7', 'minimax-m2.7', 228_689_764_864],
  ])('%s counts as tests/fixtures/new-families/%s.config.json: %d', (id, fixture, total) => {
    const config: unknown = JSON.parse(
      readFileSync(`tests/fixtures/new-families/${fixture}.config.json`, 'utf8'),
    );
    const fromPreset = countParams(presetSpec(findPreset(id)!));
    const fromFixture = countParams(parseHFConfig(config));
    expect(fromPreset.total).toBe(total);
    expect({ ...fromPreset, layers: [] }).toEqual({ ...fromFixture, layers: [] });
  });
});
