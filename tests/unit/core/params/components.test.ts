import { describe, expect, it } from 'vitest';
import {
  countParams,
  PARAM_COMPONENTS,
  presets,
  presetSpec,
  sumBreakdown,
} from '../../../../src/lib/core/index.ts';

describe('PARAM_COMPONENTS', () => {
  it('lists every breakdown key but mtp once, in display order from Embedding to Vision', () => {
    const keys = PARAM_COMPONENTS.map((c) => c.key);
    const breakdown = countParams(presetSpec(presets[0]!)).breakdown;
    expect([...keys].sort()).toEqual(
      Object.keys(breakdown)
        .filter((k) => k !== 'mtp')
        .sort(),
    );
    expect(PARAM_COMPONENTS[0]).toEqual({ key: 'embedding', label: 'Embedding' });
    expect(PARAM_COMPONENTS.at(-1)).toEqual({ key: 'vision', label: 'Vision tower + projector' });
  });

  it('its components of a preset add up to countParams(preset).total (sumBreakdown)', () => {
    for (const preset of presets) {
      const count = countParams(presetSpec(preset));
      const sum = PARAM_COMPONENTS.reduce((s, { key }) => s + count.breakdown[key], 0);
      expect(sum, preset.id).toBe(count.total);
      expect(sum, preset.id).toBe(sumBreakdown(count.breakdown));
    }
  });

  it('has a distinct label for each component', () => {
    const labels = PARAM_COMPONENTS.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
