/** The speculative-decoding options of `serve`: their table and what they give the core. */
import {
  SPECULATIVE_METHODS,
  type ModelSpec,
  type SpeculativeMethod,
  type SpeculativeOptions,
} from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { loadModel } from './load-model.ts';
import { findOption, type CliOption } from './options.ts';
import { UsageError } from './usage-error.ts';

const SPECULATIVE = 'speculative decoding';

/** DeepSeek-V3's MTP proposes one token (one module); its report gives 85-90% acceptance (5.4.3). */
export const SPECULATIVE_DEFAULTS = { draftTokens: 1, acceptance: 0.85 } as const;

export const SPECULATIVE_OPTION_TABLE: readonly CliOption[] = [
  {
    group: SPECULATIVE,
    name: 'spec-decode',
    arg: 'MODE',
    help: "speculative decoding: mtp (the model's own MTP modules) or draft (--draft-model)",
  },
  {
    group: SPECULATIVE,
    name: 'draft-tokens',
    arg: 'N',
    range: [1, 16],
    integer: true,
    default: String(SPECULATIVE_DEFAULTS.draftTokens),
    help: 'tokens the draft proposes per step',
  },
  {
    group: SPECULATIVE,
    name: 'acceptance',
    arg: 'F',
    range: [0, 1],
    default: `${SPECULATIVE_DEFAULTS.acceptance} (DeepSeek-V3 report 5.4.3: 85-90% for its MTP)`,
    help: 'probability that each draft token is accepted',
  },
  {
    group: SPECULATIVE,
    name: 'draft-model',
    arg: 'MODEL',
    help: 'the draft model for --spec-decode draft: a preset id, a config.json or org/name',
  },
];

/**
 * --spec-decode and its options; null without it (its options alone are an error). `draft`: the
 * --draft-model read from the Hub when it is a model id (hub-model.ts), else it is read here.
 */
export function speculativeOptions(
  options: Map<string, string>,
  draft?: ModelSpec,
): SpeculativeOptions | null {
  const given = options.get('spec-decode');
  const parts = ['draft-tokens', 'acceptance', 'draft-model'].filter((n) => options.has(n));
  if (given === undefined) {
    if (parts.length > 0)
      throw new UsageError(`--${parts[0]} needs --spec-decode mtp or --spec-decode draft`);
    return null;
  }
  const method = given.toLowerCase() as SpeculativeMethod;
  if (!SPECULATIVE_METHODS.includes(method))
    throw new UsageError(
      `--spec-decode: expected one of ${SPECULATIVE_METHODS.join(', ')}, got ${JSON.stringify(given)}`,
    );
  const draftArg = options.get('draft-model');
  if (method === 'draft' && draftArg === undefined)
    throw new UsageError(
      '--spec-decode draft needs --draft-model (a preset id, a config.json or a Hugging Face model id)',
    );
  if (method === 'mtp' && draftArg !== undefined)
    throw new UsageError(
      '--draft-model is for --spec-decode draft; mtp drafts with the model itself',
    );
  const number = (name: string) =>
    numberOption(options, findOption(SPECULATIVE_OPTION_TABLE, name));
  return {
    method,
    draftTokens: number('draft-tokens') ?? SPECULATIVE_DEFAULTS.draftTokens,
    acceptance: number('acceptance') ?? SPECULATIVE_DEFAULTS.acceptance,
    ...(draftArg === undefined ? {} : { draftModel: { spec: draft ?? loadModel(draftArg) } }),
  };
}
