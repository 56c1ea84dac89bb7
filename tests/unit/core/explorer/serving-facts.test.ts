import { describe, expect, it } from 'vitest';
import {
  estimateServing,
  findDevice,
  formatBudgetPolicy,
  formatKvCapacity,
  formatSpeculative,
  parseHFConfig,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const base = {
  device: findDevice('h200')!,
  devices: 8,
  weights: 'fp8' as const,
  contextTokens: 4096,
  batch: 1,
};
const bytes = (x: number) => `${Math.round(x / 1e9)} GB`;

describe('serving facts in words', () => {
  it("states the KV pool in tokens under the engine's policy, with the core's figure", () => {
    const e = estimateServing(deepseek, base);
    expect(formatKvCapacity(e)).toBe(
      `KV cache holds ${e.kvCapacityTokens.toLocaleString('en-US')} tokens per replica under vLLM's memory policy.`,
    );
  });

  it('says there is no room when the weights fill the device', () => {
    const e = estimateServing(deepseek, { ...base, device: findDevice('h100-sxm')! });
    expect(e.kvCapacityTokens).toBe(0);
    expect(formatKvCapacity(e)).toMatch(/^No room for a KV cache/);
  });

  it("gives speculative decoding's tokens per step and speed-up; nothing when it is off", () => {
    const mtp = { method: 'mtp' as const, draftTokens: 1, acceptance: 0.85 };
    const e = estimateServing(deepseek, { ...base, speculative: mtp });
    expect(formatSpeculative(e)).toMatch(
      new RegExp(
        `^MTP, 1 draft token at 85(\\.0)?% acceptance: 1\\.85 tokens per step, ${e.speculative!.speedup.toFixed(2)}× plain decode`,
      ),
    );
    expect(formatSpeculative(estimateServing(deepseek, base))).toBeNull();
  });

  it('says when each speculative step waits for the host: SGLang’s, whose overlap scheduler is off', () => {
    const mtp = { method: 'mtp' as const, draftTokens: 3, acceptance: 0.8 };
    const sglang = estimateServing(deepseek, {
      ...base,
      speculative: mtp,
      memory: { engine: 'sglang' },
    });
    expect(formatSpeculative(sglang)).toMatch(
      / Each step waits 1\.1 ms for the host: SGLang does not overlap its scheduler with speculative steps\.$/,
    );
    expect(formatSpeculative(estimateServing(deepseek, { ...base, speculative: mtp }))).not.toMatch(
      /waits/,
    );
  });

  it('names the budget as each engine sets it', () => {
    expect(formatBudgetPolicy(estimateServing(deepseek, base), bytes)).toBe(
      'vLLM gpu_memory_utilization 0.9 × 151 GB',
    );
    const sglang = estimateServing(deepseek, { ...base, memory: { engine: 'sglang' } });
    expect(formatBudgetPolicy(sglang, bytes)).toBe(
      'SGLang mem_fraction_static 0.897 of 151 GB less its CUDA context',
    );
  });
});
