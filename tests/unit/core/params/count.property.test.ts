import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countMoeLayers, countParams, mlpParams } from '../../../../src/lib/core/index.ts';
import { moeSpecArb, specArb } from '../../helpers/arbitraries.ts';

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
