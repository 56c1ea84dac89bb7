/** fast-check arbitraries for model specs and configs. */
import fc from 'fast-check';
import type { AttentionSpec, ModelSpec, MoeSpec } from '../../../src/lib/core/index.ts';

const dim = (max: number) => fc.integer({ min: 1, max });

export const attentionArb: fc.Arbitrary<AttentionSpec> = fc.oneof(
  fc
    .record({
      kvHeads: dim(16),
      group: dim(8),
      headDim: dim(256),
      qkvBias: fc.boolean(),
      outBias: fc.boolean(),
      fusedQkv: fc.boolean(),
      qkNorm: fc.constantFrom('none', 'per-head', 'full', 'weightless' as const),
      sinks: fc.boolean(),
    })
    .map(({ group, ...a }) => ({ kind: 'gqa' as const, heads: a.kvHeads * group, ...a })),
  fc.record({
    kind: fc.constant('mla' as const),
    heads: dim(128),
    qLoraRank: fc.option(dim(2048), { nil: null }),
    kvLoraRank: dim(1024),
    qkNopeHeadDim: dim(256),
    qkRopeHeadDim: dim(128),
    vHeadDim: dim(256),
    bias: fc.boolean(),
  }),
);

const mlpArb = fc.record({ intermediateSize: dim(32768), gated: fc.boolean(), bias: fc.boolean() });

export const moeArb: fc.Arbitrary<MoeSpec> = fc
  .record({
    experts: dim(512),
    k: fc.double({ min: 0, max: 1, noNaN: true }),
    expert: mlpArb,
    routerBias: fc.boolean(),
    scoreCorrectionBias: fc.boolean(),
    shared: fc.option(
      fc.record({ count: fc.integer({ min: 0, max: 4 }), mlp: mlpArb, gate: fc.boolean() }),
      { nil: null },
    ),
    residualDense: fc.option(mlpArb, { nil: null }),
    groupLimit: fc.constant(null),
  })
  .map(({ k, ...m }) => ({ ...m, topK: Math.max(1, Math.ceil(k * m.experts)) }));

export const specArb: fc.Arbitrary<ModelSpec> = fc.record({
  name: fc.constant('arbitrary'),
  family: fc.constant('llama4' as const),
  hiddenSize: dim(16384),
  vocabSize: dim(262144),
  layers: dim(128),
  tieEmbeddings: fc.boolean(),
  lmHeadBias: fc.boolean(),
  norm: fc.record({ kind: fc.constantFrom('rmsnorm', 'layernorm' as const), bias: fc.boolean() }),
  attention: attentionArb,
  attentionPattern: fc.constant([{ window: { kind: 'global' as const }, rope: true }]),
  denseMlp: mlpArb,
  moe: fc.option(moeArb, { nil: null }),
  moeLayers: fc
    .record({ firstDense: fc.integer({ min: 0, max: 4 }), step: dim(4), offsetSeed: fc.nat() })
    .map(({ offsetSeed, ...p }) => ({ ...p, offset: offsetSeed % p.step, denseLayers: [] })),
  vision: fc.constant(null),
  mtp: fc.option(fc.record({ modules: fc.integer({ min: 0, max: 2 }) }), { nil: null }),
  maxContextTokens: fc.constant(null),
  checkpoint: fc.constant({ dtype: 'bfloat16', quantMethod: null, notQuantized: [] }),
});

/** A spec with at least one MoE layer. */
export const moeSpecArb: fc.Arbitrary<ModelSpec> = fc.tuple(specArb, moeArb).map(([spec, moe]) => ({
  ...spec,
  moe,
  moeLayers: { firstDense: 0, step: 1, offset: 0, denseLayers: [] },
}));
