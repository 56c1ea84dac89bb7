import { describe, expect, it } from 'vitest';
import {
  benchmarkRun,
  ConfigError,
  decodeAt,
  findDevice,
  findPreset,
  finiteWorkload,
  isFlood,
  presetSpec,
  resolveServing,
  runsStepByStep,
  type EngineId,
  type FiniteRunShape,
} from '../../../../src/lib/core/index.ts';

/** DeepSeek-V3 FP8 on 8 x H200 under `engine`, `batch` the client's concurrency. */
function deepseek(engine: EngineId, batch: number, speculative = false) {
  return benchmarkRun(
    resolveServing(presetSpec(findPreset('deepseek-v3')!), {
      device: findDevice('h200')!,
      devices: 8,
      tp: 8,
      batch,
      contextTokens: 2048 + 1024,
      memory: { engine },
      weights: 'fp8',
      kvDtype: 'bf16',
      ...(speculative && {
        speculative: { method: 'mtp' as const, draftTokens: 1, acceptance: 0.8 },
      }),
    }),
  );
}

/** 640 prompts, answers uniform from 10 to 990 (a random dataset's). */
const UNIFORM: FiniteRunShape = { prompts: 640, outputMin: 10, outputMax: 990 };

describe('a run at a request rate', () => {
  // Past saturation the requests queue at the client's 64 and are sent as slots free: the run at
  // 64 without a rate. On SGLang that run goes answer by answer (finite-run.ts), so the passes
  // of prompts alone (flood-scheduler.ts) must agree with a model built another way; on vLLM it
  // is the same scheduler.
  it.each([
    ['sglang', 0.02],
    ['vllm', 0.01],
  ] as const)(
    'on %s, far above what the devices take, is its run at the client’s concurrency, within %s',
    (engine, within) => {
      const r = deepseek(engine, 64);
      const slots = finiteWorkload(r, 1000, UNIFORM);
      const rated = finiteWorkload(r, 1000, { ...UNIFORM, requestRate: 100_000 });
      const off = (a: number, b: number) => Math.abs(a / b - 1);
      expect(off(rated.outputTokensPerSecond, slots.outputTokensPerSecond)).toBeLessThan(within);
      expect(off(rated.timePerOutputTokenSeconds, slots.timePerOutputTokenSeconds)).toBeLessThan(
        within,
      );
    },
  );

  it('far below capacity, outputs what the client asks for: the rate times the answers (Little)', () => {
    // 0.2 requests a second of 1,024-token answers, 100 of them over about 500 s: 204.8 tok/s
    // asked for; the run ends one answer (about 12 s) after the last request is sent.
    const shape: FiniteRunShape = {
      prompts: 100,
      outputMin: 1024,
      outputMax: 1024,
      requestRate: 0.2,
    };
    const run = finiteWorkload(deepseek('vllm', 100), 2048, shape);
    expect(run.outputTokensPerSecond / (0.2 * 1024)).toBeGreaterThan(0.95);
    expect(run.outputTokensPerSecond / (0.2 * 1024)).toBeLessThan(1.02);
    // A request's latency is its TTFT and 1,023 more tokens: the run's summed latencies agree.
    const latency = (run.meanConcurrency * run.durationSeconds) / 100;
    const ttft = run.simulated!.meanTimeToFirstTokenSeconds;
    expect(latency / (ttft + 1023 * run.timePerOutputTokenSeconds)).toBeCloseTo(1, 9);
    // Little's law: in flight, the rate asked for times a request's latency, within 5%.
    expect(run.meanConcurrency / (0.2 * latency)).toBeGreaterThan(0.95);
    expect(run.meanConcurrency / (0.2 * latency)).toBeLessThan(1.05);
  });

  it('gives each request a longer TPOT and TTFT as the rate rises', () => {
    const r = deepseek('vllm', 100);
    const at = (rate: number) =>
      finiteWorkload(r, 2048, {
        prompts: 100,
        outputMin: 1024,
        outputMax: 1024,
        requestRate: rate,
      });
    const runs = [0.5, 2, 8].map(at);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.timePerOutputTokenSeconds).toBeGreaterThan(
        runs[i - 1]!.timePerOutputTokenSeconds,
      );
      expect(runs[i]!.simulated!.meanTimeToFirstTokenSeconds).toBeGreaterThan(
        runs[i - 1]!.simulated!.meanTimeToFirstTokenSeconds,
      );
    }
  });

  it('is no flood and, with answers of one length on SGLang, no lockstep: its prompts come one by one', () => {
    const r = deepseek('sglang', 100);
    const shape: FiniteRunShape = { prompts: 100, outputMin: 500, outputMax: 500, requestRate: 4 };
    expect(isFlood(r, shape)).toBe(false);
    expect(runsStepByStep(r, 1000, shape)).toBe(true);
    const run = finiteWorkload(r, 1000, shape);
    expect(run.wave).toBeNull();
    expect(run.flood).toBe(false);
    expect(run.requestRate).toBe(4);
  });

  it('runs with speculative decoding: each answer a token a verification step over the tokens it emits', () => {
    // MTP with 1 draft at 0.8: 1.8 tokens a step (speculative.ts). At one request every 5 s and
    // answers of 100 (0.6 s), few overlap: each decodes about alone, its TPOT within 5% of the
    // batch-1 step over 1.8 (what is over: the odd arrival's prompt and company).
    const r = deepseek('vllm', 10, true);
    const shape: FiniteRunShape = { prompts: 10, outputMin: 100, outputMax: 100, requestRate: 0.2 };
    expect(runsStepByStep(r, 1000, shape)).toBe(true);
    const run = finiteWorkload(r, 1000, shape);
    const one = decodeAt({ ...r, contextTokens: 1050, batch: 1 }, 1);
    expect(one.speculative!.tokensPerStep).toBeCloseTo(1.8, 12);
    const alone = 1 / one.decode.tokensPerSecondPerUser;
    expect(run.timePerOutputTokenSeconds).toBeGreaterThanOrEqual(alone * 0.999);
    expect(run.timePerOutputTokenSeconds).toBeLessThan(alone * 1.05);
    // Without speculation the same run's tokens come slower.
    const plain = finiteWorkload(deepseek('vllm', 10), 1000, shape);
    expect(run.timePerOutputTokenSeconds).toBeLessThan(plain.timePerOutputTokenSeconds / 1.3);
  });

  it('names the rate where the run cannot be simulated step by step, or the rate is not one', () => {
    // 40,000 answers of 1,000 tokens: past the 30,000,000 tokens a run simulates step by step.
    const shape: FiniteRunShape = {
      prompts: 40_000,
      outputMin: 1000,
      outputMax: 1000,
      requestRate: 2,
    };
    expect(() => finiteWorkload(deepseek('vllm', 10), 1000, shape)).toThrow(ConfigError);
    expect(() => finiteWorkload(deepseek('vllm', 10), 1000, shape)).toThrow(/request rate/);
    for (const rate of [0, -1, Number.NaN, Infinity, 2e6])
      expect(() =>
        finiteWorkload(deepseek('vllm', 10), 1000, { ...shape, requestRate: rate }),
      ).toThrow(/request rate/);
  });
});
