import { bench, describe } from 'vitest';
import { countParams, parseHFConfig, presets } from '../../../../src/lib/core/index.ts';

// npm run bench: time to parse each preset's config.json and count its parameters (the target:
// a median under 5 µs for every preset, issue 11). Reading `layers`, the per-layer list that
// countParams makes on demand, is timed apart, on the preset with the most layers.
describe('parseHFConfig + countParams per preset', () => {
  for (const preset of presets) {
    const config = preset.config; // outside the timed function: a preset's config is a getter
    bench(preset.id, () => {
      countParams(parseHFConfig(config));
    });
  }
});

describe('countParams(...).layers, the per-layer list', () => {
  const deepest = presets.reduce((a, b) =>
    parseHFConfig(b.config).layers > parseHFConfig(a.config).layers ? b : a,
  );
  const config = deepest.config;
  bench(`${deepest.id}: parse, count and list every layer`, () => {
    if (countParams(parseHFConfig(config)).layers.length === 0) throw new Error('no layers');
  });
});
