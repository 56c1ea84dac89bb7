import {
  ConfigError,
  customDevice,
  defaultGpusPerNode,
  DEVICE_IDS,
  ENGINE_IDS,
  ENGINE_NAMES,
  estimateLocalServing,
  estimateServing,
  findDevice,
  formatBytes,
  hasBlockScaledGemms,
  hasWindowedAttention,
  KV_DTYPES,
  KV_LAYOUTS,
  parseTokenCount,
  PREFILL_SCHEDULINGS,
  resolveServing,
  WEIGHT_FORMAT_IDS,
  workloadThroughput,
  type Device,
  type EngineId,
  type KvDtype,
  type KvLayout,
  type LocalServingEstimate,
  type ModelSpec,
  type PrefillScheduling,
  type ServingEstimate,
  type ServingOptions,
  type WeightFormatId,
  type WorkloadThroughput,
} from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption, rangeText } from './options.ts';
import { printable } from './printable.ts';
import { localOptions } from './host-options.ts';
import { speculativeOptions } from './speculative-options.ts';
import { workloadOptions } from './workload-options.ts';
import { efficiencyOptions } from './efficiency-options.ts';
import { SERVE_DEFAULTS, SERVE_OPTIONS } from './serve-options.ts';
import { UsageError } from './usage-error.ts';

/** The value of a number option of `serve`, checked against the range in its table. */
function numeric(options: Map<string, string>, name: string): number | undefined {
  return numberOption(options, findOption(SERVE_OPTIONS, name));
}

/** Drops undefined entries, so that defaults apply to what the user did not give. */
function given<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function choice<T extends string>(
  options: Map<string, string>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = options.get(name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower))
    throw new UsageError(
      `--${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return lower;
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

/** The core's serving options from the command line's; throws UsageError for bad values. */
function servingOptions(options: Map<string, string>): ServingOptions {
  const number = (name: string) => numeric(options, name);
  const gpu = device(options);
  return {
    device: gpu,
    devices: devicesOption(options, gpu),
    tp: number('tp'),
    ep: number('ep') ?? SERVE_DEFAULTS.ep,
    pp: number('pp') ?? SERVE_DEFAULTS.pp,
    ...given({ nodes: number('nodes'), gpusPerNode: number('gpus-per-node') }),
    speculative: speculativeOptions(options),
    weights: choice<WeightFormatId>(options, 'weights', WEIGHT_FORMAT_IDS),
    expertWeights: choice<WeightFormatId>(options, 'expert-weights', WEIGHT_FORMAT_IDS),
    kvDtype: choice<KvDtype>(options, 'kv-dtype', KV_DTYPES) ?? SERVE_DEFAULTS.kvDtype,
    kvLayout: choice<KvLayout>(options, 'kv-layout', KV_LAYOUTS) ?? SERVE_DEFAULTS.kvLayout,
    contextTokens: contextTokens(options),
    batch: number('batch') ?? SERVE_DEFAULTS.batch,
    usdPerDeviceHour: number('gpu-hour-usd'),
    memory: given({
      engine: choice<EngineId>(options, 'engine', ENGINE_IDS),
      utilization: utilization(options),
      maxBatchedTokens: number('max-batched-tokens'),
      maxSequences: number('max-num-seqs'),
    }),
    efficiency: efficiencyOptions(options),
    routing: given({ skew: number('skew'), capacityFactor: number('capacity-factor') }),
    ...given({
      prefillScheduling: choice<PrefillScheduling>(options, 'prefill', PREFILL_SCHEDULINGS),
    }),
  };
}

/** Runs `serve`: the estimate as one JSON object, or a readable summary. */
export function serveCommand(spec: ModelSpec, options: Map<string, string>, json: boolean): string {
  let estimate: ServingEstimate;
  let workload: WorkloadThroughput | null = null;
  try {
    const serving = servingOptions(options);
    const local = localOptions(options, spec, serving.device.unified !== undefined);
    estimate = local ? estimateLocalServing(spec, serving, local) : estimateServing(spec, serving);
    const w = workloadOptions(options);
    if (w && local) throw new UsageError('--input and --output: for data-centre deployments only');
    if (w)
      workload = workloadThroughput(resolveServing(spec, serving), w.inputTokens, w.outputTokens);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new UsageError(
        `--${error.field.replace(/ /g, '-')}: expected ${error.expected}, got ${String(error.value)}`,
      );
    throw error;
  }
  if (json) return JSON.stringify({ model: spec.name, ...estimate, workload }, null, 2);
  return [summary(spec, estimate), ...workloadLines(workload)].join('\n');
}

/** The whole run's output throughput, prefill included, when --input and --output are given. */
function workloadLines(w: WorkloadThroughput | null): string[] {
  if (!w) return [];
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 100 ? 1 : 0 });
  const passes =
    w.prefillPassesPerStep > 0
      ? `, in passes of its own (${f(w.prefillPassesPerStep)} per decode step)`
      : '';
  return [
    `whole run ${f(w.outputTokensPerSecond)} output tok/s (${f(w.outputTokensPerSecondPerUser)} per user) for ${w.inputTokens} in, ${w.outputTokens} out; prefill takes ${(w.prefillShare * 100).toFixed(0)}% of the time${passes}`,
    `          ${f(w.timePerOutputTokenSeconds * 1000)} ms per output token after the first (TPOT), other requests' prefill included`,
  ];
}

/** The local estimate, when it is one (one GPU and system RAM, or a unified pool). */
const localOf = (e: ServingEstimate) => ('hostBytes' in e ? (e as LocalServingEstimate) : null);

/** The host lines of a local estimate's summary. */
function hostLines(e: ServingEstimate): string[] {
  const l = localOf(e);
  if (!l) return [];
  const onHost = l.placement.layers.filter((x) => x.experts === 'host').length;
  const n = l.suggestedNCpuMoe;
  return [
    `GPU       ${formatBytes(l.deviceUsedBytes)} of ${formatBytes(l.deviceBudgetBytes)}: ${l.fitsDevice ? 'fits' : 'does NOT fit'}`,
    `host RAM  ${formatBytes(l.hostBytes)} of ${formatBytes(l.hostMemoryBytes)}: ${l.fitsHost ? 'fits' : 'does NOT fit'}; routed experts of ${onHost} of ${l.placement.layers.length} layers in RAM`,
    `suggested ${n === null ? 'no --n-cpu-moe fits the GPU' : `--n-cpu-moe ${n} (the fewest expert layers in RAM for the GPU to fit)`}`,
  ];
}

/** What the estimate assumes: the data centre's memory and efficiency, or the local model's. */
function assumedLine(e: ServingEstimate): string {
  const a = e.assumptions;
  const local = localOf(e);
  const l = local?.assumptions.local;
  const micro = (seconds: number) => Number((seconds * 1e6).toPrecision(6));
  const perLayer = a.efficiency.layerOverheadSeconds;
  const us =
    perLayer === undefined
      ? `${micro(a.efficiency.kernelSeconds)} us per kernel`
      : `${micro(perLayer)} us per layer`;
  const scheduling = a.efficiency.schedulingSecondsPerSequence;
  const launch = a.efficiency.launchSecondsPerLayer;
  const blockScaled = hasBlockScaledGemms(e.weightPlan) ? a.efficiency.blockScaledGemmSeconds : 0;
  const waits =
    (blockScaled > 0 ? ` and ${micro(blockScaled)} more per block-scaled GEMM` : '') +
    (scheduling > 0
      ? `, ${micro(scheduling)} us of scheduling per sequence per step`
      : ', scheduling overlapped') +
    (launch > 0 ? `, ${micro(launch)} us of host launch per layer` : '');
  if (!l)
    return `assumed   ${ENGINE_NAMES[a.memory.engine]}'s memory policy at ${a.memory.utilization}, ${a.memory.maxBatchedTokens} tokens per forward pass, ${a.memory.maxSequences} sequences, bandwidth efficiency ${a.efficiency.bandwidth}, compute efficiency ${a.efficiency.compute}, overlap ${a.efficiency.overlap}, ${us}${waits}, routing skew ${a.routing.skew}`;
  const gb = (bytesPerSecond: number) => Number((bytesPerSecond / 1e9).toPrecision(6));
  return [
    `assumed   GPU bandwidth efficiency ${a.efficiency.bandwidth}, compute efficiency ${a.efficiency.compute}`,
    // The CPU's part of a unified pool reads the pool; no PCIe between them.
    `${l.hostBandwidth} of the ${local!.unified ? 'pool' : 'RAM'}'s ${gb(l.host.bandwidthBytesPerSecond)} GB/s peak for the CPU's part`,
    `CPU ${gb(l.host.flopsPerSecond) / 1e3} TFLOP/s`,
    ...(local!.unified ? [] : [`PCIe ${gb(l.host.linkBytesPerSecond)} GB/s`]),
    l.gpuShare === null
      ? `${formatBytes(l.deviceReserveBytes)} of the GPU kept for the driver`
      : `GPU share ${Number(l.gpuShare.toPrecision(6))} of the pool`,
    `micro-batch ${l.ubatch}`,
    us,
  ].join(', ');
}

/** The speculative-decoding line: the draft, tokens per step and the speed-up over plain decode. */
function speculativeLines(e: ServingEstimate, f: (n: number, digits?: number) => string): string[] {
  const s = e.speculative;
  if (!s) return [];
  const draft = s.method === 'mtp' ? 'MTP' : 'draft model';
  return [
    `          ${draft}, ${s.draftTokens} draft token${s.draftTokens === 1 ? '' : 's'} at ${f(s.acceptance * 100)}% acceptance: ${f(s.tokensPerStep, 2)} tokens per step, ${f(s.speedup, 2)}x plain decode (${f(s.plain.tokensPerSecondPerUser)} per user); draft ${formatBytes(s.draftWeightsBytesPerDevice)} per device`,
  ];
}

function summary(spec: ModelSpec, e: ServingEstimate): string {
  const l = e.layout;
  const f = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
  return [
    `${printable(spec.name)} on ${l.devices} device${l.devices === 1 ? '' : 's'} in ${l.nodes} node${l.nodes === 1 ? '' : 's'} of ${l.gpusPerNode} (tp ${l.tp}, ep ${l.ep}, pp ${l.pp}, dp ${l.dp})`,
    `weights   ${formatBytes(e.weightsBytes)}  (${e.weightPlan.linear}, experts ${e.weightPlan.experts}, embeddings ${e.weightPlan.embeddings})`,
    `KV cache  ${formatBytes(e.kvBytes)}  (${f(e.kvBytesPerToken, 0)} bytes per further token per sequence)`,
    ...(hostLines(e).length > 0
      ? hostLines(e)
      : [
          `per device ${formatBytes(e.perDeviceBytes)} of ${formatBytes(e.deviceBudgetBytes)} usable of ${formatBytes(e.deviceBytes)} (${ENGINE_NAMES[e.assumptions.memory.engine]} at ${e.assumptions.memory.utilization}): ${e.fits ? 'fits' : 'does NOT fit'}`,
        ]),
    `max context at this batch ${f(e.maxContextTokens, 0)} tokens; max batch at this context ${f(e.maxBatch, 0)}; KV cache ${f(e.kvCapacityTokens, 0)} tokens per replica`,
    `decode    ${f(e.decode.tokensPerSecond)} tokens/s (${f(e.decode.tokensPerSecondPerUser)} per user, ${f(e.decode.stepSeconds * 1000, 2)} ms per token, ${e.decode.bound}-bound)`,
    ...speculativeLines(e, f),
    `prefill   ${f(e.prefill.tokensPerSecond)} tokens/s; time to first token ${f(e.prefill.timeToFirstTokenSeconds, 3)} s`,
    `cost      $${f(e.costPerMillionOutputTokens, 3)} per million output tokens, $${f(e.costPerMillionInputTokens, 3)} per million input ($${e.usdPerDeviceHour}/device-hour)`,
    hasWindowedAttention(spec)
      ? `KV layouts: hybrid ${formatBytes(e.kvLayouts.hybrid.kvBytes)}, full ${formatBytes(e.kvLayouts.full.kvBytes)} at this context and batch`
      : 'KV layouts: the same, as no layer has a window (--kv-layout changes nothing)',
    assumedLine(e),
  ].join('\n');
}
