import { describe, expect, it } from 'vitest';
import {
  addServingModel,
  benchmarkRun,
  benchmarkRunFor,
  benchmarkRunOf,
  DEFAULT_DEPLOYMENT,
  findDevice,
  findPreset,
  finiteWorkload,
  formatTimeline,
  formatDuration,
  formatInFlight,
  presetSpec,
  resolveServing,
  runShape,
  SERVING_MODEL,
  timelineFacts,
  type FiniteRun,
  type DeploymentSettings,
} from '../../../../src/lib/core/index.ts';
import { run } from '../../../../src/cli/run.ts';

addServingModel(SERVING_MODEL); // as the page does (benchmarkRunFor looks the device up in it)

// DeepSeek-V3 FP8 on 8 x H200 at TP 8, at most 64 in flight: a concurrency of InferenceX's.
const deepseek = presetSpec(findPreset('deepseek-v3')!);
const deployment = (patch: Partial<DeploymentSettings> = {}): DeploymentSettings => ({
  ...DEFAULT_DEPLOYMENT,
  deviceId: 'h200',
  devices: 8,
  weights: 'fp8',
  contextTokens: 4096,
  batch: 64,
  promptTokens: 1024,
  answerTokens: 1024,
  runPrompts: 200,
  ...patch,
});
const resolve = (d: DeploymentSettings) =>
  resolveServing(deepseek, {
    device: findDevice(d.deviceId)!,
    devices: d.devices,
    weights: 'fp8',
    contextTokens: d.contextTokens,
    batch: d.batch,
    memory: { engine: d.engine ?? 'vllm' },
  });

describe('runShape', () => {
  it('keeps every answer at the answer tokens by default', () => {
    expect(runShape(10, 1000, 'same', 3000)).toEqual({
      prompts: 10,
      outputMin: 1000,
      outputMax: 1000,
    });
  });

  it('spreads them evenly from 1 to twice the answer tokens less one, about the same mean', () => {
    // (1 + 1,999) / 2 = 1,000
    expect(runShape(10, 1000, 'uniform', 3000)).toEqual({
      prompts: 10,
      outputMin: 1,
      outputMax: 1999,
    });
    // 3,000 of context less 1,500 of prompt leaves 1,500: (501 + 1,499) / 2 = 1,000
    expect(runShape(10, 1000, 'uniform', 1499)).toEqual({
      prompts: 10,
      outputMin: 501,
      outputMax: 1499,
    });
  });

  it('starts an even spread at the shortest answer set, as far above the mean as below', () => {
    // InferenceX's "1k1k" at --random-range-ratio 0.8: 922 out, from 819 (the CLI's
    // --output-min 819) to 2 x 922 - 819 = 1,025.
    expect(runShape(640, 922, 'uniform', 5000, { shortest: 819 })).toEqual({
      prompts: 640,
      outputMin: 819,
      outputMax: 1025,
    });
    // Held within 1,000 of room, the range narrows about the same mean: 844 to 1,000.
    expect(runShape(640, 922, 'uniform', 1000, { shortest: 819 })).toMatchObject({
      outputMin: 844,
      outputMax: 1000,
    });
  });

  it('bounds a long tail by the shortest and longest set, never past the context', () => {
    // ShareGPT in vllm bench serve: answers of 4 tokens or more, prompt and answer 2,048 at most.
    expect(runShape(1000, 200, 'exponential', 3000, { shortest: 4, longest: 2044 })).toMatchObject({
      outputMin: 4,
      outputMax: 2044,
    });
    expect(runShape(1000, 200, 'exponential', 1500, { longest: 2044 })).toMatchObject({
      outputMin: 1,
      outputMax: 1500,
    });
  });

  it('names the bound that does not hold the answers’ mean between them', () => {
    expect(() => runShape(10, 500, 'uniform', 3000, { shortest: 600 })).toThrow(
      "shortest answer: expected at most the answer tokens per request (500), the answers' mean, got 600",
    );
    expect(() => runShape(10, 500, 'exponential', 3000, { longest: 400 })).toThrow(
      "longest answer: expected at least the answer tokens per request (500), the answers' mean, got 400",
    );
    // Answers of one length read neither.
    expect(runShape(10, 500, 'same', 3000, { shortest: 600, longest: 400 })).toMatchObject({
      outputMin: 500,
      outputMax: 500,
    });
  });

  it('makes a long tail from 1 to what the context leaves, the answer tokens its mean', () => {
    expect(runShape(10, 1000, 'exponential', 3072)).toEqual({
      prompts: 10,
      outputMin: 1,
      outputMax: 3072,
      spread: 'exponential',
      outputMean: 1000,
    });
  });
});

describe('benchmarkRunOf', () => {
  it('is null without a prompt count, a token count, on system RAM, or past the context', () => {
    const d = deployment();
    const r = resolve(d);
    expect(benchmarkRunOf(r, { ...d, runPrompts: null })).toBeNull();
    expect(benchmarkRunOf(r, { ...d, answerTokens: null })).toBeNull();
    expect(benchmarkRunOf(r, { ...d, promptTokens: undefined })).toBeNull();
    expect(benchmarkRunOf(r, { ...d, answerTokens: 3073 })).toBeNull(); // 1,024 + 3,073 > 4,096
    const host = { ...d, host: { memoryBytes: 64e9 } } as unknown as DeploymentSettings;
    expect(benchmarkRunOf(r, host)).toBeNull();
  });

  it('is the CLI’s run of the same prompts: serve --prompts 200 --request-rate 4', () => {
    const d = deployment({ requestRate: 4, answerSpread: 'uniform' });
    const page = benchmarkRunOf(resolve(d), d)!;
    expect(page.kind).toBe('run');
    if (page.kind !== 'run') return;
    expect(page.run).toEqual(
      finiteWorkload(benchmarkRun(resolve(d)), 1024, {
        prompts: 200,
        outputMin: 1,
        outputMax: 2047,
        requestRate: 4,
      }),
    );
    const argv = ['serve', 'deepseek-v3', '--gpu', 'h200', '--gpus', '8', '--weights', 'fp8'];
    const workload = ['--input', '1024', '--output', '1024', '--output-min', '1'];
    const cli = JSON.parse(
      run([
        ...argv,
        ...['--context', '4096', '--batch', '64', ...workload],
        ...['--prompts', '200', '--request-rate', '4', '--json'],
      ]).stdout,
    );
    expect(cli.workload.finiteRun.outputTokensPerSecond).toBeCloseTo(
      page.run.outputTokensPerSecond,
      9,
    );
    expect(cli.workload.finiteRun.simulated).toEqual(page.run.simulated);
  });

  it('tells the run: how it was sent, the answers, then what the benchmark prints', () => {
    const d = deployment({ requestRate: 4 });
    expect(benchmarkRunOf(resolve(d), d)!.text).toMatch(
      /^A run of 200 prompts sent at 4 a second \(Poisson arrivals\), at most 64 in flight, answers of 1,024 tokens: [\d.]+k? output tokens\/s over \d+ min \d+ s, [\d.]+ requests in flight on average, [\d.]+ ms per output token \(TPOT; median [\d.]+ ms, P99 [\d.]+ ms\), mean time to first token [\d.]+ ms \(median [\d.]+ ms, P99 [\d.]+ ms\)\.$/,
    );
    const tail = deployment({ answerSpread: 'exponential' });
    expect(benchmarkRunOf(resolve(tail), tail)!.text).toMatch(
      /^A run of 200 prompts sent at once, at most 64 in flight, long-tailed answers of 1,024 tokens on average, the longest [\d,]+:/,
    );
  });

  it('says where SGLang’s answers of one length refill the slots in waves', () => {
    // SGLang prefills in passes of its own: answers that end together free their slots at once.
    const d = deployment({ engine: 'sglang' });
    const told = benchmarkRunOf(resolve(d), d)!;
    expect(told.kind === 'run' && told.run.wave).toBe(64);
    expect(told.text).toMatch(
      /The answers end together, so the slots refill in waves of 64, each prefilled before it decodes \(SGLang\)\.$/,
    );
  });

  it('simulates a rate under speculative decoding, each answer a token a verification step over what it emits', () => {
    const d = deployment({
      requestRate: 4,
      speculative: { method: 'mtp', draftTokens: 1, acceptance: 0.8 },
    });
    const told = benchmarkRunFor(deepseek, d)!;
    expect(told.kind).toBe('run');
    const plain = benchmarkRunFor(deepseek, deployment({ requestRate: 4 }))!;
    expect(told.kind === 'run' && plain.kind === 'run').toBe(true);
    if (told.kind === 'run' && plain.kind === 'run')
      expect(told.run.timePerOutputTokenSeconds).toBeLessThan(plain.run.timePerOutputTokenSeconds);
  });

  it('names the field where a run cannot be simulated: a rate past 30,000,000 output tokens', () => {
    const d = deployment({
      requestRate: 4,
      contextTokens: 8192,
      runPrompts: 10_000,
      answerTokens: 4000,
    });
    const told = benchmarkRunFor(deepseek, d)!;
    expect(told).toEqual({
      kind: 'note',
      text: expect.stringMatching(
        /^This run cannot be simulated\. request rate: expected a run simulated step by step: of at most 30,000,000 output tokens, .*, got 4\.$/,
      ),
    });
  });
});

describe('benchmarkRunOf with answer bounds', () => {
  it('tells a run of a bad bound as a note that names it', () => {
    const d = deployment({ answerSpread: 'uniform', shortestAnswer: 5000 });
    expect(benchmarkRunOf(resolve(d), d)).toEqual({
      kind: 'note',
      text: expect.stringMatching(
        /^This run cannot be simulated\. shortest answer: expected at most/,
      ),
    });
  });
});

describe('benchmarkRunFor', () => {
  it('resolves the settings afresh, as the page’s worker does', () => {
    const d = deployment({ requestRate: 2 });
    expect(benchmarkRunFor(deepseek, d)).toEqual(benchmarkRunOf(resolve(d), d));
  });

  it('throws the core’s ConfigError where the settings make no deployment', () => {
    expect(() => benchmarkRunFor(deepseek, deployment({ deviceId: 'h999' }))).toThrow(
      'GPU type: expected a device of the catalog, got "h999"',
    );
  });
});

describe('timelineFacts', () => {
  it('finds the ramp and the tail at 90% of the peak: hand-derived', () => {
    // Slices of 2 s: 5, 10, 9.5, 10, 8, 4, 0 (then zeros to 120 slices). Peak 10; within 90%
    // (9 or more) from slice 1 to slice 3: the ramp ends at 4 s, the tail runs from 8 s.
    const inFlight = [5, 10, 9.5, 10, 8, 4, ...Array<number>(114).fill(0)];
    expect(timelineFacts({ sliceSeconds: 2, inFlight })).toEqual({
      peak: 10,
      rampSeconds: 4,
      tailSeconds: 232,
    });
  });

  it('averages, on every kind of run, to the run’s mean concurrency', () => {
    const mean = (run: FiniteRun) =>
      run.timeline.inFlight.reduce((a, b) => a + b, 0) / run.timeline.inFlight.length;
    for (const patch of [
      { engine: 'sglang' as const }, // lockstep waves
      { engine: 'sglang' as const, answerSpread: 'uniform' as const }, // answer by answer
      { requestRate: 4 }, // vLLM step by step, at a rate
    ]) {
      const d = deployment(patch);
      const told = benchmarkRunOf(resolve(d), d)!;
      if (told.kind !== 'run') throw new Error(told.text);
      expect(mean(told.run), JSON.stringify(patch)).toBeCloseTo(told.run.meanConcurrency, 6);
    }
  });

  it('tells the ramp and the tail in words', () => {
    const d = deployment({ answerSpread: 'exponential' });
    const told = benchmarkRunOf(resolve(d), d)!;
    if (told.kind !== 'run') throw new Error(told.text);
    expect(formatTimeline(told.run, 64)).toMatch(
      /^Requests in flight over the run’s \d+ min \d+ s: up to 64 \(at most 64\) within [\d.]+ s; the last \d+ min \d+ s, as the answers end and no prompt replaces them, are the tail \([\d.]+% of the run\)\.$/,
    );
  });
});

describe('formatTimeline', () => {
  it('says where a run has no tail: one request at a time, each replaced to the end', () => {
    const d = deployment({ batch: 1, runPrompts: 3, answerTokens: 16 });
    const told = benchmarkRunOf(resolve(d), d)!;
    if (told.kind !== 'run') throw new Error(told.text);
    expect(formatTimeline(told.run, 1)).toMatch(
      /: up to 1 \(at most 1\) within [\d.]+ s, and as many to the end: a prompt replaces each answer\.$/,
    );
    expect(told.text).toMatch(/, 1 request in flight on average,/);
    expect(formatInFlight(62.53)).toBe('62.5 requests');
  });
});

describe('formatDuration', () => {
  it('gives seconds under a minute, then minutes and seconds, then hours and minutes', () => {
    expect(formatDuration(0.5)).toBe('0.5 s');
    expect(formatDuration(48.24)).toBe('48.2 s');
    expect(formatDuration(731.4)).toBe('12 min 11 s');
    expect(formatDuration(3599.6)).toBe('1 h 0 min');
    expect(formatDuration(7385)).toBe('2 h 3 min');
  });
});
