/** The readable summary of `serve`: the estimate, the release it assumes and the whole run. */
import {
  ENGINE_NAMES,
  formatBytes,
  hasBlockScaledGemms,
  hasWindowedAttention,
  isWeightOnlyInt4,
  KV_CACHE_CAP,
  type LocalServingEstimate,
  type ModelSpec,
  type FiniteRun,
  type Percentiles,
  type ServingEstimate,
  type WorkloadThroughput,
} from '../lib/core/index.ts';
import type { releaseOption } from './efficiency-options.ts';
import { printable } from './printable.ts';

/** The whole run, with the run of --prompts when one is given. */
type Workload = WorkloadThroughput & { finiteRun?: FiniteRun | null };

/** The summary's lines: the estimate's, the release's and the whole run's. */
export function serveSummary(
  spec: ModelSpec,
  estimate: ServingEstimate,
  release: ReturnType<typeof releaseOption>,
  workload: Workload | null,
): string {
  // Where nothing runs, no workload does either.
  const run = runs(estimate) ? workloadLines(workload) : [];
  return [summary(spec, estimate), ...releaseLines(release), ...run].join('\n');
}

/** What `--engine-version` set, when it is given. */
function releaseLines(r: ReturnType<typeof releaseOption>): string[] {
  if (!r) return [];
  const name = `${ENGINE_NAMES[r.engine]} ${r.version}`;
  return [
    r.said.length > 0
      ? `release   ${name}: ${r.said.join(', ')}`
      : `release   ${name}: no default of its releases is modelled; the same as the newest`,
  ];
}

/** The whole run's output throughput, prefill included, when --input and --output are given. */
function workloadLines(w: Workload | null): string[] {
  if (!w) return [];
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 100 ? 1 : 0 });
  const passes =
    w.prefillPassesPerStep > 0
      ? `, in passes of its own (${f(w.prefillPassesPerStep)} per decode step)`
      : '';
  return [
    `whole run ${f(w.outputTokensPerSecond)} output tok/s (${f(w.outputTokensPerSecondPerUser)} per user) for ${w.inputTokens} in, ${w.outputTokens} out; prefill takes ${(w.prefillShare * 100).toFixed(0)}% of the time${passes}`,
    `          ${f(w.timePerOutputTokenSeconds * 1000)} ms per output token after the first (TPOT), other requests' prefill included`,
    ...(w.running.capBy?.startsWith(KV_CACHE_CAP)
      ? [
          `          ${w.running.batch.toLocaleString('en-US')} of the ${w.running.offered.toLocaleString('en-US')} requests run at once (${w.running.capBy}); the rest wait`,
        ]
      : []),
    ...(w.slotWaitSeconds > 0
      ? [
          `          ${f(w.slotWaitSeconds)} s waiting for a running slot before a request's prompt runs (Little's law over the requests in flight)`,
        ]
      : []),
    ...finiteRunLines(w.finiteRun ?? null, f),
  ];
}

/** The run of --prompts: what the benchmark prints over it, its end included. */
function finiteRunLines(run: FiniteRun | null, f: (n: number) => string): string[] {
  if (!run) return [];
  const answers =
    run.spread === 'exponential'
      ? `exponential answers of mean ${f(run.outputMean!)}, from ${f(run.outputMin)} to ${f(run.longestAnswer)}`
      : run.outputMin === run.outputMax
        ? `answers of ${run.outputMin}`
        : `answers from ${run.outputMin} to ${run.outputMax}`;
  const end =
    run.requestRate !== undefined
      ? `sent at ${f(run.requestRate)} a second (Poisson arrivals)`
      : run.wave !== null
        ? `in lockstep waves of ${run.wave}, each prefilled before it decodes`
        : run.flood
          ? 'every prompt at once: their prefill first, beside the first answers, then the slots empty'
          : 'the slots empty at its end';
  const sim = run.simulated;
  const ms = (p: Percentiles) => `median ${f(p.median * 1000)}, P99 ${f(p.p99 * 1000)}`;
  const steps = sim
    ? `; simulated step by step: mean TTFT ${f(sim.meanTimeToFirstTokenSeconds * 1000)} ms (${ms(sim.ttft)})${sim.preemptions > 0 ? `, ${sim.preemptions} preemptions for KV` : ''}`
    : '';
  return [
    `run of ${run.prompts} prompts (${answers}): ${f(run.outputTokensPerSecond)} output tok/s over ${f(run.durationSeconds)} s, concurrency ${run.meanConcurrency.toFixed(2)}, ${f(run.timePerOutputTokenSeconds * 1000)} ms TPOT (${ms(run.tpot)}); ${end}${steps}`,
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

/** SGLang's DeepSeek-V4 pools, where it keeps them: what a token of context takes in them. */
function poolLines(e: ServingEstimate, f: (n: number, digits?: number) => string): string[] {
  const p = e.sglangV4Pools;
  if (!p) return [];
  const hca =
    p.reservedBytes > 0
      ? `, after ${formatBytes(p.reservedBytes)} a device for its requests' HCA states`
      : ', its HCA states among them';
  return [
    `          in SGLang's pools ${f(p.bytesPerFullToken, 2)} bytes a token of context (window rows at ${p.swaFullTokensRatio} a token)${hca}`,
  ];
}

/** Which layout the estimate stores, where the two differ (TensorRT-LLM's default is full). */
function storedLayoutNote(e: ServingEstimate): string {
  if (e.kvLayouts.hybrid.kvBytes === e.kvLayouts.full.kvBytes) return '';
  return e.kvBytes > e.kvLayouts.hybrid.kvBytes ? '; stored: full' : '; stored: hybrid';
}

/** Where DSA's sparse prefill kernel computes more heads than a rank holds, in words. */
function sparseHeadsNote(heads: ServingEstimate['prefill']['sparseHeads']): string {
  if (!heads) return '';
  return `; DSA's sparse attention at ${heads.kernel} heads a rank, which holds ${heads.rank} (FlashMLA's kernel pads them)`;
}

/** What SGLang fuses out of the step's kernels (sglang-fusions.ts), in words; '' for nothing. */
function fusedNote(f: ServingEstimate['assumptions']['fusions']): string {
  const fused = [
    ...(f.sharedExpert ? ['the shared expert into the routed experts'] : []),
    ...(f.allReduceNorm ? ['the all-reduce with the norms'] : []),
  ];
  return fused.length > 0 ? ` (SGLang fuses ${fused.join(' and ')})` : '';
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
      ? `${micro(a.efficiency.kernelSeconds)} us per kernel${fusedNote(a.fusions)}`
      : `${micro(perLayer)} us per layer`;
  const scheduling = a.efficiency.schedulingSecondsPerSequence;
  const launch = a.efficiency.launchSecondsPerLayer;
  const blockScaled = hasBlockScaledGemms(e.weightPlan) ? a.efficiency.blockScaledGemmSeconds : 0;
  const int4 =
    isWeightOnlyInt4(e.weightPlan.experts) && a.efficiency.int4ExpertBandwidth < 1
      ? `, INT4 experts at ${a.efficiency.int4ExpertBandwidth} of the expert bandwidth`
      : '';
  const waits =
    (blockScaled > 0 ? ` and ${micro(blockScaled)} more per block-scaled GEMM` : '') +
    int4 +
    (scheduling > 0
      ? `, ${micro(scheduling)} us of scheduling per sequence per step`
      : ', scheduling overlapped') +
    (launch > 0 ? `, ${micro(launch)} us of host launch per layer` : '') +
    (a.efficiency.eagerKernelSeconds > 0
      ? `, ${micro(a.efficiency.eagerKernelSeconds)} us of host per kernel of a pass without CUDA graphs`
      : '');
  const share = a.efficiency.computeShare;
  const sustained =
    share.bf16 < 1 || share.fp8 < 1
      ? ` of what the device sustains (${share.fp8.toFixed(2)} of its FP8 peak, ${share.bf16.toFixed(2)} of its BF16)`
      : '';
  const streamed =
    a.efficiency.bandwidthShare < 1
      ? ` of what the device sustains (${a.efficiency.bandwidthShare.toFixed(3)} of its listed bandwidth)`
      : '';
  const delayer = a.memory.prefillDelayPasses;
  const sequences =
    a.memory.engine === 'sglang'
      ? `CUDA graphs up to ${a.memory.maxSequences} sequences${delayer === null ? '' : `, prefill delayer (a rank's prompts held up to ${delayer} passes)`}`
      : `${a.memory.maxSequences} sequences${a.memory.engine === 'trtllm' ? `, CUDA graphs up to ${a.memory.cudaGraphMaxBatch}` : ''}`;
  if (!l)
    return `assumed   ${ENGINE_NAMES[a.memory.engine]}'s memory policy at ${a.memory.utilization}, ${a.memory.maxBatchedTokens} tokens per forward pass, ${sequences}, bandwidth efficiency ${a.efficiency.bandwidth}${streamed}, compute efficiency ${a.efficiency.compute}${sustained}, overlap ${a.efficiency.overlap}, ${us}${waits}, routing skew ${a.routing.skew}`;
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
  const host = e.assumptions.efficiency.speculativeHostSeconds;
  const waits = host > 0 ? `; ${f(host * 1e3, 2)} ms of host per step, not overlapped` : '';
  return [
    `          ${draft}, ${s.draftTokens} draft token${s.draftTokens === 1 ? '' : 's'} at ${f(s.acceptance * 100)}% acceptance: ${f(s.tokensPerStep, 2)} tokens per step, ${f(s.speedup, 2)}x plain decode (${f(s.plain.tokensPerSecondPerUser)} per user)${waits}; draft ${formatBytes(s.draftWeightsBytesPerDevice)} per device`,
  ];
}

/** The running line, where the engine runs fewer of the batch's requests than were asked for. */
function runningLines(e: ServingEstimate): string[] {
  const r = e.running;
  if (r.batch >= r.offered) return [];
  const waiting = r.offered - r.batch;
  return [
    `running   ${r.batch.toLocaleString('en-US')} of the ${r.offered.toLocaleString('en-US')} requests at once (${r.capBy}); ${waiting.toLocaleString('en-US')} wait, and every speed below is the running batch's`,
  ];
}

/**
 * Whether anything runs: not where even one sequence at this context does not fit (the weights
 * alone, or with one sequence's KV cache); a batch larger than fits runs what fits (`running`).
 */
const runs = (e: ServingEstimate) => e.maxBatch >= 1;

/**
 * Decode, prefill and cost; for a deployment where nothing runs, one line saying so, as the
 * page's headline says (no speed, no price), the figures as if it did left to --json.
 */
function speedLines(e: ServingEstimate, f: (n: number, digits?: number) => string): string[] {
  if (!runs(e))
    return [
      'speed     none: not one sequence fits at this context, so nothing runs (no speed, no price; --json has the figures as if it did)',
    ];
  return [
    `decode    ${f(e.decode.tokensPerSecond)} tokens/s (${f(e.decode.tokensPerSecondPerUser)} per user, ${f(e.decode.stepSeconds * 1000, 2)} ms per token, ${e.decode.bound}-bound)`,
    ...speculativeLines(e, f),
    `prefill   ${f(e.prefill.tokensPerSecond)} tokens/s; time to first token ${f(e.prefill.timeToFirstTokenSeconds, 3)} s${sparseHeadsNote(e.prefill.sparseHeads)}`,
    `cost      $${f(e.costPerMillionOutputTokens, 3)} per million output tokens, $${f(e.costPerMillionInputTokens, 3)} per million input ($${f(e.usdPerDeviceHour, 2)}/device-hour)`,
  ];
}

function summary(spec: ModelSpec, e: ServingEstimate): string {
  const l = e.layout;
  const f = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
  return [
    `${printable(spec.name)} on ${l.devices} device${l.devices === 1 ? '' : 's'} in ${l.nodes} node${l.nodes === 1 ? '' : 's'} of ${l.gpusPerNode} (tp ${l.tp}, ep ${l.ep}, pp ${l.pp}, dp ${l.dp})`,
    `weights   ${formatBytes(e.weightsBytes)}  (${e.weightPlan.linear}, experts ${e.weightPlan.experts}, embeddings ${e.weightPlan.embeddings})`,
    `KV cache  ${formatBytes(e.kvBytes)}  (${f(e.kvBytesPerToken, 0)} bytes per further token per sequence)`,
    ...poolLines(e, f),
    ...(hostLines(e).length > 0
      ? hostLines(e)
      : [
          `per device ${formatBytes(e.perDeviceBytes)} of ${formatBytes(e.deviceBudgetBytes)} usable of ${formatBytes(e.deviceBytes)} (${ENGINE_NAMES[e.assumptions.memory.engine]} at ${e.assumptions.memory.utilization}): ${e.fits ? 'fits' : 'does NOT fit'}`,
        ]),
    `max context at this batch ${f(e.maxContextTokens, 0)} tokens; max batch at this context ${f(e.maxBatch, 0)}; KV cache ${f(e.kvCapacityTokens, 0)} tokens per replica`,
    ...runningLines(e),
    ...speedLines(e, f),
    hasWindowedAttention(spec)
      ? `KV layouts: hybrid ${formatBytes(e.kvLayouts.hybrid.kvBytes)}, full ${formatBytes(e.kvLayouts.full.kvBytes)} at this context and batch${storedLayoutNote(e)}`
      : 'KV layouts: the same, as no layer has a window (--kv-layout changes nothing)',
    assumedLine(e),
  ].join('\n');
}
