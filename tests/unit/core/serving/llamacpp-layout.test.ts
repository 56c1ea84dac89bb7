import { describe, expect, it } from 'vitest';
import {
  estimateServing,
  findDevice,
  llamaCppDefaultLayout,
  stagesRunInTurn,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

describe('llamaCppDefaultLayout', () => {
  it('splits the layers one stage a GPU (common/arg.cpp: "layer (default)")', () => {
    expect(llamaCppDefaultLayout(4)).toEqual({ tp: 1, ep: 1, pp: 4 });
    expect(llamaCppDefaultLayout(1)).toEqual({ tp: 1, ep: 1, pp: 1 });
  });
});

describe('stagesRunInTurn', () => {
  it('holds for llama.cpp alone', () => {
    expect(stagesRunInTurn('llamacpp')).toBe(true);
    expect(stagesRunInTurn('vllm')).toBe(false);
    expect(stagesRunInTurn(undefined)).toBe(false);
  });
});

describe('a llama.cpp decode step over a layer split', () => {
  // gpt-oss-20b (24 layers) on RTX 3090s, Q8_0 beside MXFP4 experts, as ggml-org's file.
  const oss = fixtureSpec('gpt-oss-20b');
  const base: ServingOptions = {
    device: findDevice('rtx-3090')!,
    devices: 1,
    contextTokens: 8192,
    batch: 1,
    weights: 'q8_0',
    expertWeights: 'mxfp4',
    memory: { engine: 'llamacpp' },
  };
  const step = (batch: number, devices: number) => {
    const layout = devices > 1 ? { tp: 1, pp: devices } : {};
    return estimateServing(oss, { ...base, ...layout, devices, batch }).decode;
  };

  it.each([1, 16])(
    "at batch %i takes one GPU's step plus each stage's send of the hidden states",
    (batch) => {
      const one = step(batch, 1);
      const four = step(batch, 4);
      // Each stage reads its layers once for the whole batch, in turn: the four stages read what
      // one GPU reads, and each adds its send (communication.ts `pipelineSendSeconds`).
      expect(four.distinctExpertsPerLayer).toBeCloseTo(one.distinctExpertsPerLayer, 12);
      expect(four.communicationSeconds).toBeGreaterThan(0);
      expect(four.stepSeconds).toBeCloseTo(one.stepSeconds + 4 * four.communicationSeconds, 12);
    },
  );

  it('under vLLM splits the batch into micro-batches, one a stage', () => {
    const vllm = estimateServing(oss, {
      ...base,
      devices: 4,
      tp: 1,
      pp: 4,
      batch: 16,
      memory: { engine: 'vllm' },
    }).decode;
    // Four sequences a micro-batch touch fewer experts than the whole batch of sixteen.
    expect(vllm.distinctExpertsPerLayer).toBeLessThan(step(16, 4).distinctExpertsPerLayer);
  });
});
