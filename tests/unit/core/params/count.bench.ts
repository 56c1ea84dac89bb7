import { bench, describe } from 'vitest';
import { countParams, parseHFConfig, presets } from '../../../../src/lib/core/index.ts';

// npm run bench: time to parse each preset's config.json and count its parameters.
describe('parseHFConfig + countParams per preset', () => {
  for (const preset of presets) {
    bench(preset.id, () => {
      countParams(parseHFConfig(preset.config));
    });
  }
});
