/**
 * A published run's deployment as a link to the explorer (scripts/published-runs.ts): the page's
 * settings for the case's `serve` flags, where every flag it gives has a page setting that means
 * the same; null where one has none (a custom device, a fitted constant, vLLM's prefill in passes
 * of their own), so that a link always shows the explorer's own figure for the run.
 * tests/unit/scripts/published-runs.test.ts holds each link to it.
 */
import {
  answerLengths,
  DEFAULT_DEPLOYMENT,
  defaultGpusPerNode,
  LIMITS,
  enginePrefillScheduling,
  findDevice,
  PIECEWISE_LAUNCH_SECONDS,
  SYNC_SCHEDULING_SECONDS,
  type DeploymentSettings,
  type EngineId,
} from '../src/lib/core/index.ts';
import { parseArgs } from '../src/cli/args.ts';
import { efficiencyOptions, releaseOption } from '../src/cli/efficiency-options.ts';
import { SERVE_DEFAULTS, SERVE_OPTIONS } from '../src/cli/serve-options.ts';

/** The flags whose meaning a page setting carries (the rest make a case unlinked). */
const LINKED_FLAGS = new Set([
  'gpu',
  'gpus',
  'tp',
  'ep',
  'pp',
  'weights',
  'expert-weights',
  'kv-dtype',
  'kv-layout',
  'context',
  'batch',
  'engine',
  'gpus-per-node',
  'max-num-seqs',
  'max-running-requests',
  'cuda-graph-max-bs',
  'gpu-memory-utilization',
  'memory-utilization',
  'max-batched-tokens',
  'no-async-scheduling',
  'cuda-graphs',
  'prefill',
  'engine-version',
  'spec-decode',
  'draft-tokens',
  'acceptance',
  'input',
  'output',
  'prompts',
  'request-rate',
  'output-spread',
  'output-min',
  'output-max',
  'nodes',
]);

/** A flag's number, or undefined where the case does not give it. */
export const numberOf = (options: Map<string, string>, name: string) =>
  options.has(name) ? Number(options.get(name)) : undefined;

/** The page's settings for a case's flags, or null where one has no page setting. */
export function linkedDeployment(cli: readonly string[]): DeploymentSettings | null {
  const { options } = parseArgs(cli, SERVE_OPTIONS, 'serve');
  if ([...options.keys()].some((name) => !LINKED_FLAGS.has(name))) return null;
  // A rate run without --batch puts its estimate at the run's own concurrency: not a setting.
  if (options.has('request-rate') && !options.has('batch')) return null;
  const engine = (options.get('engine')?.toLowerCase() ?? 'vllm') as EngineId;
  const number = (name: string) => numberOf(options, name);
  const [input, output] = [number('input'), number('output')];
  const answers = answerSettings(options, output);
  // The page tells a whole run only of requests within the context; the CLI runs any.
  const longest = answers.longest ?? output;
  const context =
    number('context') ??
    (input !== undefined && longest !== undefined ? input + longest : undefined);
  if (
    context !== undefined &&
    input !== undefined &&
    longest !== undefined &&
    input + longest > context
  )
    return null;
  // A home machine (llama.cpp, a unified pool) is the page's System RAM estimate, set otherwise.
  const deviceId = options.get('gpu') ?? SERVE_DEFAULTS.gpu;
  if (engine === 'llamacpp' || findDevice(deviceId)?.unified !== undefined) return null;
  const host = hostKnobs(options, engine);
  const engineSettings = engineKnobs(options, engine);
  const devices = deviceCount(options, deviceId);
  if (!host || !engineSettings || !devices) return null;
  return {
    ...DEFAULT_DEPLOYMENT,
    deviceId,
    tp: number('tp') ?? null,
    ep: number('ep') ?? SERVE_DEFAULTS.ep,
    pp: number('pp') ?? SERVE_DEFAULTS.pp,
    weights: (options.get('weights') as DeploymentSettings['weights']) ?? null,
    expertWeights: (options.get('expert-weights') as DeploymentSettings['expertWeights']) ?? null,
    kvDtype: (options.get('kv-dtype') as DeploymentSettings['kvDtype']) ?? null,
    kvLayout: (options.get('kv-layout') as DeploymentSettings['kvLayout']) ?? null,
    contextTokens: context ?? SERVE_DEFAULTS.contextTokens,
    batch: number('batch') ?? SERVE_DEFAULTS.batch,
    ...engineSettings,
    ...devices,
    ...host,
    promptTokens: input ?? null,
    answerTokens: output ?? null,
    runPrompts: number('prompts') ?? null,
    requestRate: number('request-rate') ?? null,
    ...answers.settings,
  };
}

/**
 * A run's answers (`--output-spread`, `--output-min`, `--output-max`) as the page's spread and
 * bounds, and the longest of them, which the link's context must hold (the page caps answers
 * at the context less the prompt; the CLI's context defaults to input + output and caps none):
 * - uniform (the CLI's default with `--output-min`), from its shortest (the CLI's default: the
 *   answer tokens) to 2 x output less it;
 * - exponential, from its shortest (1) to its longest as the CLI draws them (answer-lengths.ts).
 */
function answerSettings(
  options: Map<string, string>,
  output: number | undefined,
): { settings: Partial<DeploymentSettings>; longest?: number } {
  const spread = options.get('output-spread') ?? (options.has('output-min') ? 'uniform' : null);
  const prompts = numberOf(options, 'prompts');
  if (spread === null || output === undefined || prompts === undefined) return { settings: {} };
  const min = numberOf(options, 'output-min');
  if (spread === 'uniform') {
    const shortest = min ?? output;
    return {
      settings: { answerSpread: 'uniform', shortestAnswer: shortest },
      longest: 2 * output - shortest,
    };
  }
  const max = numberOf(options, 'output-max');
  const lengths = answerLengths({
    prompts,
    outputMin: min ?? 1,
    outputMax: max ?? LIMITS.contextTokens,
    spread: 'exponential',
    outputMean: output,
  });
  return {
    settings: {
      answerSpread: 'exponential',
      shortestAnswer: min ?? null,
      longestAnswer: max ?? null,
    },
    longest: lengths.reduce((a, b) => Math.max(a, b), 0),
  };
}

/** `--gpus`, or `--nodes` x `--gpus-per-node` (the device's node unless given), as page settings. */
function deviceCount(
  options: Map<string, string>,
  deviceId: string,
): (Pick<DeploymentSettings, 'devices'> & Partial<DeploymentSettings>) | null {
  const number = (name: string) => numberOf(options, name);
  const nodes = number('nodes');
  if (nodes === undefined) return { devices: number('gpus') ?? SERVE_DEFAULTS.gpus };
  const device = findDevice(deviceId);
  if (!device) return null;
  const devices =
    number('gpus') ?? nodes * (number('gpus-per-node') ?? defaultGpusPerNode(device.scaleUpDomain));
  if (devices % nodes !== 0) return null;
  return { devices, gpusPerNode: devices / nodes };
}

/**
 * The engine and its own settings: nodes, sequences per step (SGLang's running requests), the
 * CUDA-graph batch, mixed chunks and MTP; null where one has no page setting.
 */
function engineKnobs(
  options: Map<string, string>,
  engine: EngineId,
): Partial<DeploymentSettings> | null {
  const number = (name: string) => numberOf(options, name);
  const mtp = options.get('spec-decode');
  if (mtp !== undefined && mtp !== 'mtp') return null;
  const sequences = number(engine === 'sglang' ? 'max-running-requests' : 'max-num-seqs');
  if (
    sequences === undefined &&
    (options.has('max-num-seqs') || options.has('max-running-requests'))
  )
    return null;
  // The page sets SGLang's mixed chunks; any other engine prefills its own way.
  const prefill = options.get('prefill');
  if (prefill !== undefined && prefill !== enginePrefillScheduling(engine) && engine !== 'sglang')
    return null;
  return {
    engine,
    gpusPerNode: number('gpus-per-node') ?? null,
    maxSequences: sequences ?? null,
    graphBatch: number('cuda-graph-max-bs') ?? null,
    memoryFraction: number('gpu-memory-utilization') ?? number('memory-utilization') ?? null,
    batchedTokens: number('max-batched-tokens') ?? null,
    speculative: mtp
      ? {
          method: 'mtp',
          draftTokens: number('draft-tokens') ?? 1,
          acceptance: number('acceptance') ?? 0.85,
        }
      : null,
    ...(options.get('prefill') === 'mixed' ? { mixedChunk: true } : {}),
  };
}

/**
 * vLLM's synchronous scheduler and piecewise CUDA graphs, and SGLang's eager prefill, as a
 * release (`--engine-version`) or the flags set them, where they take the page's constants;
 * null where a release sets another (a vLLM release with a launch time of its own).
 */
function hostKnobs(
  options: Map<string, string>,
  engine: EngineId,
): Partial<DeploymentSettings> | null {
  const efficiency = efficiencyOptions(options);
  const { launchSecondsPerLayer: launch = 0, schedulingSecondsPerSequence: scheduling = 0 } =
    efficiency;
  const others = Object.keys(efficiency).filter(
    (k) => k !== 'launchSecondsPerLayer' && k !== 'schedulingSecondsPerSequence',
  );
  if (others.length > 0) return null;
  if (launch !== 0 && launch !== PIECEWISE_LAUNCH_SECONDS) return null;
  if (scheduling !== 0 && scheduling !== SYNC_SCHEDULING_SECONDS) return null;
  if ((launch !== 0 || scheduling !== 0) && engine !== 'vllm') return null;
  const eager = releaseOption(options)?.memory.piecewisePrefill === false;
  return {
    ...(scheduling !== 0 ? { syncScheduling: true } : {}),
    ...(launch !== 0 ? { piecewiseGraphs: true } : {}),
    ...(eager ? { eagerPrefill: true } : {}),
  };
}
