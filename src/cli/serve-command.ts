import {
  ConfigError,
  customDevice,
  defaultGpusPerNode,
  DEVICE_IDS,
  ENGINE_IDS,
  estimateLocalServing,
  estimateServing,
  findDevice,
  KV_DTYPES,
  KV_LAYOUTS,
  llamaCppDefaultLayout,
  parseTokenCount,
  PREFILL_SCHEDULINGS,
  resolveServing,
  formatLocalTrackRecord,
  localTrackRecordFor,
  trackRecordFor,
  trackRecordText,
  WEIGHT_FORMAT_IDS,
  workloadThroughput,
  benchmarkRun,
  finiteWorkload,
  type FiniteRun,
  type Device,
  type EngineId,
  type KvDtype,
  type KvLayout,
  type ModelSpec,
  type PrefillScheduling,
  type ServingEstimate,
  type ServingOptions,
  type LocalTrackRecord,
  type TrackRecord,
  type WeightFormatId,
  type WorkloadThroughput,
} from '../lib/core/index.ts';
import { choiceOption, numberOption } from './args.ts';
import { findOption, rangeText } from './options.ts';
import { localOptions } from './host-options.ts';
import type { HubInput } from './hub-model.ts';
import { speculativeOptions } from './speculative-options.ts';
import { rateRunBatch, workloadOptions } from './workload-options.ts';
import { efficiencyOptions, releaseOption } from './efficiency-options.ts';
import { SERVE_DEFAULTS, SERVE_OPTIONS } from './serve-options.ts';
import { serveSummary } from './serve-summary.ts';
import { checkPrefillDelayer, prefillDelayPasses } from './sglang-options.ts';
import { UsageError } from './usage-error.ts';

/** The value of a number option of `serve`, checked against the range in its table. */
function numeric(options: Map<string, string>, name: string): number | undefined {
  return numberOption(options, findOption(SERVE_OPTIONS, name));
}

/** Drops undefined entries, so that defaults apply to what the user did not give. */
function given<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const gigabytesPerSecond = (gbs: number | undefined) => (gbs === undefined ? undefined : gbs * 1e9);

function device(options: Map<string, string>): Device {
  const custom = ['gpu-memory-gb', 'gpu-bandwidth-gbs', 'gpu-tflops'].filter((n) => options.has(n));
  if (custom.length === 0 && options.has('gpu-link-gbs'))
    throw new UsageError(
      '--gpu-link-gbs describes a custom device: give it with --gpu-memory-gb, --gpu-bandwidth-gbs and --gpu-tflops',
    );
  if (custom.length > 0) {
    if (options.has('gpu'))
      throw new UsageError(
        'give either --gpu or --gpu-memory-gb/--gpu-bandwidth-gbs/--gpu-tflops, not both',
      );
    const missing = ['gpu-memory-gb', 'gpu-bandwidth-gbs', 'gpu-tflops'].filter(
      (n) => !options.has(n),
    );
    if (missing.length > 0)
      throw new UsageError(`a custom device needs --${missing.join(' and --')}`);
    return customDevice({
      memoryBytes: numeric(options, 'gpu-memory-gb')! * 1e9,
      bandwidthBytesPerSecond: numeric(options, 'gpu-bandwidth-gbs')! * 1e9,
      bf16FlopsPerSecond: numeric(options, 'gpu-tflops')! * 1e12,
      ...given({ scaleUpBytesPerSecond: gigabytesPerSecond(numeric(options, 'gpu-link-gbs')) }),
    });
  }
  const id = options.get('gpu') ?? SERVE_DEFAULTS.gpu;
  const found = findDevice(id.toLowerCase());
  if (!found)
    throw new UsageError(
      `--gpu: expected one of ${DEVICE_IDS.join(', ')}, got ${JSON.stringify(id)}`,
    );
  return found;
}

/** --context: a token count as the explorer reads one (128k, 10M), within its range. */
function contextTokens(options: Map<string, string>): number {
  const text = options.get('context');
  if (text === undefined) {
    const w = workloadOptions(options);
    return w ? w.inputTokens + w.outputTokens : SERVE_DEFAULTS.contextTokens;
  }
  let tokens: number;
  try {
    tokens = parseTokenCount(text, '--context');
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const range = findOption(SERVE_OPTIONS, 'context').range!;
  if (tokens > range[1])
    throw new UsageError(
      `--context: expected a token count from ${rangeText(range)}, got ${JSON.stringify(text)}`,
    );
  return tokens;
}

/** --gpu-memory-utilization, or its older name --memory-utilization (not both). */
function utilization(options: Map<string, string>): number | undefined {
  if (options.has('gpu-memory-utilization') && options.has('memory-utilization'))
    throw new UsageError('give --gpu-memory-utilization or --memory-utilization, not both');
  return numeric(options, 'gpu-memory-utilization') ?? numeric(options, 'memory-utilization');
}

/**
 * The deployment's devices: --gpus, or with --nodes alone, its nodes of --gpus-per-node (the
 * device's node when not given: 8 on HGX, a tray of 4 on NVL72), as "2 nodes of 8" reads.
 */
function devicesOption(options: Map<string, string>, gpu: Device): number {
  const number = (name: string) => numeric(options, name);
  const gpus = number('gpus');
  const nodes = number('nodes');
  if (gpus !== undefined || nodes === undefined) return gpus ?? SERVE_DEFAULTS.gpus;
  return nodes * (number('gpus-per-node') ?? defaultGpusPerNode(gpu.scaleUpDomain));
}

/**
 * --tp, --ep and --pp. Under llama.cpp with none of them given, its default: the layers split over
 * the devices, one stage each (llamacpp-layout.ts).
 */
function layoutOptions(
  options: Map<string, string>,
  devices: number,
): Pick<ServingOptions, 'tp' | 'ep' | 'pp'> {
  const [tp, ep, pp] = ['tp', 'ep', 'pp'].map((name) => numeric(options, name));
  const engine = choiceOption<EngineId>(options, 'engine', ENGINE_IDS);
  if (engine === 'llamacpp' && tp === undefined && ep === undefined && pp === undefined)
    return llamaCppDefaultLayout(devices);
  return { tp, ep: ep ?? SERVE_DEFAULTS.ep, pp: pp ?? SERVE_DEFAULTS.pp };
}

/** The core's serving options from the command line's; throws UsageError for bad values. */
function servingOptions(options: Map<string, string>, draft?: ModelSpec): ServingOptions {
  const number = (name: string) => numeric(options, name);
  const gpu = device(options);
  const devices = devicesOption(options, gpu);
  return {
    device: gpu,
    devices,
    ...layoutOptions(options, devices),
    ...given({ nodes: number('nodes'), gpusPerNode: number('gpus-per-node') }),
    speculative: speculativeOptions(options, draft),
    weights: choiceOption<WeightFormatId>(options, 'weights', WEIGHT_FORMAT_IDS),
    expertWeights: choiceOption<WeightFormatId>(options, 'expert-weights', WEIGHT_FORMAT_IDS),
    kvDtype: choiceOption<KvDtype>(options, 'kv-dtype', KV_DTYPES),
    kvLayout: choiceOption<KvLayout>(options, 'kv-layout', KV_LAYOUTS),
    contextTokens: contextTokens(options),
    batch: number('batch') ?? rateRunBatch(options) ?? SERVE_DEFAULTS.batch,
    usdPerDeviceHour: number('gpu-hour-usd'),
    memory: given({
      engine: choiceOption<EngineId>(options, 'engine', ENGINE_IDS),
      utilization: utilization(options),
      maxBatchedTokens: number('max-batched-tokens'),
      maxSequences: number('max-num-seqs'),
      cudaGraphMaxBatch: number('cuda-graph-max-bs'),
      maxRunningRequests: number('max-running-requests'),
      piecewisePrefill: releaseOption(options)?.memory.piecewisePrefill,
      hcaStatePerRequest: releaseOption(options)?.memory.hcaStatePerRequest,
      sglangFusions: releaseOption(options)?.memory.sglangFusions,
      swaFullTokensRatio: numeric(options, 'swa-full-tokens-ratio'),
      prefillDelayPasses: prefillDelayPasses(options),
    }),
    efficiency: efficiencyOptions(options),
    routing: given({ skew: number('skew'), capacityFactor: number('capacity-factor') }),
    ...given({
      prefillScheduling: choiceOption<PrefillScheduling>(options, 'prefill', PREFILL_SCHEDULINGS),
    }),
  };
}

/**
 * A run at a request rate without --batch has no concurrency of its own to give the estimate:
 * the client may send every prompt, and how many are in flight is what the run finds. The
 * estimate and the steady state are then at the run's mean concurrency; else `serving` itself.
 */
function atRunConcurrency(
  options: Map<string, string>,
  serving: ServingOptions,
  run: FiniteRun | null,
): ServingOptions {
  if (!run || run.requestRate === undefined || options.has('batch')) return serving;
  return { ...serving, batch: Math.min(run.prompts, Math.max(1, Math.round(run.meanConcurrency))) };
}

/** Runs `serve`: the estimate as one JSON object, or a readable summary. */
export function serveCommand(
  spec: ModelSpec,
  options: Map<string, string>,
  json: boolean,
  hub: Pick<HubInput, 'draft' | 'gguf'> = {},
): string {
  let estimate: ServingEstimate;
  let workload: (WorkloadThroughput & { finiteRun: FiniteRun | null }) | null = null;
  let record: { trackRecord: TrackRecord | LocalTrackRecord; text: string } | null = null;
  try {
    const serving = servingOptions(options, hub.draft);
    const local = localOptions(options, spec, serving.device.unified !== undefined, hub.gguf);
    estimate = local ? estimateLocalServing(spec, serving, local) : estimateServing(spec, serving);
    checkPrefillDelayer(serving.memory?.prefillDelayPasses, estimate);
    record = recordOf(estimate, serving.device, local !== null);
    const w = workloadOptions(options);
    if (w && local) throw new UsageError('--input and --output: for data-centre deployments only');
    if (w) {
      let resolved = benchmarkRun(resolveServing(spec, serving));
      const finiteRun = w.run && finiteWorkload(resolved, w.inputTokens, w.run);
      const atRun = atRunConcurrency(options, serving, finiteRun);
      if (atRun !== serving) {
        estimate = estimateServing(spec, atRun);
        resolved = benchmarkRun(resolveServing(spec, atRun));
      }
      workload = { ...workloadThroughput(resolved, w.inputTokens, w.outputTokens), finiteRun };
    }
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(
        `--${error.field.replace(/ /g, '-')}: expected ${error.expected}, got ${String(error.value)}`,
      );
    throw error;
  }
  const release = releaseOption(options);
  const engineRelease = release && {
    engine: release.engine,
    version: release.version,
    defaults: release.said,
  };
  if (json)
    return JSON.stringify(
      {
        model: spec.name,
        ...estimate,
        engineRelease,
        workload,
        trackRecord: record?.trackRecord ?? null,
      },
      null,
      2,
    );
  const summary = serveSummary(spec, estimate, release, workload);
  return record ? `${summary}\nrecord    ${record.text} (README, VALIDATION)` : summary;
}

/**
 * How close the explorer came to published deployments like this one (track-record.ts): of the
 * engine on the device, or with system RAM (`local`) of home runs on the same kind of memory.
 */
function recordOf(estimate: ServingEstimate, device: Device, local: boolean) {
  if (local) {
    const trackRecord = localTrackRecordFor(device.unified !== undefined);
    const text = formatLocalTrackRecord(device.unified !== undefined);
    return trackRecord && text ? { trackRecord, text } : null;
  }
  const engine = estimate.assumptions.memory.engine;
  const trackRecord = trackRecordFor(engine, device.id);
  return trackRecord && { trackRecord, text: trackRecordText(trackRecord, engine, device.name) };
}
