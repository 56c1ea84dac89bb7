import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countParams, type ModelSpec } from '../../../../src/lib/core/index.ts';
import {
  layerActivationBytes,
  type Recompute,
} from '../../../../src/lib/core/training/activations.ts';
import {
  trainingMemory,
  type TrainingMemoryOptions,
} from '../../../../src/lib/core/training/memory.ts';
import { specArb } from '../../helpers/arbitraries.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

const models = ['llama3.1-8b', 'mixtral-8x7b', 'qwen3-30b-a3b', 'gpt-oss-20b', 'deepseek-v3'].map(
  (id) => {
    const spec = fixtureSpec(id);
    return { id, spec, counts: countParams(spec) };
  },
);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a * b) / gcd(a, b);

/** A valid layout for one of the models, and a base GPU count it divides. */
const layoutArb = fc
  .record({
    model: fc.constantFrom(...models),
    tp: fc.constantFrom(1, 2, 4),
    pp: fc.constantFrom(1, 2, 4),
    cp: fc.constantFrom(1, 2),
    ep: fc.constantFrom(1, 2, 4, 8),
    zero: fc.constantFrom(0, 1, 2, 3 as const),
    recompute: fc.constantFrom<Recompute>('none', 'selective', 'full'),
    finetune: fc.constantFrom(undefined, 'full', 'lora', 'qlora' as const),
    precision: fc.constantFrom('bf16', 'fp8' as const),
    microBatch: fc.integer({ min: 1, max: 4 }),
    seqLen: fc.constantFrom(1024, 4096),
  })
  .filter(
    ({ model, tp, ep }) =>
      model.spec.attention.heads % tp === 0 &&
      (model.spec.moe ? model.spec.moe.experts % ep === 0 : ep === 1),
  )
  .map(({ model, ...o }) => {
    const etp = o.ep > 1 ? 1 : o.tp;
    const base = lcm(o.tp * o.pp * o.cp, etp * o.ep * o.pp);
    const options: Omit<TrainingMemoryOptions, 'gpus'> = { device: 'h100-sxm', ...o };
    if (o.finetune === undefined) delete options.finetune;
    return { model, base, options };
  });

const total = (
  spec: ModelSpec,
  counts: ReturnType<typeof countParams>,
  options: TrainingMemoryOptions,
) => trainingMemory(spec, counts, options).memoryPerGpuBytes;

describe('trainingMemory properties (issue 14 acceptance)', () => {
  it('more GPUs with the same tp, pp, ep, cp never raise memory per GPU', () => {
    fc.assert(
      fc.property(
        layoutArb,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        ({ model, base, options }, k, more) => {
          const fewer = total(model.spec, model.counts, { ...options, gpus: base * k }).total;
          const after = total(model.spec, model.counts, {
            ...options,
            gpus: base * (k + more),
          }).total;
          expect(after).toBeLessThanOrEqual(fewer * (1 + 1e-12));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('recomputation none -> selective -> full never raises activation memory', () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 1, max: 4 }), ({ model, base, options }, k) => {
        const acts = (recompute: Recompute) =>
          total(model.spec, model.counts, { ...options, gpus: base * k, recompute }).activations;
        expect(acts('selective')).toBeLessThanOrEqual(acts('none'));
        expect(acts('full')).toBeLessThanOrEqual(acts('selective'));
      }),
      { numRuns: 60 },
    );
  });

  it('ZeRO stage n + 1 never needs more memory than stage n', () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 1, max: 4 }), ({ model, base, options }, k) => {
        const at = (zero: 0 | 1 | 2 | 3) =>
          total(model.spec, model.counts, { ...options, gpus: base * k, zero }).total;
        expect(at(1)).toBeLessThanOrEqual(at(0));
        expect(at(2)).toBeLessThanOrEqual(at(1));
        expect(at(3)).toBeLessThanOrEqual(at(2));
      }),
      { numRuns: 60 },
    );
  });

  it('per layer, on any model, recomputation never raises activations', () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom(512, 4096), (spec, seqLen) => {
        const layer = countParams(spec).layers[0]!;
        const at = (recompute: Recompute) =>
          layerActivationBytes(spec, layer, {
            seqLen,
            microBatch: 1,
            tp: 1,
            cp: 1,
            etp: 1,
            recompute,
            precision: 'bf16',
            capacityFactor: 1,
          });
        expect(at('selective')).toBeLessThanOrEqual(at('none'));
        expect(at('full')).toBeLessThanOrEqual(at('selective'));
      }),
      { numRuns: 100 },
    );
  });
});
