import { describe, expect, it } from 'vitest';
import { isMoeLayer, type MoeLayerPattern } from '../../../../src/lib/core/index.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

const maverick: MoeLayerPattern = { firstDense: 0, step: 2, offset: 1, denseLayers: [] };
const deepseek: MoeLayerPattern = { firstDense: 3, step: 1, offset: 0, denseLayers: [] };
const qwen2: MoeLayerPattern = { firstDense: 0, step: 1, offset: 0, denseLayers: [0] };

describe('isMoeLayer', () => {
  it.each<[string, MoeLayerPattern, number, boolean]>([
    ['Llama 4 Maverick (step 2, offset 1)', maverick, 3, true], // the TSDoc example
    ['Llama 4 Maverick (step 2, offset 1)', maverick, 2, false],
    ['DeepSeek-V3 (first_k_dense_replace 3)', deepseek, 2, false],
    ['DeepSeek-V3 (first_k_dense_replace 3)', deepseek, 3, true],
    ['Qwen2-MoE (mlp_only_layers [0])', qwen2, 0, false],
    ['Qwen2-MoE (mlp_only_layers [0])', qwen2, 1, true],
  ])('isMoeLayer(%s, %i) is %s', (_, pattern, index, moe) => {
    expect(isMoeLayer(pattern, index)).toBe(moe);
  });
});

describe('isMoeLayer over many layers', () => {
  it('finding 2: isMoeLayer over 4,096 layers with 4,000 listed dense is linear (a Set, not includes), fast', () => {
    const denseLayers = Array.from({ length: 4000 }, (_, i) => i);
    const pattern: MoeLayerPattern = { firstDense: 0, step: 1, offset: 0, denseLayers };
    const start = cpuNow();
    let moe = 0;
    for (let round = 0; round < 50; round++)
      for (let i = 0; i < 4096; i++) if (isMoeLayer(pattern, i)) moe++;
    expect(cpuNow() - start).toBeLessThan(100);
    expect(moe).toBe(50 * 96);
  });
});
