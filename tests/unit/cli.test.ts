import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/load-model.ts';
import { run } from '../../src/cli/run.ts';
import { expectedParams, FIXTURES } from './fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'moe-cli-'));

function usageError(argv: string[]): string {
  try {
    run(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('cli params', () => {
  it('--json prints one object with the exact integers of a config file', () => {
    const { stdout } = run(['params', join(FIXTURES, 'models', 'deepseek-v3.json'), '--json']);
    const out = JSON.parse(stdout);
    // expected-params.json: DeepSeek-V3 report, 671B + 14B MTP, 37B active
    expect(out.total).toBe(expectedParams['deepseek-v3']!.total);
    expect(out.active).toBe(expectedParams['deepseek-v3']!.active);
    expect(Number.isInteger(out.activeExcludingEmbedding)).toBe(true);
    expect(out.breakdown.routedExperts).toBeGreaterThan(0);
  });

  it('accepts a preset id and prints a readable table', () => {
    const { stdout } = run(['params', 'llama4-scout']);
    expect(stdout).toContain('108,641,793,536');
    expect(stdout).toContain('17,172,894,720');
    expect(stdout).toMatch(/Routed experts\s+96,636,764,160\s+6,039,797,760/);
  });

  it.each([
    [['params', '/no/such/config.json'], '/no/such/config.json: no such file'],
    [['params', 'not-a-model'], 'not-a-model: not a file and not a preset (presets: llama4-scout'],
    [['params'], 'params needs a config.json path or a preset id'],
    [['frobnicate', 'x'], 'unknown command "frobnicate"'],
    [['params', 'llama4-scout', '--yaml'], 'unknown option --yaml'],
    [['serve', 'llama4-scout', '--gpu', 'tpu-v9'], '--gpu: expected one of h100-sxm, h100-pcie'],
    [['serve', 'llama4-scout', '--gpus', '-8'], '--gpus: expected an integer >= 1, got "-8"'],
    [
      ['serve', 'llama4-scout', '--gpus', '8', '--tp', '3'],
      '--tp: expected a divisor of the 8 devices per pipeline stage, got 3',
    ],
    [['serve', 'llama4-scout', '--weights', 'fp7'], '--weights: expected one of fp32, bf16'],
    [
      ['serve', 'llama4-scout', '--kv-dtype', 'int2'],
      '--kv-dtype: expected one of bf16, fp16, fp8, got "int2"',
    ],
    [
      ['serve', 'llama4-scout', '--kv-layout', 'paged'],
      '--kv-layout: expected one of hybrid, full',
    ],
    [
      ['serve', 'llama4-scout', '--context', 'lots'],
      '--context: expected a token count such as 131072, 128k, 1M or 10M, got "lots"',
    ],
    [['serve', 'llama4-scout', '--batch', '0'], '--batch: expected an integer >= 1, got "0"'],
    [
      ['serve', 'llama4-scout', '--gpu-hour-usd', 'free'],
      '--gpu-hour-usd: expected a price >= 0, got "free"',
    ],
    [
      ['serve', 'llama4-scout', '--gpu-memory-gb', '80'],
      'a custom device needs --gpu-bandwidth-gbs and --gpu-tflops',
    ],
    [['serve', 'llama4-scout', '--context'], '--context needs a value'],
    [
      ['serve', 'llama4-scout', '--overlap', '3'],
      '--overlap: expected a number from 0 to 1, got "3"',
    ],
    [
      ['serve', 'llama4-scout', '--memory-utilization', '0'],
      '--memory-utilization: expected a number from 0.05 to 1',
    ],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(usageError(argv)).toContain(message);
  });

  it('serve --json has the documented top-level fields, with integer bytes', () => {
    const out = JSON.parse(
      run([
        'serve',
        'llama4-scout',
        '--gpu',
        'h100-sxm',
        '--gpus',
        '8',
        '--context',
        '1M',
        '--json',
      ]).stdout,
    );
    for (const key of [
      'weightsBytes',
      'kvBytesPerToken',
      'kvBytes',
      'totalBytes',
      'perDeviceBytes',
      'deviceBytes',
      'maxContextTokens',
    ]) {
      expect(Number.isSafeInteger(out[key]), key).toBe(true);
    }
    expect(typeof out.fits).toBe('boolean');
    expect(out.decode.tokensPerSecond).toBeGreaterThan(0);
    expect(out.decode.stepSeconds).toBeGreaterThan(0);
    expect(out.prefill.tokensPerSecond).toBeGreaterThan(0);
    expect(out.costPerMillionOutputTokens).toBeGreaterThan(0);
    // 1M = 2^20 tokens; Scout hybrid: 12 global layers x 4096 B x 2^20 + 36 chunked layers x 8192 x 4096 B
    expect(out.kvBytes).toBe(12 * 4096 * 2 ** 20 + 36 * 8192 * 4096);
  });

  it('serve applies the assumptions it is given and reports them', () => {
    const args = ['serve', 'llama4-scout', '--gpus', '8', '--json'];
    const base = JSON.parse(run(args).stdout);
    const slower = JSON.parse(run([...args, '--bandwidth-efficiency', '0.35']).stdout);
    expect(slower.assumptions.efficiency).toMatchObject({ bandwidth: 0.35, compute: 0.45 });
    expect(slower.decode.tokensPerSecond).toBeLessThan(base.decode.tokensPerSecond);
    const noOverhead = JSON.parse(run([...args, '--layer-overhead-us', '0']).stdout);
    expect(noOverhead.decode.overheadSeconds).toBe(0);
    expect(noOverhead.decode.tokensPerSecond).toBeGreaterThan(base.decode.tokensPerSecond);
    const tight = JSON.parse(run([...args, '--memory-utilization', '0.5']).stdout);
    expect(tight.deviceBudgetBytes).toBe(Math.floor(tight.deviceBytes * 0.5));
    expect(base.kvLayouts.full.kvBytesPerToken).toBe(196_608); // 48 layers x 4096 B
  });

  it('serve takes a custom device by its numbers', () => {
    const out = JSON.parse(
      run([
        'serve',
        'mixtral-8x7b',
        '--gpu-memory-gb',
        '128',
        '--gpu-bandwidth-gbs',
        '1000',
        '--gpu-tflops',
        '100',
        '--json',
      ]).stdout,
    );
    expect(out.deviceBytes).toBe(128e9);
    expect(out.fits).toBe(true);
  });

  it('serve prints a readable summary without --json', () => {
    const { stdout } = run(['serve', 'deepseek-v3', '--gpu', 'h100-sxm', '--gpus', '8']);
    expect(stdout).toContain('does NOT fit');
    expect(stdout).toMatch(/decode .* tokens\/s/);
  });

  it('reports invalid JSON with line and column, and bad fields by name', () => {
    const badJson = join(tmp, 'bad.json');
    writeFileSync(badJson, '{\n  "model_type": "mixtral",\n  "hidden_size": 4096,,\n}');
    expect(usageError(['params', badJson])).toBe(
      `${badJson}: invalid JSON at line 3, column 23: expected a property name in double quotes, found ','`,
    );
    const negative = join(tmp, 'negative.json');
    writeFileSync(negative, JSON.stringify({ model_type: 'mixtral', hidden_size: -1 }));
    expect(usageError(['params', negative])).toBe(
      `${negative}: hidden_size: expected an integer >= 1, got -1`,
    );
    const unsupported = join(tmp, 'unsupported.json');
    writeFileSync(unsupported, JSON.stringify({ model_type: 'rwkv' }));
    expect(usageError(['params', unsupported])).toContain(
      'model_type: expected a supported model type: llama, mistral',
    );
  });

  it('as a process: exit 0 with JSON on stdout; exit 2 with one line on stderr and no stack trace', () => {
    const cli = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
    const ok = execFileSync(process.execPath, [...cli, 'params', 'mixtral-8x7b', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(ok).total).toBe(46_702_792_704); // Mixtral paper, expected-params.json
    const bad = spawnSync(process.execPath, [...cli, 'params', join(tmp, 'missing.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^moe-explorer: .*missing\.json: no such file\n$/);
  });
});
