import { describe, expect, it } from 'vitest';
import { workloadOptions } from '../../../src/cli/workload-options.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { runCli } from '../../../src/cli/run.ts';

const opts = (o: Record<string, string>) => new Map(Object.entries(o));

describe('workloadOptions', () => {
  it('reads --input and --output together, and nothing without them', () => {
    expect(workloadOptions(opts({ input: '1024', output: '2048' }))).toEqual({
      inputTokens: 1024,
      outputTokens: 2048,
    });
    expect(workloadOptions(opts({}))).toBeNull();
  });

  it.each([
    [{ input: '1024' }, '--input needs --output too'],
    [{ output: '10' }, '--output needs --input too'],
    [{ input: '0', output: '10' }, '--input: expected an integer from 1'],
    [{ input: '1.5', output: '10' }, '--input: expected an integer'],
    [{ input: '1024', output: 'many' }, '--output: expected an integer'],
  ])('rejects %j with a message that names the flag', (given, message) => {
    expect(() => workloadOptions(opts(given))).toThrow(UsageError);
    expect(() => workloadOptions(opts(given))).toThrow(message);
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
    const text = runCli(['serve', 'llama4-scout', '--input', '2000', '--output', '500']).stdout;
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
