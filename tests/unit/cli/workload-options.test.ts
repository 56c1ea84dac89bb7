import { describe, expect, it } from 'vitest';
import { workloadOptions } from '../../../src/cli/workload-options.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { runCli } from '../../../src/cli/run.ts';
import { LIMITS } from '../../../src/lib/core/index.ts';

const opts = (o: Record<string, string>) => new Map(Object.entries(o));

describe('workloadOptions', () => {
  it('reads --input and --output together, and nothing without them', () => {
    expect(workloadOptions(opts({ input: '1024', output: '2048' }))).toEqual({
      inputTokens: 1024,
      outputTokens: 2048,
      run: null,
    });
    expect(workloadOptions(opts({}))).toBeNull();
  });

  it.each([
    [{ input: '1024' }, '--input needs --output too'],
    [{ output: '10' }, '--output needs --input too'],
    [{ input: '0', output: '10' }, '--input: expected an integer from 1'],
    [{ input: '1.5', output: '10' }, '--input: expected an integer'],
    [{ input: '1024', output: 'many' }, '--output: expected an integer'],
    [{ prompts: '80' }, '--prompts needs --input and --output'],
    [{ 'output-min': '1' }, '--output-min needs --input and --output'],
    [{ input: '1000', output: '500', 'output-min': '1' }, '--output-min needs --prompts'],
    [{ input: '1000', output: '500', prompts: '0' }, '--prompts: expected an integer from 1 to'],
    [{ input: '1000', output: '500', 'request-rate': '4' }, '--request-rate needs --prompts'],
    [
      { input: '1000', output: '500', prompts: '80', 'request-rate': '0' },
      '--request-rate: expected a number from 0.001 to 1,000,000, got "0"',
    ],
    [
      { input: '1000', output: '500', prompts: '80', 'request-rate': 'fast' },
      '--request-rate: expected a number',
    ],
    [
      { input: '1000', output: '500', prompts: '80', 'output-min': '501' },
      "--output-min: expected at most --output (500), the answers' mean, got 501",
    ],
    [
      { input: '1', output: '200000000', prompts: '2', 'output-min': '1' },
      '--output-min: expected at least 131564544, so that the longest answer (2 x --output less it) is at most 268435456 tokens, got 1',
    ],
  ])('rejects %j with a message that names the flag', (given, message) => {
    expect(() => workloadOptions(opts(given))).toThrow(UsageError);
    expect(() => workloadOptions(opts(given))).toThrow(message);
  });
});

describe('--prompts and --output-min', () => {
  it('read as a run of N prompts whose answers are uniform from the shortest to 2 x --output less it', () => {
    // bench_serving's random dataset at --random-output-len 1000 without a range ratio: answers
    // from 1 to 1,000, 500 on average; the cookbook's printed totals give the mean.
    expect(
      workloadOptions(opts({ input: '500', output: '510', prompts: '80', 'output-min': '1' }))!.run,
    ).toEqual({ prompts: 80, outputMin: 1, outputMax: 1019 });
    expect(workloadOptions(opts({ input: '500', output: '510', prompts: '80' }))!.run).toEqual({
      prompts: 80,
      outputMin: 510,
      outputMax: 510,
    });
  });
});

describe('--output-spread exponential', () => {
  it('reads answers of mean --output from --output-min (default 1) to --output-max (default none)', () => {
    // vllm bench serve's ShareGPT: answers of 4 tokens or more, prompt and answer 2,048 at most.
    const shareGpt = {
      input: '215',
      output: '197',
      prompts: '1000',
      'output-spread': 'exponential',
    };
    expect(
      workloadOptions(opts({ ...shareGpt, 'output-min': '4', 'output-max': '2044' }))!.run,
    ).toEqual({
      prompts: 1000,
      outputMin: 4,
      outputMax: 2044,
      spread: 'exponential',
      outputMean: 197,
    });
    expect(workloadOptions(opts(shareGpt))!.run).toMatchObject({
      outputMin: 1,
      outputMax: LIMITS.contextTokens,
    });
  });

  it.each([
    [
      { 'output-spread': 'normal' },
      '--output-spread: expected one of uniform, exponential, got "normal"',
    ],
    [{ 'output-max': '900' }, '--output-max is for --output-spread exponential'],
    [
      { 'output-spread': 'exponential', 'output-max': '100' },
      '--output-max: expected at least --output (197)',
    ],
    [
      { 'output-spread': 'exponential', 'output-min': '300' },
      '--output-min: expected at most --output (197)',
    ],
  ])('refuses %j, naming the flag', (more, message) => {
    const base = { input: '215', output: '197', prompts: '1000' };
    expect(() => workloadOptions(opts({ ...base, ...more }))).toThrow(message);
  });

  it('needs --prompts', () => {
    expect(() =>
      workloadOptions(opts({ input: '215', output: '197', 'output-spread': 'exponential' })),
    ).toThrow('--output-spread needs --prompts');
  });
});

describe('serve --input --output', () => {
  it('adds the whole run to the JSON, and sets the context to input + output when it is not given', () => {
    const out = runCli([
      'serve',
      'llama4-scout',
      '--gpus',
      '8',
      '--input',
      '2000',
      '--output',
      '500',
      '--json',
    ]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.workload).toMatchObject({ inputTokens: 2000, outputTokens: 500 });
    expect(json.workload.outputTokensPerSecond).toBeLessThan(json.decode.tokensPerSecond * 1.1);
    expect(json.maxContextTokens).toBeGreaterThanOrEqual(2500);
  });

  it('prints the whole run in the summary, and null in the JSON without the flags', () => {
    const args = ['serve', 'llama4-scout', '--gpus', '8', '--input', '2000', '--output', '500'];
    const text = runCli(args).stdout;
    expect(text).toMatch(
      /whole run [\d,.]+ output tok\/s .* for 2000 in, 500 out; prefill takes \d+% of the time/,
    );
    expect(JSON.parse(runCli(['serve', 'llama4-scout', '--json']).stdout).workload).toBeNull();
  });

  it('prefills SGLang’s prompts in passes of their own, and --prefill mixed mixes them into the steps', () => {
    const args = ['serve', 'gpt-oss-120b', '--gpu', 'b200', '--gpus', '8', '--tp', '8'];
    const run = (...more: string[]) =>
      JSON.parse(
        runCli([...args, '--batch', '100', '--input', '300', '--output', '200', ...more, '--json'])
          .stdout,
      ).workload;
    const separate = run('--engine', 'sglang');
    const mixed = run('--engine', 'sglang', '--prefill', 'mixed');
    expect(separate.prefillPassesPerStep).toBeCloseTo(1 - Math.exp(-0.5), 9);
    expect(mixed.prefillPassesPerStep).toBe(0);
    expect(separate.timePerOutputTokenSeconds).toBeGreaterThan(mixed.timePerOutputTokenSeconds);
    expect(run('--engine', 'vllm')).toMatchObject({ prefillPassesPerStep: 0 });
    const text = runCli([
      ...args,
      '--engine',
      'sglang',
      '--batch',
      '100',
      '--input',
      '300',
      '--output',
      '200',
    ]).stdout;
    expect(text).toMatch(/in passes of its own \(0\.4 per decode step\)/);
    expect(text).toMatch(/[\d.]+ ms per output token after the first \(TPOT\)/);
  });

  it('names the flag, the value and the choices when --prefill is unknown', () => {
    const out = runCli(['serve', 'gpt-oss-120b', '--prefill', 'eager']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('--prefill: expected one of mixed, separate, got "eager"');
  });
});

describe('serve --input --output where the requests do not fit the KV cache', () => {
  it('runs those that fit at once, says why, and queues the rest', () => {
    const args = ['serve', 'tests/fixtures/new-families/deepseek-v3.2.config.json'];
    const deployment = ['--gpu', 'h200', '--gpus', '8', '--tp', '8', '--weights', 'fp8'];
    const flood = [...args, ...deployment, '--batch', '100', '--input', '32000', '--output', '100'];
    expect(runCli(flood).stdout).toContain(
      '16 of the 100 requests run at once (the KV cache, which holds 16 sequences of 32,100 tokens); the rest wait',
    );
    const json = JSON.parse(runCli([...flood, '--json']).stdout);
    expect(json.fits).toBe(false);
    expect(json.workload.running).toMatchObject({ offered: 100, batch: 16 });
  });
});

describe('serve --prompts', () => {
  const args = ['serve', 'llama4-maverick', '--gpu', 'mi300x', '--gpus', '8', '--tp', '8'];
  const run = (...more: string[]) =>
    runCli([...args, '--input', '500', '--output', '500', ...more]);

  it('adds the run to the JSON, below the steady state with answers of varied length', () => {
    const json = JSON.parse(
      run('--batch', '100', '--prompts', '500', '--output-min', '1', '--json').stdout,
    );
    const { finiteRun, outputTokensPerSecond } = json.workload;
    expect(finiteRun).toMatchObject({ prompts: 500, outputMin: 1, outputMax: 999 });
    expect(finiteRun.outputTokensPerSecond).toBeLessThan(outputTokensPerSecond);
    expect(finiteRun.meanConcurrency).toBeLessThan(100);
    expect(JSON.parse(run('--json').stdout).workload.finiteRun).toBeNull();
  });

  it('says it in the summary, with the concurrency the benchmark prints', () => {
    // vLLM's run, through its scheduler step by step, says its mean TTFT too.
    expect(run('--batch', '16', '--prompts', '80', '--output-min', '1').stdout).toMatch(
      /\nrun of 80 prompts \(answers from 1 to 999\): [\d,.]+ output tok\/s over [\d,.]+ s, concurrency 1[34]\.\d\d, [\d,.]+ ms TPOT \(median [\d,.]+, P99 [\d,.]+\); the slots empty at its end; simulated step by step: mean TTFT [\d,.]+ ms \(median [\d,.]+, P99 [\d,.]+\)\nrecord {4}/,
    );
  });

  it('says an exponential run’s mean and longest answer in the summary', () => {
    const tail = ['--output-spread', 'exponential', '--output-min', '4', '--output-max', '2044'];
    expect(run('--batch', '16', '--prompts', '80', ...tail).stdout).toMatch(
      /\nrun of 80 prompts \(exponential answers of mean 500, from 4 to [\d,]+\): [\d,.]+ output tok\/s over /,
    );
  });

  it('runs answers of one length under SGLang in lockstep waves, and says so', () => {
    const sglang = ['--engine', 'sglang', '--batch', '16', '--prompts', '40'];
    const json = JSON.parse(run(...sglang, '--json').stdout);
    expect(json.workload.finiteRun).toMatchObject({ outputMin: 500, outputMax: 500, wave: 16 });
    expect(run(...sglang).stdout).toMatch(
      /\nrun of 40 prompts \(answers of 500\): .* ms TPOT \(median [\d,.]+, P99 [\d,.]+\); in lockstep waves of 16, each prefilled before it decodes\nrecord {4}/,
    );
    const vllm = JSON.parse(
      run('--engine', 'vllm', '--batch', '16', '--prompts', '40', '--json').stdout,
    );
    expect(vllm.workload.finiteRun.wave).toBeNull();
  });
});

describe('--request-rate', () => {
  it('reads as the run’s requests a second, its answers as without it', () => {
    expect(
      workloadOptions(
        opts({ input: '2048', output: '1024', prompts: '100', 'request-rate': '10' }),
      )!.run,
    ).toEqual({ prompts: 100, outputMin: 1024, outputMax: 1024, requestRate: 10 });
  });

  it('runs the prompts at that rate, every one in flight if need be, and says so', () => {
    // The shape of vLLM's DeepSeek-V3.2 recipe run (100 prompts of 2,048 in and 1,024 out at 10
    // requests a second, no --max-concurrency; tests/fixtures/issue13-pending-cases.json
    // b26-vllmrecipe-dsv32-h20-3ex8-tp8-2k1k-r10), here DeepSeek-V3 on 8 x H200.
    const args = ['serve', 'deepseek-v3', '--engine', 'vllm', '--gpu', 'h200', '--gpus', '8'];
    const run = [...args, '--weights', 'fp8', '--input', '2048', '--output', '1024'];
    const rated = [...run, '--prompts', '100', '--request-rate', '10'];
    const json = JSON.parse(runCli([...rated, '--json']).stdout);
    expect(json.workload.finiteRun).toMatchObject({ prompts: 100, requestRate: 10, flood: false });
    // Without --batch, the client sends every request it has, and the estimate is at the run's
    // mean concurrency, which the run finds.
    const inFlight = Math.round(json.workload.finiteRun.meanConcurrency);
    expect(inFlight).toBeGreaterThan(1);
    expect(inFlight).toBeLessThan(100);
    expect(json.workload.running).toMatchObject({ offered: inFlight, batch: inFlight });
    // With --batch, the estimate is at it, and the run holds at most that many.
    const capped = JSON.parse(runCli([...rated, '--batch', '8', '--json']).stdout).workload;
    expect(capped.running).toMatchObject({ offered: 8 });
    expect(capped.finiteRun.meanConcurrency).toBeLessThanOrEqual(8);
    expect(runCli(rated).stdout).toMatch(
      /run of 100 prompts \(answers of 1024\): [\d,.]+ output tok\/s .* sent at 10 a second \(Poisson arrivals\); simulated step by step: mean TTFT/,
    );
  });
});
