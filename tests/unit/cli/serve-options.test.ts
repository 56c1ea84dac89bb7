import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.ts';
import { SERVE_DEFAULTS, SERVE_OPTIONS } from '../../../src/cli/serve-options.ts';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_MEMORY,
  DEFAULT_ROUTING,
  findDevice,
  KV_DTYPES,
} from '../../../src/lib/core/index.ts';

describe('serve defaults', () => {
  it('are valid values of the core', () => {
    expect(findDevice(SERVE_DEFAULTS.gpu)).toBeDefined();
    expect(KV_DTYPES).toContain(SERVE_DEFAULTS.kvDtype);
  });

  it('are what serve uses when no option is given', () => {
    const out = JSON.parse(run(['serve', 'mixtral-8x7b', '--json']).stdout);
    expect(out.layout).toMatchObject({
      devices: SERVE_DEFAULTS.gpus,
      ep: SERVE_DEFAULTS.ep,
      pp: SERVE_DEFAULTS.pp,
    });
    expect(out.deviceBytes).toBe(findDevice(SERVE_DEFAULTS.gpu)!.memoryBytes);
    expect(out.usdPerDeviceHour).toBe(findDevice(SERVE_DEFAULTS.gpu)!.usdPerHour);
    expect(out.assumptions).toEqual({
      memory: DEFAULT_MEMORY,
      efficiency: DEFAULT_EFFICIENCY,
      routing: DEFAULT_ROUTING,
      fusions: { sharedExpert: false, allReduceNorm: false }, // vLLM's: none
    });
    const explicit = JSON.parse(
      run([
        'serve',
        'mixtral-8x7b',
        '--context',
        String(SERVE_DEFAULTS.contextTokens),
        '--batch',
        String(SERVE_DEFAULTS.batch),
        '--kv-dtype',
        SERVE_DEFAULTS.kvDtype,
        '--kv-layout',
        'hybrid', // vLLM's
        '--json',
      ]).stdout,
    );
    expect(explicit).toEqual(out);
  });

  it('the default each option shows is accepted by that option', () => {
    for (const option of SERVE_OPTIONS) {
      if (!option.arg || option.default === undefined || !/^[\w.-]+$/.test(option.default))
        continue;
      // The speculative options need --spec-decode, and MTP a model with MTP modules; a run's
      // answers need the run (--input, --output, --prompts).
      const speculative = option.group === 'speculative decoding';
      const workload = ['--input', '500', '--output', '500', '--prompts', '10'];
      const args = speculative
        ? ['deepseek-v3', '--spec-decode', 'mtp']
        : option.name.startsWith('output-')
          ? ['mixtral-8x7b', ...workload]
          : ['mixtral-8x7b'];
      expect(
        () => run(['serve', ...args, `--${option.name}`, option.default!]),
        option.name,
      ).not.toThrow();
    }
  });
});
