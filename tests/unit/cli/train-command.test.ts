import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';

const train = (...args: string[]) => runCli(['train', ...args]);
const json = (...args: string[]) => JSON.parse(train(...args, '--json').stdout);

describe('train', () => {
  it('gives Llama 4 Scout on 40T tokens in FP8 on H100s the card’s 5.0M GPU-hours within x1.5', () => {
    // Llama 4 model card: "Llama 4 Scout | 5.0M" H100-80GB GPU hours, ~40T tokens, FP8 (blog)
    const out = json('llama4-scout', '--tokens', '40T', '--gpus', '32768', '--precision', 'fp8');
    expect(out.gpuHours).toBeGreaterThan(5e6 / 1.5);
    expect(out.gpuHours).toBeLessThan(5e6 * 1.5);
    expect(out.totalFlops).toBeCloseTo(out.flopsPerToken * 40e12, -10);
    expect(out.days).toBeCloseTo(out.gpuHours / 32768 / 24, 9);
    expect(Object.keys(out.memoryPerGpuBytes)).toEqual(
      expect.arrayContaining(['weights', 'gradients', 'optimizer', 'activations', 'total']),
    );
    expect(typeof out.fits).toBe('boolean');
  });

  it('takes the throughput from --tflops: GPU-hours = FLOPs / (TFLOP/s x 3600)', () => {
    const out = json('llama4-scout', '--tokens', '1T', '--tflops', '400');
    expect(out.gpuHours).toBeCloseTo(out.totalFlops / 400e12 / 3600, 3);
    expect(out.costUsd).toBeGreaterThan(0);
  });

  it('prices the run at --gpu-hour-usd', () => {
    const out = json('llama4-scout', '--tokens', '1T', '--mfu', '0.4', '--gpu-hour-usd', '2');
    expect(out.costUsd).toBeCloseTo(out.gpuHours * 2, 3);
  });

  it('fits a QLoRA fine-tune of gpt-oss-20b on one H100', () => {
    const out = json('gpt-oss-20b', '--tokens', '1B', '--gpus', '1', '--finetune', 'qlora');
    expect(out.method).toBe('qlora');
    expect(out.fits).toBe(true);
  });

  it('does not fit: the smallest changes that do, each as the flags that apply it, and they fit', () => {
    const run = ['kimi-k2', '--tokens', '15.5T', '--gpus', '8192', '--tp', '8', '--ep', '16'];
    const out = json(...run);
    expect(out.fits).toBe(false);
    expect(out.fitSuggestions.map((s: { flags: string[] }) => s.flags)).toEqual([
      ['--zero', '3'],
      ['--pp', '8'],
    ]);
    for (const s of out.fitSuggestions) {
      const after = json(...run, ...s.flags);
      expect(after.fits, s.flags.join(' ')).toBe(true);
      expect(after.memoryPerGpuBytes.total).toBe(s.memoryPerGpuBytes);
    }
    const text = train(...run).stdout;
    expect(text).toMatch(/^to fit {4}--zero 3: [\d.]+ GB per GPU, ZeRO-3/m);
    expect(text).toMatch(/^ {10}--pp 8: [\d.]+ GB per GPU, Pipeline parallel 8/m);
  });

  it('a layout that fits has no suggestions; one that nothing fixes says so', () => {
    expect(
      json('gpt-oss-20b', '--tokens', '1B', '--gpus', '1', '--finetune', 'qlora').fitSuggestions,
    ).toEqual([]);
    const text = train('kimi-k2', '--tokens', '15.5T').stdout;
    expect(text).toContain('does NOT fit');
    expect(text).toContain('to fit    no single change of recompute, ZeRO');
  });

  it('prints a summary with the GPU-hours and the memory per GPU', () => {
    const out = train('llama4-scout', '--tokens', '40T', '--gpus', '32768', '--precision', 'fp8');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/GPU-hours/);
    expect(out.stdout).toMatch(/per GPU of/);
  });

  it.each([
    [['--gpus', '8'], '--tokens is required'],
    [['--tokens', 'lots'], '--tokens: expected a token count'],
    [['--tokens', '1T', '--precision', 'fp4'], '--precision: expected one of bf16, fp8'],
    [['--tokens', '1T', '--mfu', '0.4', '--tflops', '300'], 'give --mfu or --tflops, not both'],
    [['--tokens', '1T', '--mfu', '2'], '--mfu: expected a number from'],
    [['--tokens', '1T', '--zero', '4'], '--zero: expected an integer from 0 to 3'],
    [
      ['--tokens', '1T', '--recompute', 'some'],
      '--recompute: expected one of none, selective, full',
    ],
    [['--tokens', '1T', '--lora-rank', '8'], '--lora-rank needs --finetune lora'],
    [['--tokens', '1T', '--gpu', 'h1000'], '--gpu: expected one of'],
    [['--tokens', '1T', '--gpus', '8', '--tp', '3'], 'tp'],
  ])('%j: exits 2 with one line that names the flag', (args, message) => {
    const out = train('llama4-scout', ...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});
