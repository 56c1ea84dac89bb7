/** The options of `serve` that only SGLang reads: their table and what they give the core. */
import { LIMITS, SGLANG_PREFILL_DELAY_PASSES, type ServingEstimate } from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption, type CliOption } from './options.ts';
import { UsageError } from './usage-error.ts';

const ASSUMED = 'assumptions of the estimate';

export const SGLANG_OPTION_TABLE: readonly CliOption[] = [
  {
    group: ASSUMED,
    name: 'max-running-requests',
    arg: 'N',
    range: [1, LIMITS.batch],
    integer: true,
    default:
      "SGLang's: 256 for DeepSeek-V4, else 48 with speculative decoding, else as many as its KV cache holds",
    help: "SGLang's --max-running-requests: the most requests it runs at once, the rest of --batch waiting",
  },
  {
    group: ASSUMED,
    name: 'swa-full-tokens-ratio',
    arg: 'F',
    range: [0.01, 1],
    default: "SGLang's for DeepSeek-V4: 0.1",
    help: "SGLang's --swa-full-tokens-ratio: the window rows its DeepSeek-V4 pools keep per token of context",
  },
  {
    group: ASSUMED,
    name: 'enable-prefill-delayer',
    help: "SGLang's prefill delayer, under DP attention: a rank's prompts wait until every rank has some, so they prefill together in fewer passes",
  },
  {
    group: ASSUMED,
    name: 'prefill-delayer-max-delay-passes',
    arg: 'N',
    range: [1, 10_000],
    integer: true,
    default: `SGLang's: ${SGLANG_PREFILL_DELAY_PASSES}`,
    help: 'with --enable-prefill-delayer: the passes a rank holds its prompts at most while another rank has none',
  },
];

/**
 * The prefill delayer's passes: SGLang's default with --enable-prefill-delayer, the passes given
 * beside it; undefined without it (the core's default, off). SGLang reads the passes only with
 * the delayer on, so they are refused alone rather than ignored.
 */
export function prefillDelayPasses(options: Map<string, string>): number | undefined {
  const passes = numberOption(
    options,
    findOption(SGLANG_OPTION_TABLE, 'prefill-delayer-max-delay-passes'),
  );
  if (!options.has('enable-prefill-delayer')) {
    if (passes !== undefined)
      throw new UsageError(
        `--prefill-delayer-max-delay-passes: expected --enable-prefill-delayer beside it (SGLang reads it only with the delayer on), got ${passes}`,
      );
    return undefined;
  }
  return passes ?? SGLANG_PREFILL_DELAY_PASSES;
}

/**
 * SGLang asserts DP attention for its prefill delayer; the core leaves a delayer that cannot run
 * off, and the CLI says why instead of estimating without what was asked.
 */
export function checkPrefillDelayer(
  asked: number | null | undefined,
  estimate: ServingEstimate,
): void {
  if (asked == null || estimate.assumptions.memory.prefillDelayPasses !== null) return;
  const { engine } = estimate.assumptions.memory;
  const { tp, dp } = estimate.layout;
  throw new UsageError(
    `--enable-prefill-delayer: expected SGLang with data-parallel attention (tp below the devices, experts over them), got ${engine === 'sglang' ? `tp ${tp}, dp ${dp}` : engine}`,
  );
}
