/** The whole-run workload options of `serve`: prompt and answer lengths, prefill included. */
import { LIMITS } from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption, type CliOption } from './options.ts';
import { UsageError } from './usage-error.ts';

const WORKLOAD = 'whole run (prefill included)';

export const WORKLOAD_OPTION_TABLE: readonly CliOption[] = [
  {
    group: WORKLOAD,
    name: 'input',
    arg: 'TOKENS',
    range: [1, LIMITS.contextTokens],
    integer: true,
    help: "prompt tokens per request; with --output, adds the run's output throughput with prefill (workload)",
  },
  {
    group: WORKLOAD,
    name: 'output',
    arg: 'TOKENS',
    range: [1, LIMITS.contextTokens],
    integer: true,
    help: 'output tokens per request; --context defaults to input + output',
  },
];

/** --input and --output together; null without them (one alone is an error). */
export function workloadOptions(
  options: Map<string, string>,
): { inputTokens: number; outputTokens: number } | null {
  const has = ['input', 'output'].filter((n) => options.has(n));
  if (has.length === 0) return null;
  if (has.length === 1)
    throw new UsageError(`--${has[0]} needs --${has[0] === 'input' ? 'output' : 'input'} too`);
  const number = (name: string) => numberOption(options, findOption(WORKLOAD_OPTION_TABLE, name))!;
  const inputTokens = number('input');
  const outputTokens = number('output');
  if (inputTokens + outputTokens > LIMITS.contextTokens)
    throw new UsageError(
      `--input + --output: expected at most ${LIMITS.contextTokens} tokens, got ${inputTokens + outputTokens}`,
    );
  return { inputTokens, outputTokens };
}
