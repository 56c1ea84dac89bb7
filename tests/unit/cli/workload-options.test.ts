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
});
