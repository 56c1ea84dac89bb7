import { describe, expect, it } from 'vitest';
import {
  findDevice,
  findPreset,
  finiteRun,
  finiteWorkload,
  isFlood,
  presetSpec,
  resolveServing,
  simulateFlood,
  workloadThroughput,
  type FiniteRunShape,
} from '../../../../src/lib/core/index.ts';

describe('simulateFlood', () => {
  it('runs two prompts of 4 tokens on a budget of 5: hand-derived, step by step', () => {
    // Decode 1 s a step at any batch, prefill 0.25 s a token; answers of 2 and 3 tokens.
    // Step 1: no one decodes; A's 4 tokens and 1 of B's: 1.25 s, A's first token.
    // Step 2: A decodes, B's last 3: 1 + 0.75 s (3.0 s); A ends (TPOT 1.75), B's first token.
    // Steps 3 and 4: B decodes, 1 s each; it ends at 5.0 s (TPOT (5 - 3) / 2 = 1).
    const run = simulateFlood({
      lengths: [2, 3],
      inputTokens: 4,
      budget: 5,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0.25,
    });
    expect(run).toEqual({ durationSeconds: 5, latencySumSeconds: 8, meanTpotSeconds: 1.375 });
  });

  it('gives the decodes the budget first: 3 running of a budget of 4 leave a prompt a token a step', () => {
    const run = simulateFlood({
      lengths: [10, 10, 10, 10],
      inputTokens: 1,
      budget: 4,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0,
    });
    // All four prompts fit the first step's budget: 1 + 9 decode steps.
    expect(run.durationSeconds).toBe(9);
    const tight = simulateFlood({
      lengths: [10, 10, 10, 10],
      inputTokens: 2,
      budget: 4,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0,
    });
    // Step 1 prefills two prompts (0 s: none decodes yet); step 2: two decode, the third
    // prompt's 2 tokens (1 s); steps 3 and 4: three decode and 1 token is left, so the last
    // prompt takes both (its first token at 3 s). The first two end at 9 s, the third at 10, the
    // last at 12: every one 1 s a token once it is in.
    expect(tight).toEqual({ durationSeconds: 12, latencySumSeconds: 40, meanTpotSeconds: 1 });
  });
});

describe('a flood of 1,000 ShareGPT prompts on vLLM (gpt-oss-120b on 2 x H100)', () => {
  const r = resolveServing(presetSpec(findPreset('gpt-oss-120b')!), {
    device: findDevice('h100-sxm')!,
    devices: 2,
    tp: 2,
    batch: 1000,
    contextTokens: 215 + 196,
    memory: { engine: 'vllm' },
    weights: 'bf16',
    expertWeights: 'mxfp4',
    kvDtype: 'bf16',
  });
  const shape: FiniteRunShape = {
    prompts: 1000,
    outputMin: 4,
    outputMax: 2044,
    spread: 'exponential',
    outputMean: 196,
  };

  it('is a flood, and a capped run or SGLang’s passes are not', () => {
    expect(isFlood(r, shape)).toBe(true);
    expect(isFlood({ ...r, batch: 100 }, shape)).toBe(false);
    expect(isFlood({ ...r, prefillScheduling: 'separate' }, shape)).toBe(false);
  });

  it('puts the prompts’ prefill first: each request’s TPOT rises, the run’s output barely moves', () => {
    const flood = finiteWorkload(r, 215, shape);
    expect(flood.flood).toBe(true);
    // The same answers with the prefill spread over the run (finite-run.ts's steady steps).
    const spread = finiteRun(shape, r.batch, (batch) => {
      const run = workloadThroughput({ ...r, batch, running: { ...r.running, batch } }, 215, 196);
      return {
        stepSeconds: batch / run.outputTokensPerSecond,
        timePerOutputTokenSeconds: run.timePerOutputTokenSeconds,
      };
    });
    // GPUStack printed a mean TPOT of 86.54 ms (median 51.57) for this run.
    expect(flood.timePerOutputTokenSeconds).toBeGreaterThan(1.2 * spread.timePerOutputTokenSeconds);
    expect(flood.outputTokensPerSecond / spread.outputTokensPerSecond).toBeGreaterThan(0.9);
    expect(flood.outputTokensPerSecond / spread.outputTokensPerSecond).toBeLessThan(1.1);
  });
});
