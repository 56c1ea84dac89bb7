/** The whole-run workload options of `serve`: prompt and answer lengths, prefill included. */
import { LIMITS, MAX_RUN_PROMPTS, type FiniteRunShape } from '../lib/core/index.ts';
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
  {
    group: WORKLOAD,
    name: 'prompts',
    arg: 'N',
    range: [1, MAX_RUN_PROMPTS],
    integer: true,
    help: "a benchmark's run of N prompts (num_prompts), --batch of them in flight: the run's output throughput, concurrency and TPOT as the benchmark prints them, the slots emptying at its end (with --input and --output)",
  },
  {
    group: WORKLOAD,
    name: 'output-min',
    arg: 'TOKENS',
    range: [1, LIMITS.contextTokens],
    integer: true,
    help: "the shortest answer of a --prompts run: answers are uniform from it to 2 x --output less it, --output their mean (a random dataset of --random-output-len L and --random-range-ratio r: SGLang's bench_serving draws from r x L to L, vLLM's vllm bench serve from (1 - r) x L to (1 + r) x L); default: --output, every answer the same",
  },
];

/** --input and --output together, with the run of --prompts if given; null without them. */
export function workloadOptions(
  options: Map<string, string>,
): { inputTokens: number; outputTokens: number; run: FiniteRunShape | null } | null {
  const has = ['input', 'output'].filter((n) => options.has(n));
  if (has.length === 0) {
    const orphan = ['prompts', 'output-min'].find((n) => options.has(n));
    if (orphan) throw new UsageError(`--${orphan} needs --input and --output`);
    return null;
  }
  if (has.length === 1)
    throw new UsageError(`--${has[0]} needs --${has[0] === 'input' ? 'output' : 'input'} too`);
  const number = (name: string) => numberOption(options, findOption(WORKLOAD_OPTION_TABLE, name));
  const inputTokens = number('input')!;
  const outputTokens = number('output')!;
  if (inputTokens + outputTokens > LIMITS.contextTokens)
    throw new UsageError(
      `--input + --output: expected at most ${LIMITS.contextTokens} tokens, got ${inputTokens + outputTokens}`,
    );
  return {
    inputTokens,
    outputTokens,
    run: runShape(number('prompts'), number('output-min'), outputTokens),
  };
}

/** The run of --prompts: answers uniform from --output-min to 2 x --output less it. */
function runShape(
  prompts: number | undefined,
  outputMin: number | undefined,
  outputTokens: number,
): FiniteRunShape | null {
  if (prompts === undefined) {
    if (outputMin !== undefined) throw new UsageError('--output-min needs --prompts');
    return null;
  }
  const min = outputMin ?? outputTokens;
  if (min > outputTokens)
    throw new UsageError(
      `--output-min: expected at most --output (${outputTokens}), the answers' mean, got ${min}`,
    );
  const max = 2 * outputTokens - min;
  if (max > LIMITS.contextTokens)
    throw new UsageError(
      `--output-min: expected at least ${2 * outputTokens - LIMITS.contextTokens}, so that the longest answer (2 x --output less it) is at most ${LIMITS.contextTokens} tokens, got ${min}`,
    );
  return { prompts, outputMin: min, outputMax: max };
}
