import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  countMoeLayers,
  countParams,
  mlpParams,
  parseHFConfig,
} from '../../src/lib/core/index.ts';
import { moeSpecArb, specArb } from './arbitraries.ts';
import { fixtureConfig, fixtureModelIds } from './fixtures.ts';

describe('countParams properties', () => {
  it('active <= total, and both are safe integers', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const c = countParams(spec);
        expect(Number.isSafeInteger(c.total)).toBe(true);
        expect(c.active).toBeLessThanOrEqual(c.total);
        expect(c.activeExcludingEmbedding).toBeLessThanOrEqual(c.active);
      }),
    );
  });

  it('total grows with routed experts', () => {
    fc.assert(
      fc.property(moeSpecArb, (spec) => {
        const more = { ...spec, moe: { ...spec.moe!, experts: spec.moe!.experts + 1 } };
        expect(countParams(more).total).toBeGreaterThan(countParams(spec).total);
      }),
    );
  });

  it('total grows with layers', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(countParams({ ...spec, layers: spec.layers + 1 }).total).toBeGreaterThan(
          countParams(spec).total,
        );
      }),
    );
  });

  it('total grows with the hidden size and with the expert width', () => {
    fc.assert(
      fc.property(moeSpecArb, (spec) => {
        const base = countParams(spec).total;
        expect(countParams({ ...spec, hiddenSize: spec.hiddenSize + 1 }).total).toBeGreaterThan(
          base,
        );
        const wider = {
          ...spec.moe!.expert,
          intermediateSize: spec.moe!.expert.intermediateSize + 1,
        };
        expect(
          countParams({ ...spec, moe: { ...spec.moe!, expert: wider } }).total,
        ).toBeGreaterThan(base);
      }),
    );
  });

  it('top-k changes active by whole experts per MoE layer and never changes total', () => {
    fc.assert(
      fc.property(moeSpecArb, fc.nat(), (spec, seed) => {
        const moe = spec.moe!;
        const k = 1 + (seed % moe.experts);
        const other = countParams({ ...spec, moe: { ...moe, topK: k } });
        const base = countParams(spec);
        expect(other.total).toBe(base.total);
        const perExpert = mlpParams(spec.hiddenSize, moe.expert);
        expect(other.active - base.active).toBe((k - moe.topK) * perExpert * countMoeLayers(spec));
      }),
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const before = structuredClone(spec);
        countParams(spec);
        expect(spec).toEqual(before);
      }),
    );
  });
});

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
