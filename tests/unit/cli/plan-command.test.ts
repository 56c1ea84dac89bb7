import { describe, expect, it } from 'vitest';
import { spread } from '../../../src/cli/plan-command.ts';
import { runCli } from '../../../src/cli/run.ts';

const plan = (...args: string[]) => runCli(['plan', ...args]);
const json = (...args: string[]) => JSON.parse(plan(...args, '--json').stdout);

const DEPLOYMENT_KEYS = [
  'device',
  'gpus',
  'tp',
  'ep',
  'pp',
  'weights',
  'expertWeights',
  'kvDtype',
  'batch',
  'tokensPerSecondPerGpu',
  'tokensPerSecondPerUser',
  'ttftSeconds',
  'costPerMillionOutputTokens',
];

// One node of H200s, as the InferenceMAX DeepSeek-R1 sweeps run it: keeps each test to one device
const H200 = ['--devices', 'h200', '--max-gpus', '8'];

describe('plan', () => {
  it('prints the frontier, the cheapest deployment and the count searched, with the keys issue 15 names', () => {
    const out = json(
      'deepseek-v3',
      '--input',
      '1024',
      '--output',
      '1024',
      '--users',
      '64',
      '--tps-user',
      '30',
      ...H200,
    );
    expect(out.searched).toBeGreaterThan(100);
    expect(out.frontier.length).toBeGreaterThan(2);
    for (const d of [...out.frontier, out.cheapest])
      expect(Object.keys(d)).toEqual(expect.arrayContaining(DEPLOYMENT_KEYS));
    expect(out.cheapest.tokensPerSecondPerUser).toBeGreaterThanOrEqual(30);
    expect(out.message).toBeNull();
  });

  it("gives the same tokens/s per user as serve with the cheapest deployment's flags", () => {
    for (const extra of [['--colocated'], []]) {
      const out = json(
        'llama4-maverick',
        '--input',
        '2000',
        '--output',
        '500',
        '--users',
        '128',
        '--tps-user',
        '25',
        ...H200,
        ...extra,
      );
      const c = out.cheapest;
      const serve = JSON.parse(
        runCli(['serve', 'llama4-maverick', ...c.serveArgs, '--json']).stdout,
      );
      // Colocated: 1 / the run's time per output token (what benchmarks print as mean TPOT).
      const perUser =
        c.mode === 'colocated'
          ? 1 / serve.workload.timePerOutputTokenSeconds
          : serve.decode.tokensPerSecondPerUser;
      // the same function on the same deployment: equal but for the mean context's rounding
      expect(perUser).toBeCloseTo(c.tokensPerSecondPerUser, c.mode === 'colocated' ? 9 : 3);
      expect(serve.fits).toBe(true);
    }
  });

  it('takes lengths as percentiles and prices per device', () => {
    const out = json(
      'llama4-scout',
      '--input',
      'p50=1000,p90=4000,p99=8000',
      '--output',
      '500',
      '--rate',
      '2',
      '--devices',
      'h100-sxm',
      '--max-gpus',
      '8',
      '--gpu-hour-usd',
      'h100-sxm=1.5',
    );
    // mean of the percentiles: 0.5 x 1000 + 0.4 x 2500 + 0.09 x 6000 + 0.01 x 8000 = 2120
    expect(out.workload).toMatchObject({ inputTokens: 2120, fitContextTokens: 8500, rate: 2 });
    expect(out.cheapest.usdPerDeviceHour).toBe(1.5);
    expect(out.cheapest.fleet.units).toBeGreaterThanOrEqual(1);
  });

  it('says the nearest miss when no deployment meets the targets', () => {
    const out = json(
      'llama4-maverick',
      '--input',
      '2000',
      '--output',
      '500',
      '--tps-user',
      '100000',
      ...H200,
    );
    expect(out.cheapest).toBeNull();
    expect(out.message).toMatch(/^No deployment searched meets the targets\. The nearest: /);
  });

  it('prints a summary with the cheapest deployment and its serve flags', () => {
    const out = plan(
      'llama4-scout',
      '--input',
      '1000',
      '--output',
      '200',
      '--users',
      '32',
      '--devices',
      'h100-sxm',
      '--max-gpus',
      '4',
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/deployments searched/);
    expect(out.stdout).toMatch(/^cheapest {2}\d+ x NVIDIA H100/m);
    expect(out.stdout).toMatch(/serve flags: --engine vllm --gpu h100-sxm/);
  });

  it('says a fleet’s size with separators and its price as the page does, one GPU as one', () => {
    const huge = plan(
      'llama4-scout',
      '--input',
      '1024',
      '--output',
      '1024',
      '--users',
      '1073741824',
      '--devices',
      'mi300x',
      '--max-gpus',
      '16',
    );
    expect(huge.stdout).toMatch(
      /fleet: \d{1,3}(,\d{3})+ x \d+ = \d{1,3}(,\d{3})+ GPUs, \$\d{1,3}(,\d{3})+ per hour/,
    );
    const one = plan(
      'llama4-scout',
      '--input',
      '1024',
      '--output',
      '1024',
      '--rate',
      '0.000001',
      '--devices',
      'mi300x',
      '--max-gpus',
      '1',
    );
    expect(one.stdout).toContain('fleet: 1 x 1 = 1 GPU, $1.85 per hour');
  });

  it.each([
    [['--output', '10'], '--input is required'],
    [['--input', '10'], '--output is required'],
    [['--input', 'lots', '--output', '10'], '--input: expected tokens (2000) or percentiles'],
    [['--input', 'p50=900,p90=100', '--output', '10'], '--input p90: expected at least'],
    [
      ['--input', '10', '--output', '10', '--rate', '1', '--users', '2'],
      'give --rate or --users, not both',
    ],
    [
      ['--input', '10', '--output', '10', '--tpot', '0.1', '--tps-user', '10'],
      'give --tpot or --tps-user, not both',
    ],
    [['--input', '10', '--output', '10', '--devices', 'h1000'], '--devices: expected ids among'],
    [
      ['--input', '10', '--output', '10', '--gpu-hour-usd', 'h200=free'],
      '--gpu-hour-usd: expected dollars',
    ],
    [['--input', '10', '--output', '10', '--kv-dtypes', 'int3'], '--kv-dtypes: expected a list of'],
    [['--input', '10', '--output', '10', '--engine', 'ollama'], '--engine: expected one of'],
    [
      ['--input', '10', '--output', '10', '--max-gpus', '0'],
      '--max-gpus: expected an integer from 1',
    ],
  ])('%j: exits 2 with one line that names the flag', (args, message) => {
    const out = plan('llama4-scout', ...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('spread', () => {
  it('keeps at most n items, evenly spaced from the first to the last', () => {
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 5, 9]);
    expect(spread([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(spread([1, 2, 3], 1)).toEqual([1]);
    expect(spread([1, 2, 3], 0)).toEqual([]);
  });
});
