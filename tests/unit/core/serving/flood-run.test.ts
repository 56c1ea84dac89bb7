import { describe, expect, it } from 'vitest';
import {
  findDevice,
  findPreset,
  finiteRun,
  benchmarkRun,
  finiteWorkload,
  isFlood,
  runsStepByStep,
  STEP_RUN_MAX_TOKENS,
  presetSpec,
  resolveServing,
  workloadThroughput,
  type FiniteRunShape,
  type ResolvedServing,
} from '../../../../src/lib/core/index.ts';

/** The run of `shape` through `r.batch` slots refilled, each step the steady state's (finite-run.ts). */
function slotsRun(r: ResolvedServing, shape: FiniteRunShape, input: number, output: number) {
  return finiteRun(shape, r.batch, (batch) => {
    const run = workloadThroughput(
      { ...r, batch, running: { ...r.running, batch } },
      input,
      output,
    );
    return {
      stepSeconds: batch / run.outputTokensPerSecond,
      timePerOutputTokenSeconds: run.timePerOutputTokenSeconds,
    };
  });
}

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

  it('is a flood run step by step; a run the client caps is no flood but vLLM’s scheduler runs it; SGLang’s passes are not run so', () => {
    expect(isFlood(r, shape)).toBe(true);
    expect(runsStepByStep(r, 215, shape)).toBe(true);
    const capped = { ...r, running: { ...r.running, offered: 100 } };
    expect(isFlood(capped, shape)).toBe(false);
    // vLLM's scheduler runs it all the same, under the client's 100.
    expect(runsStepByStep(capped, 215, shape)).toBe(true);
    expect(runsStepByStep({ ...r, prefillScheduling: 'separate' }, 215, shape)).toBe(false);
    // Past 30 million output tokens the run goes answer by answer, to stay near a second.
    const long = { ...shape, prompts: 200_000, outputMean: 151 };
    expect(long.prompts * 151).toBeGreaterThan(STEP_RUN_MAX_TOKENS);
    expect(runsStepByStep(capped, 215, long)).toBe(false);
  });

  it('puts the prompts’ prefill first: each request’s TPOT rises, the run’s output barely moves', () => {
    const flood = finiteWorkload(r, 215, shape);
    // Its KV cache holds all of them whole: no preemption.
    expect(flood.flood).toBe(true);
    expect(flood.simulated?.preemptions).toBe(0);
    // The same answers with the prefill spread over the run (finite-run.ts's steady steps).
    const spread = slotsRun(r, shape, 215, 196);
    // GPUStack printed a mean TPOT of 86.54 ms (median 51.57) for this run.
    expect(flood.timePerOutputTokenSeconds).toBeGreaterThan(1.2 * spread.timePerOutputTokenSeconds);
    expect(flood.outputTokensPerSecond / spread.outputTokensPerSecond).toBeGreaterThan(0.9);
    expect(flood.outputTokensPerSecond / spread.outputTokensPerSecond).toBeLessThan(1.1);
  });
});

describe('a flood of more prompts than vLLM’s KV cache holds whole (Qwen3-235B-A22B FP8 on 4 x H100)', () => {
  // GPUStack's 984 ShareGPT prompts at once, vLLM 0.11 (tests/fixtures/issue13-pending-cases.json
  // `b31-gpustack-qwen3-235b-fp8-h100x4-vllm0110-tp4`): 54.12 s, mean TPOT 169.20 ms.
  const r = benchmarkRun(
    resolveServing(presetSpec(findPreset('qwen3-235b-a22b')!), {
      device: findDevice('h100-sxm')!,
      devices: 4,
      tp: 4,
      batch: 984,
      contextTokens: 216 + 198,
      memory: { engine: 'vllm' },
      weights: 'fp8',
      kvDtype: 'bf16',
    }),
  );
  const shape: FiniteRunShape = {
    prompts: 984,
    outputMin: 4,
    outputMax: 2044,
    spread: 'exponential',
    outputMean: 198,
  };

  it('is a flood on vLLM, which admits a request for the KV it has computed, not for its whole answer', () => {
    // At their whole length fewer than half of them fit.
    expect(r.running.capBy).toMatch(/^the KV cache/);
    expect(r.batch).toBeLessThan(984 / 2);
    expect(runsStepByStep(r, 216, shape)).toBe(true);
    // TensorRT-LLM reserves the whole answer up front (GUARANTEED_NO_EVICT): no flood here.
    const trt = {
      ...r,
      deployment: {
        ...r.deployment,
        memory: { ...r.deployment.memory, engine: 'trtllm' as const },
      },
    };
    expect(runsStepByStep(trt, 216, shape)).toBe(false);
  });

  it('runs more of them at once than fit whole and pays in preemptions: each request’s TPOT rises', () => {
    const flood = finiteWorkload(r, 216, shape);
    expect(flood.simulated!.preemptions).toBeGreaterThan(0);
    // The run at the KV cache's batch, its slots refilled (finite-run.ts).
    const slots = slotsRun(r, shape, 216, 198);
    expect(flood.timePerOutputTokenSeconds).toBeGreaterThan(1.2 * slots.timePerOutputTokenSeconds);
    expect(flood.durationSeconds).toBeLessThan(slots.durationSeconds);
  });
});

describe('a vLLM run whose weights leave its KV cache no room', () => {
  it('goes answer by answer, beside the estimate that says it does not fit, rather than fail', () => {
    const r = resolveServing(presetSpec(findPreset('llama4-maverick')!), {
      device: findDevice('h100-sxm')!,
      devices: 8,
      tp: 8,
      batch: 16,
      contextTokens: 1000,
      memory: { engine: 'vllm' },
      weights: 'bf16',
    });
    const shape: FiniteRunShape = { prompts: 80, outputMin: 1, outputMax: 999 };
    expect(runsStepByStep(r, 500, shape)).toBe(false);
    expect(finiteWorkload(r, 500, shape).simulated).toBeNull();
  });

  it('goes answer by answer too where one request is longer than the whole cache', () => {
    // Maverick with FP8 experts on 8 x H100 holds about 570,000 tokens (the gated
    // maverick-fp8-8xh100-430k).
    const r = resolveServing(presetSpec(findPreset('llama4-maverick')!), {
      device: findDevice('h100-sxm')!,
      devices: 8,
      tp: 8,
      batch: 1,
      contextTokens: 1_000_000,
      memory: { engine: 'vllm' },
      weights: 'bf16',
      expertWeights: 'fp8',
      kvLayout: 'full',
    });
    const shape: FiniteRunShape = { prompts: 2, outputMin: 100, outputMax: 100 };
    expect(runsStepByStep(r, 500_000, shape)).toBe(true);
    expect(runsStepByStep(r, 900_000, shape)).toBe(false);
    expect(() => finiteWorkload(r, 900_000, shape)).not.toThrow();
  });
});
