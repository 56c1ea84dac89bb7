import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  findPreset,
  isMoeLayer,
  presetSpec,
  type AttentionLayerKind,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import { hasFfn, layerKind, mixerOf } from '../../../../src/lib/core/model/layers.ts';
import { groupLayers } from '../../../../src/lib/core/params/layer-kinds.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';
import { specArb } from '../../helpers/arbitraries.ts';

/** A layer's key by the per-layer rule of model/layers.ts: mixer (0, 3, 6) + ffn (0, 1, 2). */
function referenceKey(spec: ModelSpec, i: number): number {
  const kind = layerKind(spec, i);
  const mixer = { attention: 0, state: 3, none: 6 }[mixerOf(kind)];
  if (!hasFfn(kind)) return mixer;
  return mixer + (spec.moe !== null && isMoeLayer(spec.moeLayers, i) ? 2 : 1);
}

/** How many layers have each key, walking every layer. */
function referenceGroups(spec: ModelSpec): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < spec.layers; i++) {
    const key = referenceKey(spec, i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const groupsOf = (spec: ModelSpec) =>
  new Map(groupLayers(spec).groups.map((g) => [g.key, g.count] as const));

const kindArb: fc.Arbitrary<AttentionLayerKind> = fc.record({
  window: fc.oneof(
    fc.constant({ kind: 'global' as const }),
    fc.constant({ kind: 'sliding' as const, tokens: 4096 }),
  ),
  rope: fc.boolean(),
  mixer: fc.constantFrom('attention' as const, 'state' as const, 'none' as const),
  ffn: fc.boolean(),
});

/** Specs with hybrid patterns, any MoE rule and listed dense layers (in and out of range, repeated). */
const hybridArb: fc.Arbitrary<ModelSpec> = fc
  .record({
    spec: specArb,
    layers: fc.integer({ min: 1, max: 300 }),
    pattern: fc.array(kindArb, { minLength: 1, maxLength: 12 }),
    firstDense: fc.integer({ min: 0, max: 20 }),
    step: fc.integer({ min: 1, max: 9 }),
    offset: fc.integer({ min: 0, max: 9 }),
    denseLayers: fc.array(fc.integer({ min: -2, max: 320 }), { maxLength: 40 }),
  })
  .map(({ spec, layers, pattern, firstDense, step, offset, denseLayers }) => ({
    ...spec,
    layers,
    attentionPattern: pattern,
    stateMixer: {
      kind: 'mamba2' as const,
      heads: 8,
      headDim: 64,
      groups: 1,
      stateSize: 128,
      convKernel: 4,
      convBias: true,
      projBias: false,
    },
    denseMlp: spec.denseMlp ?? { intermediateSize: 1024, gated: true, bias: false },
    moeLayers: { firstDense, step, offset, denseLayers },
  }));

describe('groupLayers', () => {
  it.each([
    [
      'deepseek-v3',
      [
        [1, 3],
        [2, 58],
      ],
    ], // first_k_dense_replace 3 of 61 (the TSDoc example)
    [
      'llama4-maverick',
      [
        [1, 24],
        [2, 24],
      ],
    ], // interleave_moe_layer_step 2 of 48
    ['llama4-behemoth', [[2, 94]]], // every layer MoE
    ['llama3.1-405b', [[1, 126]]], // dense
  ])('groupLayers(%s) counts each kind: %j', (id, expected) => {
    expect([...groupsOf(presetSpec(findPreset(id)!))]).toEqual(expected);
  });

  it('groupLayers agrees with the per-layer rule (isMoeLayer, layerKind), layer by layer and in total', () => {
    fc.assert(
      fc.property(hybridArb, (spec) => {
        expect(groupsOf(spec)).toEqual(referenceGroups(spec));
        const { keyOf } = groupLayers(spec);
        for (let i = 0; i < spec.layers; i++) expect(keyOf(i)).toBe(referenceKey(spec, i));
      }),
      { numRuns: 300 },
    );
  });

  it('groupLayers of a spec outside the validated ranges (step 0, a negative step, fractions) follows the same rule', () => {
    fc.assert(
      fc.property(
        hybridArb,
        fc.constantFrom(0, -2, 1.5),
        fc.constantFrom(0, 1, 0.5, -1),
        (spec, step, offset) => {
          const odd = { ...spec, moeLayers: { ...spec.moeLayers, step, offset } };
          expect(groupsOf(odd)).toEqual(referenceGroups(odd));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('groupLayers of an empty layer pattern names layer_types, as validateSpec does', () => {
    const spec = { ...fixtureSpec('llama3.1-8b'), attentionPattern: [] };
    expect(() => groupLayers(spec)).toThrow('layer_types: expected at least one layer kind');
  });
});

describe('countParams(...).layers', () => {
  it('countParams lists every layer with the counts of its kind, summing to the breakdown', () => {
    fc.assert(
      fc.property(hybridArb, (spec) => {
        const count = countParams(spec);
        expect(count.layers).toHaveLength(spec.layers);
        let attention = 0;
        let routed = 0;
        count.layers.forEach((layer, i) => {
          expect(layer.index).toBe(i);
          expect(layer.ffn).toBe(['none', 'dense', 'moe'][referenceKey(spec, i) % 3]);
          attention += layer.attention;
          routed += layer.routedExperts;
        });
        expect(attention).toBe(count.breakdown.attention);
        expect(routed).toBe(count.breakdown.routedExperts);
      }),
      { numRuns: 200 },
    );
  });

  it('countParams(...).layers is made once, and is seen by JSON, spreads, rest patterns and structuredClone', () => {
    const count = countParams(fixtureSpec('llama4-maverick'));
    expect(count.layers).toBe(count.layers);
    expect(Object.keys(count)).toEqual([
      'total',
      'active',
      'activeExcludingEmbedding',
      'textTotal',
      'mtp',
      'breakdown',
      'activeBreakdown',
      'layers',
    ]);
    expect(JSON.parse(JSON.stringify(count)).layers).toHaveLength(48);
    expect({ ...count }.layers).toBe(count.layers);
    const { layers, ...rest } = count;
    expect(layers).toHaveLength(48);
    expect(rest).not.toHaveProperty('layers');
    expect(structuredClone(count)).toEqual({ ...count });
  });

  it('countParams(...).layers does not change when the spec is edited after counting', () => {
    const spec = structuredClone(fixtureSpec('deepseek-v3'));
    const count = countParams(spec);
    spec.layers = 3;
    spec.moeLayers.firstDense = 0;
    expect(count.layers).toHaveLength(61);
    expect(count.layers.filter((l) => l.ffn === 'moe')).toHaveLength(58);
  });
});
