/**
 * Models read from the Hugging Face Hub (`params org/name`, `serve org/name`, `compare a/b c/d`,
 * `--draft-model org/name`, `--gguf org/name/<file>.gguf`). The one asynchronous step of the CLI,
 * taken before the synchronous pipeline (run.ts): an argument that is neither a file nor a preset
 * id and parses as a model id (parseModelId) has its config.json fetched and, for a command that
 * checks its count on the checkpoint (`params`), its tensor list (src/lib/hub/client.ts); `run`
 * takes what was read. Files and presets never get here.
 */
import {
  ConfigError,
  findPreset,
  JsonSyntaxError,
  parseHFConfig,
  type GgufModel,
  type ModelSource,
  type ModelSpec,
} from '../lib/core/index.ts';
import { DEFAULT_HUB_URL, fetchConfig, fetchTensors, HubError } from '../lib/hub/client.ts';
import { formatModelId, ModelIdError, parseModelId, type HubModel } from '../lib/hub/model-id.ts';
import { parseArgs } from './args.ts';
import {
  fromHub,
  HUB_TIMEOUT_MS,
  HubTimeout,
  hubUrlOf,
  seconds,
  type HubDeps,
} from './hub-fetch.ts';
import { hubGgufOf, readGgufFromHub } from './hub-gguf.ts';
import type { CliOption } from './options.ts';
import type { CheckpointTensors } from './params-command.ts';
import { pathExists } from './read-config-file.ts';
import { UsageError } from './usage-error.ts';

/** The options read here, not by the command: where the model is read from (options.ts). */
export const HUB_OPTIONS = ['hub-url', 'revision'] as const;

/** What was read from the Hub: the models given as model ids, and the tensors where asked. */
export interface HubInput {
  /** The model argument's spec (its config.json), when the argument is a model id. */
  spec?: ModelSpec;
  /** Its tensors or why they could not be read; only for a command that checks them. */
  checkpoint?: CheckpointTensors;
  /** `--draft-model`'s spec, when it is a model id (`serve --spec-decode draft`). */
  draft?: ModelSpec;
  /** `--gguf`'s model, when it names a file on the Hub (`serve`; hub-gguf.ts). */
  gguf?: GgufModel;
  /** A command over several models (`compare`): each argument that is a model id, read. */
  sources?: ReadonlyMap<string, ModelSource>;
}

/** What reading a model id needs to know of the command (commands.ts `Command`). */
export interface HubCommand {
  name: string;
  options: readonly CliOption[];
  /** Reads the checkpoint's tensor list too, to check its count on it (`params`). */
  checksCheckpoint?: boolean;
  /** Takes several models (`compare`): each argument that is a model id is read. */
  several?: readonly [min: number, max: number];
}

/**
 * The help section on model ids, --hub-url, --revision and HF_ENDPOINT; `checks`: the command
 * checks its count on the checkpoint's tensors (`params`), else it reads config.json alone;
 * `revision`: it takes --revision (a command over several models does not: whose would it be?).
 */
export function hubHelp(checks: boolean, revision = true): string[] {
  return [
    'a Hugging Face model id, when the argument is neither a file nor a preset id:',
    '  org/name, org/name@revision, or its page URL (https://huggingface.co/org/name/tree/REV).',
    ...(checks
      ? [
          '  config.json is read from the Hub and counted, then the count is checked against the',
          "  checkpoint's tensors (safetensors headers, never the weights).",
        ]
      : ['  config.json is read from the Hub, nothing else.']),
    `  The Hub is --hub-url, else $HF_ENDPOINT (the Hugging Face convention), else ${DEFAULT_HUB_URL}.`,
    `  ${revision ? '--revision overrides an @revision. ' : ''}A Hub silent for ${HUB_TIMEOUT_MS / 1000} s is given up on.`,
  ];
}

/**
 * The models that `command` with `args` (the words after its name) names on the Hub, fetched:
 * the model argument (with, for `params`, its tensor list), `--draft-model` and `--gguf`, or
 * for `compare` each of its models; undefined when none is on the Hub (a file, a preset), so
 * that `run` takes the old path. Throws UsageError for a bad --hub-url, HF_ENDPOINT or
 * --revision (the model argument's), and when a config.json cannot be read; a tensor list that
 * cannot be read is reported in `checkpoint`.
 */
export async function resolveHubModel(
  command: HubCommand,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  deps: HubDeps = {},
): Promise<HubInput | undefined> {
  const { positional, options } = parseArgs(args, command.options, command.name);
  if (command.several) return readSeveral(positional, options, env, deps);
  if (positional.length !== 1) return undefined;
  const named = hubModelOf(positional[0]!);
  const draftArg = options.get('draft-model');
  const draft = draftArg === undefined ? undefined : hubModelOf(draftArg);
  const ggufArg = options.get('gguf');
  const gguf = ggufArg !== undefined && hubGgufOf(ggufArg) !== undefined;
  // --revision is the model argument's; --hub-url serves any model or file named on the Hub.
  const misplaced = named ? undefined : HUB_OPTIONS.find((o) => options.has(o) && (o === 'revision' || !(draft || gguf))); // prettier-ignore
  if (misplaced)
    throw new UsageError(`--${misplaced}: applies to a Hugging Face model id (org/name), not to ${positional[0]}`); // prettier-ignore
  if (!named && !draft && !gguf) return undefined;
  const hubUrl = hubUrlOf(options.get('hub-url'), env.HF_ENDPOINT);
  const input: HubInput = {};
  if (named) {
    const revision = options.get('revision');
    const model = revision === undefined ? named : withRevision(named, revision);
    input.spec = await readConfig(model, hubUrl, deps);
    if (command.checksCheckpoint) input.checkpoint = await readTensors(model, hubUrl, deps);
  }
  if (draft) input.draft = await readConfig(draft, hubUrl, deps);
  if (gguf) input.gguf = await readGgufFromHub(ggufArg, hubUrl, deps);
  return input;
}

/** A model's config.json from the Hub, read as the explorer reads it; UsageError when it cannot be. */
async function readConfig(model: HubModel, hubUrl: string, deps: HubDeps): Promise<ModelSpec> {
  const { where, json } = await fetchHubConfig(model, hubUrl, deps);
  return parseHubConfig(json, where);
}

/** A model's config.json from the Hub as JSON, and the model id that names it. */
async function fetchHubConfig(
  model: HubModel,
  hubUrl: string,
  deps: HubDeps,
): Promise<{ where: string; json: unknown }> {
  const where = formatModelId(model);
  const json = await fromHub(deps, (o) => fetchConfig(model, { hubUrl, ...o })).catch(
    (error: unknown) => {
      throw configFailure(error, `${hubUrl} did not answer within ${seconds(deps)} s for ${where}: check the connection or the Hub address (--hub-url, HF_ENDPOINT)`, where); // prettier-ignore
    },
  );
  return { where, json };
}

/**
 * The arguments of a command over several models that are model ids, each read and checked as
 * the explorer reads a config.json, by argument; undefined when none is a model id.
 */
async function readSeveral(
  positional: readonly string[],
  options: Map<string, string>,
  env: Readonly<Record<string, string | undefined>>,
  deps: HubDeps,
): Promise<HubInput | undefined> {
  const named = positional.flatMap((arg) => {
    const model = hubModelOf(arg);
    return model ? [[arg, model] as const] : [];
  });
  if (named.length === 0) {
    if (options.has('hub-url'))
      throw new UsageError(`--hub-url: applies to a Hugging Face model id (org/name), not to ${positional.join(', ')}`); // prettier-ignore
    return undefined;
  }
  const hubUrl = hubUrlOf(options.get('hub-url'), env.HF_ENDPOINT);
  const sources = new Map<string, ModelSource>();
  for (const [arg, model] of named) {
    const { where, json } = await fetchHubConfig(model, hubUrl, deps);
    parseHubConfig(json, where); // its errors name the model, before any column is drawn
    sources.set(arg, { kind: 'config', name: where, json });
  }
  return { sources };
}

/** A model's tensor list from the Hub, or why it could not be read. */
async function readTensors(
  model: HubModel,
  hubUrl: string,
  deps: HubDeps,
): Promise<CheckpointTensors> {
  try {
    return { tensors: await fromHub(deps, (o) => fetchTensors(model, { hubUrl, ...o })) };
  } catch (error) {
    return { error: tensorFailure(error, deps) };
  }
}

/** The model id an argument names, unless it is a file, a preset id or no model id. */
function hubModelOf(arg: string): HubModel | undefined {
  // A config path that is missing keeps its "no such file" (a repo is never named *.json).
  if (/\.json$/i.test(arg) || pathExists(arg) || findPreset(arg)) return undefined;
  try {
    return parseModelId(arg);
  } catch (error) {
    if (error instanceof ModelIdError) return undefined;
    throw error;
  }
}

/** The model at `revision` (--revision), checked as an @revision is. */
function withRevision(model: HubModel, revision: string): HubModel {
  try {
    return parseModelId(`${model.repo}@${revision}`);
  } catch (error) {
    if (error instanceof ModelIdError) throw new UsageError(`--revision: ${error.message}`);
    throw error;
  }
}

/** config.json read as the explorer reads it, named by the model id. */
function parseHubConfig(config: unknown, where: string): ModelSpec {
  try {
    return parseHFConfig(config, { name: where });
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(`${where} config.json: ${error.message}`);
    throw error;
  }
}

/** A failure to get config.json as the one line the CLI prints (exit 2), or the bug itself. */
function configFailure(error: unknown, timeout: string, where: string): unknown {
  if (error instanceof HubTimeout) return new UsageError(timeout);
  // The client's advice is the page's ("paste its config.json"); the CLI reads a file instead.
  if (error instanceof HubError)
    return new UsageError(error.message.replace('paste its config.json', 'give the path of its config.json')); // prettier-ignore
  if (error instanceof JsonSyntaxError) return new UsageError(`${where} config.json: ${error.message}`); // prettier-ignore
  return error;
}

/** Why the tensor list could not be read; a bug is thrown on. */
function tensorFailure(error: unknown, deps: HubDeps): string {
  if (error instanceof HubTimeout)
    return `the Hub did not answer within ${seconds(deps)} s while the tensor list was read`;
  if (error instanceof HubError || error instanceof ConfigError || error instanceof JsonSyntaxError)
    return error.message;
  throw error;
}
