import { describe, expect, it } from 'vitest';
import { countParams } from '../../../../src/lib/core/index.ts';
import type { ActivationSettings } from '../../../../src/lib/core/training/activations.ts';
import { layerActivationBytes } from '../../../../src/lib/core/training/activations.ts';
import {
  dispatchBufferBytes,
  embeddingBytes,
  microBatchesInFlight,
  outputLayerBytes,
  stageActivationBytes,
} from '../../../../src/lib/core/training/activations-pipeline.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

const llama = fixtureSpec('llama3.1-8b');
const layers = countParams(llama).layers;
const settings: ActivationSettings = {
  seqLen: 8192,
  microBatch: 1,
  tp: 1,
  cp: 1,
  etp: 1,
  recompute: 'selective',
  precision: 'bf16',
  capacityFactor: 1,
};

describe('stageActivationBytes', () => {
  it('1F1B: stage i of p holds p − i micro-batches (Korthikanti §4.2.3)', () => {
    expect([0, 1, 2, 3].map((s) => microBatchesInFlight(s, 4))).toEqual([4, 3, 2, 1]);
  });

  it('the first of 4 stages holds as much as all 32 layers of one micro-batch, plus 4 embedding masks', () => {
    const perLayer = layerActivationBytes(llama, layers[0]!, settings);
    const first = stageActivationBytes(llama, layers.slice(0, 8), 0, 4, settings);
    expect(first).toBe(32 * perLayer + 4 * embeddingBytes(llama, settings));
  });

  it('the last stage adds the output layer: norm and projection inputs and FP32 logits (4·v bytes per token)', () => {
    expect(outputLayerBytes(llama, settings)).toBe(8192 * (4 * 4096 + 4 * 128256));
    const perLayer = layerActivationBytes(llama, layers[0]!, settings);
    expect(stageActivationBytes(llama, layers.slice(24), 3, 4, settings)).toBe(
      8 * perLayer + outputLayerBytes(llama, settings),
    );
  });
});

describe('dispatchBufferBytes', () => {
  it('0 without MoE layers', () => {
    expect(dispatchBufferBytes(llama, layers, settings)).toBe(0);
  });

  it("Mixtral: send and receive buffers for each token's 2 copies, in bf16 or FP8", () => {
    const mixtral = fixtureSpec('mixtral-8x7b');
    const moeLayers = countParams(mixtral).layers;
    expect(dispatchBufferBytes(mixtral, moeLayers, { ...settings, seqLen: 4096 })).toBe(
      2 * 2 * 4096 * 4096 * 2,
    );
    expect(
      dispatchBufferBytes(mixtral, moeLayers, { ...settings, seqLen: 4096, precision: 'fp8' }),
    ).toBe(2 * 2 * 4096 * 4096 * (1 + 4 / 128));
  });
});
