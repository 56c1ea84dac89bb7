import { describe, expect, it } from 'vitest';
import { stepBound } from '../../../../src/lib/core/serving/bound.ts';
import { runCli } from '../../../../src/cli/run.ts';

const parts = (memory: number, compute: number, communication: number, overhead: number) => ({
  memory,
  compute,
  communication,
  overhead,
});

describe('stepBound', () => {
  it('names the largest part of the devices’ time, memory on a tie', () => {
    expect(stepBound(parts(3, 1, 0, 2), 6, 0)).toBe('memory');
    expect(stepBound(parts(1, 3, 0, 2), 6, 0)).toBe('compute');
    expect(stepBound(parts(1, 1, 3, 2), 7, 0)).toBe('communication');
    expect(stepBound(parts(1, 1, 0, 2), 4, 0)).toBe('overhead');
    expect(stepBound(parts(2, 2, 2, 2), 8, 0)).toBe('memory');
  });

  it('says host where the launches outlast all of the devices’ time', () => {
    expect(stepBound(parts(3, 1, 0, 2), 6, 7)).toBe('host');
    expect(stepBound(parts(3, 1, 0, 2), 6, 6)).toBe('memory');
  });
});

describe('serve: what the decode step waits on', () => {
  const decode = (args: string[]) => {
    const out = runCli(['serve', ...args, '--json']);
    return JSON.parse(out.stdout).decode as Record<string, number | string>;
  };

  it('DeepSeek-R1 FP8 on 8 x MI300X at batch 4 is overhead-bound, and the summary says so', () => {
    const args = ['deepseek-v3', '--engine', 'sglang', '--gpu', 'mi300x', '--gpus', '8'];
    const more = ['--tp', '8', '--weights', 'fp8', '--kv-dtype', 'bf16', '--batch', '4'];
    const d = decode([...args, ...more, '--context', '1400']);
    // SGLang runs the shared expert inside the routed experts on AMD (sglang-fusions.ts): 1,147
    // kernels at 5 us (58 MoE layers x 19, 3 dense x 15) and 305 block-scaled GEMMs at 27 us more
    // (kernels.ts): 14.0 ms, where reading weights and KV takes 4.6.
    expect(d.overheadSeconds as number).toBeCloseTo(1147 * 5e-6 + 305 * 27e-6, 9);
    expect(d.bound).toBe('overhead');
    const text = runCli(['serve', ...args, ...more, '--context', '1400']).stdout;
    expect(text).toMatch(/ms per token, overhead-bound\)/);
  });

  it('DeepSeek-V3 across two nodes of 8 H100s at batch 1 (TP 16) is communication-bound', () => {
    const d = decode([
      'deepseek-v3',
      '--gpu',
      'h100-sxm',
      '--gpus',
      '16',
      '--gpus-per-node',
      '8',
      '--tp',
      '16',
      '--weights',
      'fp8',
      '--batch',
      '1',
      '--context',
      '2000',
    ]);
    expect(d.bound).toBe('communication');
  });
});
