import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, countParams, parseHFConfig } from '../../../../src/lib/core/index.ts';
import { fixtureConfig, fixtureModelIds } from '../../helpers/fixtures.ts';

describe('parseHFConfig properties', () => {
  const onlyConfigErrors = (json: unknown) => {
    try {
      const spec = parseHFConfig(json);
      countParams(spec);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  };

  it('throws nothing but ConfigError on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), onlyConfigErrors), { numRuns: 500 });
  });

  it('throws nothing but ConfigError when a real config has a field replaced by arbitrary JSON', () => {
    const configs = fixtureModelIds.map(fixtureConfig);
    fc.assert(
      fc.property(fc.constantFrom(...configs), fc.nat(), fc.jsonValue(), (config, which, value) => {
        const keys = Object.keys(config);
        const key = keys[which % keys.length]!;
        onlyConfigErrors({ ...config, [key]: value });
        const text = config.text_config as Record<string, unknown> | undefined;
        if (text) {
          const tk = Object.keys(text);
          onlyConfigErrors({
            ...config,
            text_config: { ...text, [tk[which % tk.length]!]: value },
          });
        }
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('never mutates the config it reads', () => {
    for (const id of fixtureModelIds) {
      const config = fixtureConfig(id);
      const before = structuredClone(config);
      parseHFConfig(config);
      expect(config).toEqual(before);
    }
  });
});
