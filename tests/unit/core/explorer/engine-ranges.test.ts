import { describe, expect, it } from 'vitest';
import {
  ANSWER_SPREAD_LABELS,
  ANSWER_SPREADS,
  ENGINE_RANGES,
  MAX_REQUEST_RATE,
  MAX_RUN_PROMPTS,
  WORKLOAD_RANGES,
} from '../../../../src/lib/core/index.ts';
import { findOption } from '../../../../src/cli/options.ts';
import { SERVE_OPTIONS } from '../../../../src/cli/serve-options.ts';

describe('the page’s engine and workload ranges', () => {
  it('take what the CLI takes for the same settings, tokens per pass up to a page field’s 1,048,576', () => {
    const cli = (name: string) => findOption(SERVE_OPTIONS, name).range!;
    const page = (r: { min: number; max: number }) => [r.min, r.max];
    expect(page(ENGINE_RANGES.memoryFraction)).toEqual(cli('gpu-memory-utilization'));
    const [min, max] = cli('max-batched-tokens');
    expect(ENGINE_RANGES.batchedTokens.min).toBe(min);
    expect(ENGINE_RANGES.batchedTokens.max).toBeLessThanOrEqual(max);
  });

  it('keep a benchmark run within what the core simulates, small enough for the browser', () => {
    expect(WORKLOAD_RANGES.runPrompts.max).toBeLessThanOrEqual(MAX_RUN_PROMPTS);
    expect(WORKLOAD_RANGES.runPrompts.max).toBe(10_000);
    expect(WORKLOAD_RANGES.requestRate.max).toBe(MAX_REQUEST_RATE);
    expect(WORKLOAD_RANGES.requestRate.min).toBeGreaterThan(0);
  });

  it('label every answer spread', () => {
    expect(Object.keys(ANSWER_SPREAD_LABELS)).toEqual([...ANSWER_SPREADS]);
  });
});
