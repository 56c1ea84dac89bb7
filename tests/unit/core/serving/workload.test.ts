import { describe, expect, it } from 'vitest';
import {
  decodeAt,
  findDevice,
  findPreset,
  prefill,
  presetSpec,
  resolveServing,
  workloadThroughput,
} from '../../../../src/lib/core/index.ts';

const spec = presetSpec(findPreset('deepseek-v3')!);
// TensorRT-LLM's max-throughput DeepSeek-R1 run: 8 x B200, attention DP8, EP8, NVFP4 experts
const r = resolveServing(spec, {
  device: findDevice('b200')!,
  devices: 8,
  tp: 1,
  ep: 8,
  weights: 'bf16',
  expertWeights: 'nvfp4',
  contextTokens: 3072,
  batch: 3072,
});

describe('workloadThroughput', () => {
  it('shares each second between decode at the mean context and the prompts: T = 1 / (1/D + (I/O)/P)', () => {
    const w = workloadThroughput(r, 1024, 2048);
    const d = decodeAt({ ...r, contextTokens: 1024 + 1024 }, r.batch).decode.tokensPerSecond;
    const { deployment: dep, efficiency, routing } = r;
    const p = prefill(dep, 1024, r.batch, dep.memory.maxBatchedTokens, efficiency, routing);
    const expected = 1 / (1 / d + 1024 / 2048 / p.tokensPerSecond);
    expect(w.meanDecodeContextTokens).toBe(2048);
    expect(w.outputTokensPerSecond).toBeCloseTo(expected, 9);
    expect(w.outputTokensPerSecondPerUser).toBeCloseTo(expected / 3072, 12);
    expect(w.prefillShare).toBeCloseTo(1 - expected / d, 12);
  });

  it('costs the run about a fifth of its time in prefill for 1k in and 2k out', () => {
    const { prefillShare } = workloadThroughput(r, 1024, 2048);
    expect(prefillShare).toBeGreaterThan(0.1);
    expect(prefillShare).toBeLessThan(0.3);
  });

  it('longer prompts for the same answers never raise the output rate', () => {
    const rates = [128, 1024, 8192].map((i) => workloadThroughput(r, i, 1024));
    expect(rates[0]!.outputTokensPerSecond).toBeGreaterThan(rates[1]!.outputTokensPerSecond);
    expect(rates[1]!.outputTokensPerSecond).toBeGreaterThan(rates[2]!.outputTokensPerSecond);
    expect(rates[0]!.prefillShare).toBeLessThan(rates[2]!.prefillShare);
  });
});
