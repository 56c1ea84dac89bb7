import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import {
  GLOBAL,
  patternFromMoeLayers,
  readLayerTypes,
} from '../../../../../src/lib/core/model/families/common.ts';
import { layerPattern } from '../../../../../src/lib/core/model/families/layer-pattern.ts';
import { parseHFConfig, type AttentionLayerKind } from '../../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../../helpers/errors.ts';
import { fixtureConfig } from '../../../helpers/fixtures.ts';

/** The kinds of a small alphabet, made afresh on each call: alike, never the same object. */
const KINDS: (() => AttentionLayerKind)[] = [
  () => ({ window: { kind: 'global' }, rope: true }),
  () => ({ window: { kind: 'global' }, rope: false }),
  () => ({ window: { kind: 'sliding', tokens: 128 }, rope: true }),
  () => ({ window: { kind: 'global' }, rope: false, mixer: 'state' }),
];

/** The least period by the definition, one candidate at a time (quadratic): the reference. */
function naivePeriod(ids: readonly number[]): number {
  for (let p = 1; p < ids.length; p++) if (ids.every((id, i) => id === ids[i % p])) return p;
  return ids.length;
}

describe('layerPattern', () => {
  it('layerPattern(48, every 4th NoPE) is [chunked, chunked, chunked, NoPE] (Llama 4, the TSDoc example)', () => {
    const chunked: AttentionLayerKind = { window: { kind: 'chunked', tokens: 8192 }, rope: true };
    const nope: AttentionLayerKind = { window: { kind: 'global' }, rope: false };
    expect(layerPattern(48, (i) => ((i + 1) % 4 === 0 ? nope : chunked))).toEqual([
      chunked,
      chunked,
      chunked,
      nope,
    ]);
  });

  it('layerPattern finds the least period, short (checked in place) or long (KMP), with alike kinds that are different objects', () => {
    const sequence = fc
      .record({
        period: fc.array(fc.integer({ min: 0, max: KINDS.length - 1 }), {
          minLength: 1,
          maxLength: 24,
        }),
        length: fc.integer({ min: 0, max: 150 }),
        tail: fc.array(fc.integer({ min: 0, max: KINDS.length - 1 }), { maxLength: 3 }),
      })
      .map(({ period, length, tail }) => [
        ...Array.from({ length }, (_, i) => period[i % period.length]!),
        ...tail,
      ]);
    fc.assert(
      fc.property(sequence, (ids) => {
        const pattern = layerPattern(ids.length, (i) => KINDS[ids[i]!]!());
        expect(pattern).toHaveLength(naivePeriod(ids));
        pattern.forEach((kind, i) => expect(kind).toEqual(KINDS[ids[i]!]!()));
      }),
      { numRuns: 500 },
    );
  });
});

describe('readLayerTypes', () => {
  it('readLayerTypes without layer_types and one kind for every layer returns it, reading no layer', () => {
    expect(readLayerTypes(new ConfigReader({}), 126, GLOBAL)).toEqual([GLOBAL]);
    expect(readLayerTypes(new ConfigReader({}), 126, GLOBAL)[0]).toBe(GLOBAL);
  });

  it('readLayerTypes names a bad layer_types item by its index', () => {
    const r = new ConfigReader({ layer_types: ['full_attention', 'linear_attention'] });
    expect(configErrorOf(() => readLayerTypes(r, 2, GLOBAL)).message).toBe(
      'layer_types[1]: expected "full_attention", "sliding_attention" or "chunked_attention", got "linear_attention"',
    );
  });

  it('Llama 4 no_rope_layers shorter than the layers: the rest follow no_rope_layer_interval', () => {
    const config = fixtureConfig('llama4-scout');
    const text = config['text_config'] as Record<string, unknown>;
    const short = { ...config, text_config: { ...text, no_rope_layers: [1, 1, 0] } };
    // Layers 0-2 from the list (RoPE, RoPE, NoPE), then every 4th NoPE: 3, 7, 11, ...
    const kinds = parseHFConfig(short).attentionPattern.map((k) => k.rope);
    // The short list breaks the period of 4: the least period is 45 (the last 3 layers, RoPE,
    // RoPE, NoPE, repeat the first 3).
    expect(kinds).toHaveLength(45);
    expect(kinds.slice(0, 8)).toEqual([true, true, false, false, true, true, true, false]);
  });
});

describe('patternFromMoeLayers, any order', () => {
  it('patternFromMoeLayers finds the rule whatever the order and repeats of the list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        (layers, step, first, seed) => {
          const listed: number[] = [];
          for (let i = first; i < layers; i += step) listed.push(i);
          if (listed.length < 2) return;
          // A rotation and a repeat: the same layers, not in order.
          const k = seed % listed.length;
          const shuffled = [...listed.slice(k), ...listed.slice(0, k), listed[0]!];
          const inOrder = patternFromMoeLayers('moe_layers', listed, layers);
          expect(inOrder).toEqual({
            firstDense: first,
            step,
            offset: first % step,
            denseLayers: [],
          });
          const other = patternFromMoeLayers('moe_layers', shuffled, layers);
          for (let i = 0; i < layers; i++) {
            const moe = (p: typeof other) =>
              i >= p.firstDense && i % p.step === p.offset && !p.denseLayers.includes(i);
            expect(moe(other)).toBe(moe(inOrder));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('patternFromMoeLayers names an entry over the layers limit as text_config.moe_layers[i]', () => {
    expect(
      configErrorOf(() => patternFromMoeLayers('text_config.moe_layers', [1, 5000], 48)).message,
    ).toBe('text_config.moe_layers[1]: expected at most 4,096, got 5000');
  });
});
