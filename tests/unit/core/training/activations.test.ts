import { describe, expect, it } from 'vitest';
import { countParams, type ModelSpec } from '../../../../src/lib/core/index.ts';
import {
  gemmInputBytes,
  layerActivationBytes,
  tokensPerGpu,
  type ActivationSettings,
} from '../../../../src/lib/core/training/activations.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

const llama = fixtureSpec('llama3.1-8b');

/** GPT-3 175B's layer as Korthikanti et al. count it: h 12288, 96 heads, a 4h MLP, MHA. */
const gpt3: ModelSpec = {
  ...llama,
  name: 'GPT-3 175B',
  hiddenSize: 12288,
  layers: 96,
  vocabSize: 51200,
  norm: { kind: 'layernorm', bias: true },
  attention: {
    ...(llama.attention as Extract<ModelSpec['attention'], { kind: 'gqa' }>),
    heads: 96,
    kvHeads: 96,
    headDim: 128,
  },
  denseMlp: { intermediateSize: 4 * 12288, gated: false, bias: true },
};
const gpt3Layer = countParams(gpt3).layers[0]!;

const settings = (over: Partial<ActivationSettings> = {}): ActivationSettings => ({
  seqLen: 2048,
  microBatch: 1,
  tp: 1,
  cp: 1,
  etp: 1,
  recompute: 'none',
  precision: 'bf16',
  capacityFactor: 1,
  ...over,
});

describe('layerActivationBytes reproduces Korthikanti et al. 2022 for a GPT-3 layer', () => {
  const [s, b, h, a] = [2048, 1, 12288, 96];
  it('no parallelism, no recomputation: s·b·h·(34 + 5·a·s/h) (Eq. (1))', () => {
    expect(layerActivationBytes(gpt3, gpt3Layer, settings())).toBe(
      s * b * h * (34 + (5 * a * s) / h),
    );
  });

  it('tensor and sequence parallel t = 8: s·b·h/t·(34 + 5·a·s/h) (§4.2.2)', () => {
    expect(layerActivationBytes(gpt3, gpt3Layer, settings({ tp: 8 }))).toBe(
      ((s * b * h) / 8) * (34 + (5 * a * s) / h),
    );
  });

  it('selective recomputation: 34·s·b·h/t (§5)', () => {
    expect(layerActivationBytes(gpt3, gpt3Layer, settings({ tp: 8, recompute: 'selective' }))).toBe(
      (34 * s * b * h) / 8,
    );
  });

  it('full recomputation: the layer input, 2·s·b·h/t', () => {
    expect(layerActivationBytes(gpt3, gpt3Layer, settings({ tp: 8, recompute: 'full' }))).toBe(
      (2 * s * b * h) / 8,
    );
  });

  it('context parallel cp = 2 halves every term', () => {
    const one = layerActivationBytes(gpt3, gpt3Layer, settings({ seqLen: 4096 }));
    expect(layerActivationBytes(gpt3, gpt3Layer, settings({ seqLen: 4096, cp: 2 }))).toBe(one / 2);
  });
});

describe('layerActivationBytes reads the model', () => {
  it("Llama 3.1 8B, selective: GQA widths and SwiGLU's gate and up kept", () => {
    const layer = countParams(llama).layers[0]!;
    // Attention: norm 2h + QKV input 2h + Q, K, V 2 x (4096 + 2 x 1024) + output input 2h + mask h.
    const attention = 2 * 4096 + 2 * 4096 + 2 * (4096 + 2048) + 2 * 4096 + 4096;
    // MLP: norm 2h + input 2h + gate and up 2 x 2 x 14336 + down input 2 x 14336 + mask h.
    const mlp = 2 * 4096 + 2 * 4096 + 4 * 14336 + 2 * 14336 + 4096;
    expect(
      layerActivationBytes(llama, layer, settings({ seqLen: 8192, recompute: 'selective' })),
    ).toBe(8192 * (attention + mlp));
  });

  it("Mixtral's MoE layer: router scores and top-2 expert copies", () => {
    const mixtral = fixtureSpec('mixtral-8x7b');
    const layer = countParams(mixtral).layers[0]!;
    const h = 4096;
    const f = 14336;
    const attention = 2 * h + 2 * h + 2 * (h + 2 * 1024) + 2 * h + h;
    const perCopy = 2 * h + 2 * h + 4 * f + 2 * f; // permuted input, output for the combine, inner
    const moe = 2 * h + 2 * h + 4 * 8 + 2 * perCopy + h;
    expect(
      layerActivationBytes(mixtral, layer, settings({ seqLen: 4096, recompute: 'selective' })),
    ).toBe(4096 * (attention + moe));
    // A capacity factor of 1.25 pads the expert copies.
    const padded = layerActivationBytes(
      mixtral,
      layer,
      settings({ seqLen: 4096, recompute: 'selective', capacityFactor: 1.25 }),
    );
    expect(padded).toBe(4096 * (attention + moe + 0.25 * 2 * perCopy));
  });

  it("a sliding window caps the score term: gpt-oss's 128-token layers", () => {
    const oss = fixtureSpec('gpt-oss-20b');
    const [sliding, global] = countParams(oss).layers;
    const none = settings({ seqLen: 4096 });
    const selective = settings({ seqLen: 4096, recompute: 'selective' });
    const scores = (layer: typeof sliding) =>
      layerActivationBytes(oss, layer!, none) - layerActivationBytes(oss, layer!, selective);
    expect(scores(sliding)).toBe(4096 * 5 * 64 * 128);
    expect(scores(global)).toBe(4096 * 5 * 64 * 4096);
  });

  it('fp8 keeps GEMM inputs in FP8 with 1 x 128 scales', () => {
    expect(gemmInputBytes('bf16')).toBe(2);
    expect(gemmInputBytes('fp8')).toBe(1 + 4 / 128);
    const layer = countParams(llama).layers[0]!;
    expect(layerActivationBytes(llama, layer, settings({ precision: 'fp8' }))).toBeLessThan(
      layerActivationBytes(llama, layer, settings()),
    );
  });

  it('tokensPerGpu is s·b/(tp·cp); an unknown recompute names the field', () => {
    expect(tokensPerGpu(settings({ seqLen: 8192, microBatch: 2, tp: 4, cp: 2 }))).toBe(2048);
    const layer = countParams(llama).layers[0]!;
    expect(() =>
      layerActivationBytes(llama, layer, settings({ recompute: 'some' as 'full' })),
    ).toThrow('recompute: expected none, selective or full, got "some"');
  });
});
