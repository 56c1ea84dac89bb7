/** The whole-run workload options of `serve`: prompt and answer lengths, prefill included. */
import {
  LIMITS,
  MAX_REQUEST_RATE,
  MAX_RUN_PROMPTS,
  OUTPUT_SPREADS,
  type FiniteRunShape,
  type OutputSpread,
} from '../lib/core/index.ts';
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
    help: "a benchmark's run of N prompts (num_prompts), --batch of them in flight: the run's output throughput, concurrency and TPOT as the benchmark prints them, the slots emptying at its end; under vLLM step by step through its scheduler and KV cache, with its mean TTFT (with --input and --output)",
  },
  {
    group: WORKLOAD,
    name: 'request-rate',
    arg: 'R',
    range: [0.001, MAX_REQUEST_RATE],
    help: "a --prompts run's requests a second, sent as a Poisson process (vllm bench serve and SGLang's bench_serving --request-rate), at most --batch in flight (without --batch, no cap, and the estimate is at the run's mean concurrency): simulated step by step on any engine, with its mean TTFT; default: every prompt at once, or as --batch frees a slot",
  },
  {
    group: WORKLOAD,
    name: 'output-min',
    arg: 'TOKENS',
    range: [1, LIMITS.contextTokens],
    integer: true,
    help: "the shortest answer of a --prompts run: answers are uniform from it to 2 x --output less it, --output their mean (a random dataset of --random-output-len L and --random-range-ratio r: SGLang's bench_serving draws from r x L to L, vLLM's vllm bench serve from (1 - r) x L to (1 + r) x L); default: --output, every answer the same (1 with --output-spread exponential)",
  },
  {
    group: WORKLOAD,
    name: 'output-spread',
    arg: 'HOW',
    default: 'uniform',
    help: "how a --prompts run's answers spread around --output, their mean: uniform (a random dataset, see --output-min) or exponential, long-tailed as a chat dataset's, from --output-min to --output-max (ShareGPT: vllm bench serve keeps answers of 4 tokens or more, prompt and answer 2,048 at most, so --output-min 4 --output-max 2044)",
  },
  {
    group: WORKLOAD,
    name: 'output-max',
    arg: 'TOKENS',
    range: [1, LIMITS.contextTokens],
    integer: true,
    help: "the longest answer of an --output-spread exponential run; default: no cap (the longest falls at the tail's last quantile, about --output x ln(2 x --prompts))",
  },
];

/** --input and --output together, with the run of --prompts if given; null without them. */
export function workloadOptions(
  options: Map<string, string>,
): { inputTokens: number; outputTokens: number; run: FiniteRunShape | null } | null {
  const has = ['input', 'output'].filter((n) => options.has(n));
  if (has.length === 0) {
    const orphan = ['prompts', ...RUN_SHAPE_OPTIONS].find((n) => options.has(n));
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
  const run = runShape(options, number('prompts'), number('output-min'), outputTokens);
  const rate = number('request-rate');
  return {
    inputTokens,
    outputTokens,
    run: run && rate !== undefined ? { ...run, requestRate: rate } : run,
  };
}

/** The options that shape a --prompts run: its answers, and when its requests come. */
const RUN_SHAPE_OPTIONS = ['output-min', 'output-spread', 'output-max', 'request-rate'];

/**
 * `--batch` by default for a run at a request rate: every prompt may be in flight at once, as
 * `vllm bench serve` and `bench_serving` send them without `--max-concurrency`; undefined
 * without a rate.
 */
export function rateRunBatch(options: Map<string, string>): number | undefined {
  if (!options.has('request-rate')) return undefined;
  return numberOption(options, findOption(WORKLOAD_OPTION_TABLE, 'prompts'));
}

/** The run of --prompts: answers uniform from --output-min to 2 x --output less it, or exponential. */
function runShape(
  options: Map<string, string>,
  prompts: number | undefined,
  outputMin: number | undefined,
  outputTokens: number,
): FiniteRunShape | null {
  if (prompts === undefined) {
    const orphan = RUN_SHAPE_OPTIONS.find((n) => options.has(n));
    if (orphan) throw new UsageError(`--${orphan} needs --prompts`);
    return null;
  }
  const spread = outputSpread(options.get('output-spread'));
  const outputMax = numberOption(options, findOption(WORKLOAD_OPTION_TABLE, 'output-max'));
  if (spread === 'exponential')
    return exponentialShape(prompts, outputMin, outputMax, outputTokens);
  if (outputMax !== undefined)
    throw new UsageError(
      '--output-max is for --output-spread exponential: uniform answers end at 2 x --output less --output-min',
    );
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

function outputSpread(value: string | undefined): OutputSpread {
  if (value === undefined) return 'uniform';
  const lower = value.toLowerCase() as OutputSpread;
  if (!OUTPUT_SPREADS.includes(lower))
    throw new UsageError(
      `--output-spread: expected one of ${OUTPUT_SPREADS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return lower;
}

/** Exponential answers of mean --output, from --output-min (default 1) to --output-max. */
function exponentialShape(
  prompts: number,
  outputMin: number | undefined,
  outputMax: number | undefined,
  outputTokens: number,
): FiniteRunShape {
  const min = outputMin ?? 1;
  const max = outputMax ?? LIMITS.contextTokens;
  if (min > outputTokens)
    throw new UsageError(
      `--output-min: expected at most --output (${outputTokens}), the answers' mean, got ${min}`,
    );
  if (max < outputTokens)
    throw new UsageError(
      `--output-max: expected at least --output (${outputTokens}), the answers' mean, got ${max}`,
    );
  return {
    prompts,
    outputMin: min,
    outputMax: max,
    spread: 'exponential',
    outputMean: outputTokens,
  };
}
