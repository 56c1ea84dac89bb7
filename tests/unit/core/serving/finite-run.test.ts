import { describe, expect, it } from 'vitest';
import {
  answerLengths,
  EXACT_STEP_BATCHES,
  findDevice,
  findPreset,
  finiteRun,
  finiteWorkload,
  presetSpec,
  resolveServing,
  workloadThroughput,
  type FiniteRunShape,
} from '../../../../src/lib/core/index.ts';

const constant = () => ({ stepSeconds: 1, timePerOutputTokenSeconds: 1 });
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('finiteRun', () => {
  it('runs answers of 2 and 3 tokens in two slots: 5 tokens in 3 steps, a concurrency of 5 / 3', () => {
    const run = finiteRun({ prompts: 2, outputMin: 1, outputMax: 3 }, 2, constant);
    expect(run.durationSeconds).toBe(3);
    expect(run.outputTokensPerSecond).toBeCloseTo(5 / 3, 12);
    expect(run.meanConcurrency).toBeCloseTo(5 / 3, 12);
    expect(run.timePerOutputTokenSeconds).toBe(1);
  });

  it('is the steady state when every answer has one length and the prompts fill the slots evenly', () => {
    // 12 answers of 100 tokens through 4 slots: three rounds of 100 steps at batch 4.
    const run = finiteRun({ prompts: 12, outputMin: 100, outputMax: 100 }, 4, (b) => ({
      stepSeconds: 0.01 + 0.001 * b,
      timePerOutputTokenSeconds: 0.02,
    }));
    expect(run.durationSeconds).toBeCloseTo(300 * 0.014, 12);
    expect(run.outputTokensPerSecond).toBeCloseTo(4 / 0.014, 9);
    expect(run.meanConcurrency).toBeCloseTo(4, 12);
    expect(run.timePerOutputTokenSeconds).toBeCloseTo(0.02, 12);
  });

  it('ends on a partial round when the prompts do not fill the slots evenly: 10 through 4', () => {
    // Rounds of 4, 4 and 2 answers of 10 tokens, each step 1 s: 100 tokens in 30 s.
    const run = finiteRun({ prompts: 10, outputMin: 10, outputMax: 10 }, 4, constant);
    expect(run.durationSeconds).toBe(30);
    expect(run.meanConcurrency).toBeCloseTo(100 / 30, 12);
  });

  it('loses a sixth of the slots to the run’s end for answers uniform over [1, 999], 80 prompts at 16', () => {
    // The slots empty one by one after the 80th prompt is admitted: about 84% stay busy.
    const run = finiteRun({ prompts: 80, outputMin: 1, outputMax: 999 }, 16, constant);
    expect(run.meanConcurrency / 16).toBeGreaterThan(0.8);
    expect(run.meanConcurrency / 16).toBeLessThan(0.9);
    expect(run.outputTokensPerSecond).toBeCloseTo(run.meanConcurrency, 9); // a token a slot a step
  });

  it('lasts as long as its longest answer when every prompt is in flight at once', () => {
    // A step of 1 s whatever the batch: 1,000 prompts in 1,000 slots end with the longest answer,
    // 392 steps for answers uniform over [4, 392], 1,505 for exponential ones of the same mean.
    const uniform = { prompts: 1000, outputMin: 4, outputMax: 392 };
    const exponential: FiniteRunShape = {
      ...uniform,
      outputMax: 2044,
      spread: 'exponential',
      outputMean: 198,
    };
    expect(finiteRun(uniform, 1000, constant).durationSeconds).toBe(392);
    const tail = finiteRun(exponential, 1000, constant);
    expect(tail.durationSeconds).toBe(1505);
    expect(tail.longestAnswer).toBe(1505);
  });

  it('gives the tail’s faster steps to the requests in it: their time per token falls', () => {
    const run = finiteRun({ prompts: 80, outputMin: 1, outputMax: 999 }, 16, (b) => ({
      stepSeconds: 0.01 + 0.001 * b,
      timePerOutputTokenSeconds: 0.01 + 0.001 * b,
    }));
    expect(run.timePerOutputTokenSeconds).toBeLessThan(0.026);
    expect(run.timePerOutputTokenSeconds).toBeGreaterThan(0.02);
  });

  it('gives the requests’ time per output token at the median and the 99th percentile', () => {
    // Answers of 2 and 3 tokens, a step's time per token the batch in seconds: the 2-token
    // answer runs two steps at batch 2 (2 s a token); the 3-token one two at 2, one at 1 (5/3).
    const run = finiteRun({ prompts: 2, outputMin: 1, outputMax: 3 }, 2, (b) => ({
      stepSeconds: b,
      timePerOutputTokenSeconds: b,
    }));
    expect(run.timePerOutputTokenSeconds).toBeCloseTo((2 + 5 / 3) / 2, 12);
    expect(run.tpot.median).toBeCloseTo((2 + 5 / 3) / 2, 12);
    expect(run.tpot.p99).toBeCloseTo(5 / 3 + 0.99 * (1 / 3), 12);
    // Answered answer by answer, the run has no time to first token of its own.
    expect(run.simulated).toBeNull();
  });

  it('asks for each batch’s step once', () => {
    const asked: number[] = [];
    finiteRun({ prompts: 200, outputMin: 1, outputMax: 99 }, 8, (b) => {
      asked.push(b);
      return { stepSeconds: 1, timePerOutputTokenSeconds: 1 };
    });
    expect(new Set(asked).size).toBe(asked.length);
    expect(sorted(asked)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('finiteRun on a shape it cannot run', () => {
  it.each([
    [
      { prompts: 0, outputMin: 1, outputMax: 3 },
      'prompts: expected an integer from 1 to 1,048,576, got 0',
    ],
    [
      { prompts: 2.5, outputMin: 1, outputMax: 3 },
      'prompts: expected an integer from 1 to 1,048,576, got 2.5',
    ],
    [
      { prompts: 4, outputMin: 0, outputMax: 3 },
      'output min: expected an integer from 1 to 268,435,456, got 0',
    ],
    [
      { prompts: 4, outputMin: 5, outputMax: 3 },
      'output max: expected an integer from output min (5) to 268,435,456, got 3',
    ],
    [
      { prompts: 4, outputMin: 1, outputMax: 3, spread: 'normal' },
      'output spread: expected uniform or exponential, got "normal"',
    ],
    [
      { prompts: 4, outputMin: 4, outputMax: 100, spread: 'exponential', outputMean: 198 },
      "output mean: expected a number from output min (4) to output max (100), the exponential answers' mean, got 198",
    ],
  ])('refuses %j, naming the field', (shape, message) => {
    expect(() => finiteRun(shape as FiniteRunShape, 2, constant)).toThrow(message);
  });
});

describe('finiteRun past EXACT_STEP_BATCHES in flight', () => {
  it('asks for the steps on a grid 2% apart and gives the exact run within 0.1%', () => {
    const step = (b: number) => ({
      stepSeconds: 0.02 + 1e-5 * b + 0.004 * Math.sqrt(b),
      timePerOutputTokenSeconds: 0.03,
    });
    const asked = new Set<number>();
    const shape = { prompts: 20_000, outputMin: 1, outputMax: 199 };
    const run = finiteRun(shape, 4000, (b) => {
      asked.add(b);
      return step(b);
    });
    // Every batch to 512, then about ln(4000 / 512) / ln(1.02) = 104 grid points.
    expect(asked.size).toBeLessThan(EXACT_STEP_BATCHES + 110);
    // The exact run: every batch asked for (a concurrency at the grid's start takes none).
    let exact = 0;
    const lengths = answerLengths(shape);
    const slots: number[] = lengths.slice(0, 4000);
    let next = 4000;
    let t = 0;
    while (slots.length > 0) {
      const min = Math.min(...slots);
      t += min * step(slots.length).stepSeconds;
      for (let i = slots.length - 1; i >= 0; i--) {
        slots[i]! -= min;
        if (slots[i] === 0) {
          slots.splice(i, 1);
          if (next < lengths.length) slots.push(lengths[next++]!);
        }
      }
    }
    exact = lengths.reduce((a, b) => a + b, 0) / t;
    expect(Math.abs(run.outputTokensPerSecond / exact - 1)).toBeLessThan(0.001);
  });
});

describe('finiteWorkload', () => {
  // Llama 4 Maverick on 8 x MI300X under vLLM, 100 in flight, 500 in, answers over [1, 999]
  // (under SGLang, answers of one length run in waves: lockstep-run.test.ts).
  const r = resolveServing(presetSpec(findPreset('llama4-maverick')!), {
    device: findDevice('mi300x')!,
    devices: 8,
    tp: 8,
    memory: { engine: 'vllm' },
    contextTokens: 2000,
    batch: 100,
  });

  it('is the steady state of workloadThroughput when every answer has one length', () => {
    // TensorRT-LLM's run, answer by answer: exactly.
    const trt = resolveServing(presetSpec(findPreset('llama4-maverick')!), {
      device: findDevice('h200')!,
      devices: 8,
      tp: 8,
      memory: { engine: 'trtllm' },
      contextTokens: 2000,
      batch: 100,
    });
    const shape = { prompts: 1000, outputMin: 500, outputMax: 500 };
    const exact = workloadThroughput(trt, 500, 500);
    const run = finiteWorkload(trt, 500, shape);
    expect(run.simulated).toBeNull();
    expect(run.outputTokensPerSecond / exact.outputTokensPerSecond).toBeCloseTo(1, 9);
    expect(run.timePerOutputTokenSeconds / exact.timePerOutputTokenSeconds).toBeCloseTo(1, 9);
    // vLLM's, step by step through its scheduler (flood-run.ts): its prompts' chunks fall on
    // particular steps where the steady state spreads them, and the first 100 open together:
    // output within 0.2%, TPOT within 2%.
    const steady = workloadThroughput(r, 500, 500);
    const vllm = finiteWorkload(r, 500, shape);
    expect(vllm.simulated).not.toBeNull();
    expect(Math.abs(vllm.outputTokensPerSecond / steady.outputTokensPerSecond - 1)).toBeLessThan(
      0.002,
    );
    expect(
      Math.abs(vllm.timePerOutputTokenSeconds / steady.timePerOutputTokenSeconds - 1),
    ).toBeLessThan(0.02);
  });

  it('holds the longer answers longer: its steps read the length-biased context', () => {
    // TensorRT-LLM, 10,000 answers of mean 1,000 spread exponentially through 100 slots: the
    // running sequences hold 1,000 answer tokens on average (inFlightAnswerTokens), not 500.
    const trt = resolveServing(presetSpec(findPreset('llama4-maverick')!), {
      device: findDevice('h200')!,
      devices: 8,
      tp: 8,
      memory: { engine: 'trtllm' },
      contextTokens: 4000,
      batch: 100,
    });
    const shape: FiniteRunShape = {
      prompts: 10_000,
      outputMin: 1,
      outputMax: 20_000,
      spread: 'exponential',
      outputMean: 1000,
    };
    const run = finiteWorkload(trt, 500, shape);
    const biased = workloadThroughput(trt, 500, 1000, undefined, undefined, 1000);
    const naive = workloadThroughput(trt, 500, 1000);
    expect(biased.meanDecodeContextTokens).toBe(1500);
    expect(naive.meanDecodeContextTokens).toBe(1000);
    // The time per output token of the full slots' steps, the run's tail aside: within 1%.
    expect(run.timePerOutputTokenSeconds / biased.timePerOutputTokenSeconds).toBeCloseTo(1, 2);
    expect(biased.timePerOutputTokenSeconds).toBeGreaterThan(naive.timePerOutputTokenSeconds);
  });

  it('runs below it with answers of varied length, by what the emptying slots cost', () => {
    const steady = workloadThroughput(r, 500, 500);
    const run = finiteWorkload(r, 500, { prompts: 500, outputMin: 1, outputMax: 999 });
    expect(run.outputTokensPerSecond / steady.outputTokensPerSecond).toBeLessThan(0.97);
    expect(run.outputTokensPerSecond / steady.outputTokensPerSecond).toBeGreaterThan(0.85);
    expect(run.meanConcurrency).toBeLessThan(100);
  });
});
