import { describe, expect, it } from 'vitest';
import {
  countParams,
  findPreset,
  kernelsPerLayer,
  KERNEL_SECONDS,
  presetSpec,
} from '../../../../src/lib/core/index.ts';

/** Kernels of layer `index` of a preset. */
function kernelsOf(id: string, index: number): number {
  const spec = presetSpec(findPreset(id)!);
  const layer = countParams(spec).layers[index]!;
  return kernelsPerLayer(spec, spec.attentionPattern[index % spec.attentionPattern.length]!, layer);
}

describe('kernelsPerLayer', () => {
  it.each([
    // [preset, layer, kernels, why]
    ['llama3.1-8b', 0, 9, 'GQA 5 (norm, qkv, rope, attention, o_proj) + dense FFN 4'],
    ['llama4-scout', 0, 17, 'GQA with its L2 q/k norm 6 + routed experts 8 + shared expert 3'],
    ['gpt-oss-120b', 0, 13, 'GQA 5 (sinks live in the attention kernel) + routed experts 8'],
    ['qwen3-30b-a3b', 0, 14, 'GQA with a per-head q/k norm 6 + routed experts 8'],
    ['deepseek-v3', 0, 15, 'MLA 11 + dense FFN 4 (first_k_dense_replace = 3)'],
    ['deepseek-v3', 3, 22, 'MLA 11 + routed experts 8 + shared expert 3'],
  ])('%s layer %i launches %i kernels: %s', (id, index, kernels) => {
    expect(kernelsOf(id, index)).toBe(kernels);
  });

  it('gives a step of DeepSeek-V3 at batch 1 a fixed 61-layer floor of 1.3 ms at 5 us a kernel', () => {
    // 3 dense layers x 15 + 58 MoE layers x 22 = 1,321 kernels
    const spec = presetSpec(findPreset('deepseek-v3')!);
    const { layers } = countParams(spec);
    const total = layers.reduce(
      (sum, l, i) =>
        sum + kernelsPerLayer(spec, spec.attentionPattern[i % spec.attentionPattern.length]!, l),
      0,
    );
    expect(total).toBe(1321);
    expect(total * KERNEL_SECONDS).toBeCloseTo(6.605e-3, 12);
  });
});
