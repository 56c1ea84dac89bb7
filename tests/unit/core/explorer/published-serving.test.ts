import { describe, expect, it } from 'vitest';
import {
  filterPublishedRuns,
  formatOpenedRun,
  formatPublishedRatio,
  formatPublishedValue,
  pageFigure,
  publishedRunsOf,
  type BenchmarkRun,
  type PublishedServingRun,
  type ServingEstimate,
  type WholeRun,
} from '../../../../src/lib/core/index.ts';

const run = (
  id: string,
  deviceId: string | null,
  engine: 'vllm' | 'sglang',
  preset = 'deepseek-v3',
) =>
  ({
    id,
    preset,
    deviceId,
    devices: `8 × ${deviceId ?? 'custom'}`,
    engine,
    layout: 'TP 8',
    weights: 'FP8',
    run: 'batch 1',
    measure: 'decode tok/s',
    figure: 'decode',
    published: 100,
    explorer: 120,
    gated: false,
    band: 2,
    source: 'a blog',
    link: null,
  }) satisfies PublishedServingRun;

describe('publishedRunsOf', () => {
  it('keeps the model’s runs, this device under this engine first, then this device, then by name', () => {
    const runs = [
      run('a', 'b200', 'vllm'),
      run('b', 'h200', 'vllm'),
      run('c', 'h200', 'sglang'),
      run('d', 'a100-80gb', 'sglang'),
      run('e', 'h200', 'sglang', 'kimi-k2'),
      run('f', null, 'vllm'),
    ];
    expect(publishedRunsOf(runs, 'deepseek-v3', 'h200', 'sglang').map((r) => r.id)).toEqual([
      'c',
      'b',
      'd',
      'a',
      'f',
    ]);
    expect(publishedRunsOf(runs, 'glm-5', 'h200', 'sglang')).toEqual([]);
  });
});

describe('formatPublishedRatio', () => {
  it('gives explorer / published to two decimals, and whether it is within the band either way', () => {
    expect(formatPublishedRatio(1.234, 1.5)).toEqual({ text: '1.23×', within: true });
    expect(formatPublishedRatio(1 / 1.6, 1.5)).toEqual({ text: '0.63×', within: false });
    expect(formatPublishedRatio(2, 2)).toEqual({ text: '2.00×', within: true });
  });
});

describe('pageFigure', () => {
  // Only the fields pageFigure reads: a decode step of 100 tok/s (25 per user), a whole run of
  // 80 tok/s (20 per user, 40 ms TPOT) and a benchmark run of 60 tok/s at 50 ms TPOT.
  const serving = {
    decode: { tokensPerSecond: 100, tokensPerSecondPerUser: 25 },
  } as ServingEstimate;
  const whole = {
    kind: 'run',
    run: {
      outputTokensPerSecond: 80,
      outputTokensPerSecondPerUser: 20,
      timePerOutputTokenSeconds: 0.04,
    },
    text: '',
  } as WholeRun;
  const bench = {
    kind: 'run',
    run: { outputTokensPerSecond: 60, timePerOutputTokenSeconds: 0.05 },
    text: '',
  } as BenchmarkRun;

  it('reads the decode step’s figures from the estimate', () => {
    expect(pageFigure('decode', serving, null, null)).toBe(100);
    expect(pageFigure('decodePerUser', serving, null, null)).toBe(25);
    expect(pageFigure('decode', null, whole, bench)).toBeNull();
  });

  it('reads a run’s from the benchmark run where the page has one, else the whole run', () => {
    expect(pageFigure('runOutput', serving, whole, bench)).toBe(60);
    expect(pageFigure('runTpot', serving, whole, bench)).toBeCloseTo(20, 12);
    expect(pageFigure('runOutput', serving, whole, null)).toBe(80);
    expect(pageFigure('runTpot', serving, whole, null)).toBeCloseTo(25, 12);
    // Per user over the whole run is the steady state's alone.
    expect(pageFigure('runPerUser', serving, whole, bench)).toBe(20);
  });

  it('is null where the page shows none: a benchmark run that cannot be simulated, no whole run', () => {
    const note = { kind: 'note', text: 'This run cannot be simulated.' } as BenchmarkRun;
    expect(pageFigure('runOutput', serving, whole, note)).toBeNull();
    expect(pageFigure('runOutput', serving, null, null)).toBeNull();
    expect(pageFigure('runPerUser', serving, { kind: 'note', text: '' }, null)).toBeNull();
  });
});

describe('formatOpenedRun', () => {
  const serving = {
    decode: { tokensPerSecond: 123.456, tokensPerSecondPerUser: 5 },
  } as ServingEstimate;

  it('puts the published figure beside the page’s, with their ratio', () => {
    expect(formatOpenedRun([run('a', 'h200', 'vllm')], serving, null, null)).toBe(
      'Opened from a published run (a blog): 100 decode tok/s published; the page shows 123 with these settings (1.23×).',
    );
    // A run's figures together: decode and per user, 100 and 4 published.
    const perUser = {
      ...run('a', 'h200', 'vllm'),
      measure: 'decode tok/s per user',
      figure: 'decodePerUser' as const,
      published: 4,
    };
    expect(formatOpenedRun([run('a', 'h200', 'vllm'), perUser], serving, null, null)).toBe(
      'Opened from a published run (a blog): 100 decode tok/s and 4 decode tok/s per user published; the page shows 123 and 5 with these settings (1.23× and 1.25×).',
    );
  });

  it('says so where the page shows no such figure', () => {
    expect(formatOpenedRun([run('a', 'h200', 'vllm')], null, null, null)).toBe(
      'Opened from a published run (a blog): 100 decode tok/s published; the page shows no such figure with these settings.',
    );
  });

  it('shows a figure whole from 100 up, and as a rate below', () => {
    expect(formatPublishedValue(12_345.6)).toBe('12,346');
    expect(formatPublishedValue(4.4)).toBe('4.4');
  });
});

describe('filterPublishedRuns', () => {
  const runs = [
    {
      ...run('a', 'h200', 'sglang'),
      source: 'GitHub SemiAnalysisAI/InferenceX pull request #3288',
    },
    { ...run('b', 'b200', 'vllm'), run: 'batch 16 · MTP 3' },
    run('c', 'h200', 'vllm'),
  ];

  it('keeps the runs that hold every word typed, in any case', () => {
    expect(filterPublishedRuns(runs, 'h200').map((r) => r.id)).toEqual(['a', 'c']);
    expect(filterPublishedRuns(runs, 'H200  SGLang').map((r) => r.id)).toEqual(['a']);
    expect(filterPublishedRuns(runs, 'inferencex').map((r) => r.id)).toEqual(['a']);
    expect(filterPublishedRuns(runs, 'mtp b200').map((r) => r.id)).toEqual(['b']);
    expect(filterPublishedRuns(runs, 'tpu')).toEqual([]);
  });

  it('keeps them all for an empty query', () => {
    expect(filterPublishedRuns(runs, '  ')).toHaveLength(3);
  });
});
