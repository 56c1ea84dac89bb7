/**
 * Decode and prefill time: a roofline per pipeline stage. A step reads the weights each device
 * holds (only the experts the batch touches) and the KV cache, and does its FLOPs; it takes the
 * longer of the two, plus the communication that is not overlapped.
 *   step = sum over kernels of max(bytes / (bandwidth x eff_bw), flops / (peak x eff_compute))
 *          + layers x per-layer overhead + (1 - overlap) x communication
 * Sources: Williams et al., "Roofline" (CACM 2009); the decode analysis in Pope et al.,
 * "Efficiently Scaling Transformer Inference" (MLSys 2023), section 3.
 */
import {
  sequencesPerReplica,
  stageKvBytesPerSequence,
  type Deployment,
  type Stage,
} from './deployment.ts';
import { WEIGHT_FORMATS, type ComputePrecision, type WeightFormatId } from './weight-formats.ts';
import type { Device } from './hardware.ts';
import { keptTokens } from './kv-cache.ts';
import { allToAllSeconds, expectedDistinctExperts } from './routing.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import { componentFormat, paramBytes } from './weights.ts';

/**
 * Efficiency factors, explicit and adjustable. The defaults put every published measurement in
 * tests/fixtures (serving-cases.json, more-serving-cases.json) inside its band; see README,
 * VALIDATION.
 * - `bandwidth`: achieved / peak memory bandwidth, 0.7. The best decode kernels reach 0.8-0.9
 *   (FlashMLA: 3000 of 3350 GB/s on H800; STREAM on MI300X: 4.1 of 5.3 TB/s); whole decode steps,
 *   with small grouped GEMMs and gathers, reach less.
 * - `compute`: achieved / peak dense FLOP/s, 0.45. DeepGEMM's FP8 grouped GEMMs reach ~0.7 of
 *   H800 peak at large M; the tens of tokens per expert of a decode step reach far less.
 * - `overlap`: share of communication hidden behind compute, 0. SGLang's and DeepSeek's
 *   two-batch overlap hide part of it, but halve the batch each kernel sees.
 * - `layerOverheadSeconds`: fixed time per decoder layer per step for kernel launches, routing
 *   and synchronisation, 50 us; it dominates small models at batch 1 (Qwen3-30B-A3B on one H20
 *   decodes at 137 tokens/s where bandwidth alone would allow ~500).
 */
export interface Efficiency {
  bandwidth: number;
  compute: number;
  overlap: number;
  layerOverheadSeconds: number;
}

export const DEFAULT_EFFICIENCY: Efficiency = {
  bandwidth: 0.7,
  compute: 0.45,
  overlap: 0,
  layerOverheadSeconds: 50e-6,
};

/**
 * Routing assumptions: Zipf `skew` of expert popularity (0 = uniform), the capacity factor for
 * the drop estimate, and the element bytes of the all-to-all: FP8 dispatch, BF16 combine
 * (DeepSeek-V3 report, section 3.3).
 */
export interface RoutingAssumptions {
  skew: number;
  capacityFactor: number;
  dispatchBytes: number;
  combineBytes: number;
}

export const DEFAULT_ROUTING: RoutingAssumptions = {
  skew: 0,
  capacityFactor: 1.25,
  dispatchBytes: 1,
  combineBytes: 2,
};

/** Peak FLOP/s of a device for a precision, falling back fp4 -> fp8 -> bf16 when unsupported. */
export function peakFlops(device: Device, precision: ComputePrecision): number {
  const f = device.flopsPerSecond;
  if (precision === 'fp4' && f.fp4 !== null) return f.fp4;
  if (precision !== 'bf16' && f.fp8 !== null) return f.fp8;
  return f.bf16;
}

function rate(device: Device, format: WeightFormatId): number {
  return peakFlops(device, WEIGHT_FORMATS[format].compute);
}

/**
 * Attention score FLOPs per query token per layer against `kept` cached tokens, over all heads:
 * GQA: QK^T and AV, 2 x 2 x heads x headDim x kept. MLA decode with absorbed projections:
 * 2 x heads x (kvLoraRank + rope) for scores + 2 x heads x kvLoraRank for values, per kept token
 * (DeepSeek-V2 paper 2.1.2); MLA prefill: 2 x heads x (nope + rope + v) per kept token.
 */
export function attentionFlopsPerToken(
  spec: ModelSpec,
  kept: number,
  phase: 'decode' | 'prefill',
): number {
  const a = spec.attention;
  if (a.kind === 'gqa') return 4 * a.heads * a.headDim * kept;
  if (phase === 'decode') return 2 * a.heads * (2 * a.kvLoraRank + a.qkRopeHeadDim) * kept;
  return 2 * a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim + a.vHeadDim) * kept;
}

/** Mean tokens attended to per query over a causal prompt of `length` tokens. */
export function meanAttendedTokens(kind: AttentionLayerKind, length: number): number {
  const w = kind.window;
  if (w.kind === 'global') return (length + 1) / 2;
  if (w.kind === 'sliding') {
    if (length <= w.tokens) return (length + 1) / 2;
    return ((w.tokens * (w.tokens + 1)) / 2 + (length - w.tokens) * w.tokens) / length;
  }
  const full = Math.floor(length / w.tokens);
  const rest = length - full * w.tokens;
  return ((full * w.tokens * (w.tokens + 1)) / 2 + (rest * (rest + 1)) / 2) / length;
}

export interface StepBreakdown {
  seconds: number;
  memorySeconds: number;
  computeSeconds: number;
  communicationSeconds: number;
  /** Fixed per-layer time (kernel launches, synchronisation) in this step. */
  overheadSeconds: number;
  bound: 'memory' | 'compute';
  weightsReadBytes: number;
  kvReadBytes: number;
  flops: number;
  /** Mean distinct routed experts touched per MoE layer by one step's tokens (per expert group). */
  distinctExpertsPerLayer: number;
  /** Bytes one device sends in one MoE layer's all-to-all. */
  allToAllBytesPerLayer: number;
}

interface StageWork {
  /** Tokens each replica processes in this step. */
  tokensPerReplica: number;
  /** Tokens entering one expert group (all replicas sharing an expert split). */
  tokensPerExpertGroup: number;
  /** Per query token, attended tokens of a layer. */
  attended: (kind: AttentionLayerKind) => number;
  phase: 'decode' | 'prefill';
  /** KV bytes read by each device. */
  kvReadBytes: number;
  /** Whether the lm_head runs for every token (decode) or once per sequence (prefill). */
  lmHeadTokens: number;
}

/** One step of one pipeline stage on its busiest device (the embedding is a gather: no FLOPs, negligible bytes). */
function stageStep(
  d: Deployment,
  stage: Stage,
  work: StageWork,
  eff: Efficiency,
  routing: RoutingAssumptions,
  last: boolean,
): StepBreakdown {
  const { spec, count, layout, device, plan } = d;
  const f = (key: Parameters<typeof componentFormat>[0]) => componentFormat(key, plan);
  const h = spec.hiddenSize;
  const moe = spec.moe;
  let denseBytes = 0;
  let expertBytes = 0;
  let denseFlops = 0;
  let expertFlops = 0;
  let attentionFlops = 0;
  let commSeconds = 0;
  const m = work.tokensPerReplica;
  // The same for every MoE layer of the step: computed once (with skew, each costs O(experts)).
  const touched = moe
    ? expectedDistinctExperts(moe.experts, moe.topK, work.tokensPerExpertGroup, routing.skew)
    : 0;
  const a2a =
    moe && layout.ep > 1
      ? expertAllToAll(
          d,
          m / layout.tp,
          routing,
          work.phase === 'decode' ? 'per-expert' : 'per-node',
        )
      : { bytes: 0, seconds: 0 };
  const tpLink =
    layout.tp <= device.scaleUpDomain
      ? device.scaleUpBytesPerSecond
      : device.scaleOutBytesPerSecond;
  for (const { kind, params: l, count } of stage.groups) {
    const nonRouted = l.attention + l.sharedExperts + l.denseFfn;
    denseBytes +=
      count *
      ((paramBytes(l.attention, f('attention')) +
        paramBytes(l.sharedExperts, f('sharedExperts')) +
        paramBytes(l.denseFfn, f('denseFfn'))) /
        layout.tp +
        paramBytes(l.router, f('router')));
    denseFlops += count * ((2 * m * nonRouted) / layout.tp + 2 * m * l.router);
    attentionFlops +=
      (count * m * attentionFlopsPerToken(spec, work.attended(kind), work.phase)) / layout.tp;
    if (layout.tp > 1) {
      // Two all-reduces per layer (after attention and after the FFN), ring: 2 (tp - 1) / tp x bytes.
      commSeconds += count * ((2 * (2 * (layout.tp - 1))) / layout.tp) * ((m * h * 2) / tpLink);
    }
    if (l.routedExperts > 0 && moe) {
      const perExpertParams = l.routedExperts / moe.experts;
      expertBytes +=
        (count * touched * paramBytes(perExpertParams, f('routedExperts'))) / layout.expertShards;
      expertFlops +=
        (count * 2 * work.tokensPerExpertGroup * moe.topK * perExpertParams) / layout.expertShards;
      commSeconds += count * a2a.seconds;
    }
  }
  if (last) {
    const lmHead = count.breakdown.lmHead > 0 ? count.breakdown.lmHead : count.breakdown.embedding;
    denseBytes += paramBytes(lmHead, f('lmHead')) / layout.tp;
    denseFlops += (2 * work.lmHeadTokens * lmHead) / layout.tp;
  }
  if (layout.pp > 1) {
    const link =
      layout.devices <= device.scaleUpDomain
        ? device.scaleUpBytesPerSecond
        : device.scaleOutBytesPerSecond;
    commSeconds += (m * h * 2) / link;
  }
  // Kernels run one after another, each bound by its own roofline: attention (KV cache against
  // attention FLOPs), the dense projections (their weights against their FLOPs), the experts.
  const bandwidth = device.bandwidthBytesPerSecond * eff.bandwidth;
  const kernels = [
    {
      bytes: work.kvReadBytes,
      seconds: attentionFlops / (device.flopsPerSecond.bf16 * eff.compute),
    },
    { bytes: denseBytes, seconds: denseFlops / (rate(device, plan.linear) * eff.compute) },
    { bytes: expertBytes, seconds: expertFlops / (rate(device, plan.experts) * eff.compute) },
  ];
  let memorySeconds = 0;
  let computeSeconds = 0;
  let kernelSeconds = 0;
  for (const k of kernels) {
    const memory = k.bytes / bandwidth;
    memorySeconds += memory;
    computeSeconds += k.seconds;
    kernelSeconds += Math.max(memory, k.seconds);
  }
  const overheadSeconds = stage.layers.length * eff.layerOverheadSeconds;
  const communicationSeconds = commSeconds;
  const weightsRead = denseBytes + expertBytes;
  return {
    seconds: kernelSeconds + overheadSeconds + (1 - eff.overlap) * communicationSeconds,
    memorySeconds,
    computeSeconds,
    communicationSeconds,
    overheadSeconds,
    bound: memorySeconds >= computeSeconds ? 'memory' : 'compute',
    weightsReadBytes: Math.round(weightsRead),
    kvReadBytes: Math.round(work.kvReadBytes),
    flops: denseFlops + expertFlops + attentionFlops,
    distinctExpertsPerLayer: touched,
    allToAllBytesPerLayer: a2a.bytes,
  };
}

/**
 * One device's all-to-all for one MoE layer under expert parallelism (DeepEP's two modes):
 * - `per-expert` (decode, low-latency kernels): each token sends one copy per routed expert,
 *   (ep - 1) / ep of them off the device, straight to the expert's device.
 * - `per-node` (prefill, normal kernels): a token crosses the network once per remote node that
 *   holds one of its experts (at most `topk_group` nodes with group-limited routing) and is
 *   forwarded inside the node over NVLink (DeepSeek-V3 report, 3.2.2).
 * Network and NVLink traffic run in parallel; the slower decides.
 */
export function expertAllToAll(
  d: Deployment,
  tokens: number,
  routing: RoutingAssumptions,
  mode: 'per-expert' | 'per-node' = 'per-expert',
): { bytes: number; seconds: number } {
  const { layout, device, spec } = d;
  const moe = spec.moe!;
  const k = moe.topK;
  const domain = Math.min(device.scaleUpDomain, layout.ep);
  const offNodeShare = layout.ep > domain ? (layout.ep - domain) / (layout.ep - 1) : 0;
  const remoteCopies = (k * (layout.ep - 1)) / layout.ep;
  let networkCopies = remoteCopies * offNodeShare;
  let nvlinkCopies = remoteCopies * (1 - offNodeShare);
  if (mode === 'per-node' && offNodeShare > 0) {
    const nodes = layout.ep / domain;
    const remoteNodes = (nodes - 1) * (1 - (1 - 1 / nodes) ** k);
    networkCopies = Math.min(remoteNodes, moe.groupLimit?.topGroups ?? remoteNodes);
    nvlinkCopies = (k * (domain - 1)) / layout.ep + remoteCopies * offNodeShare; // local peers, plus forwarding
  }
  const base = {
    tokens,
    hidden: spec.hiddenSize,
    dispatchBytes: routing.dispatchBytes,
    combineBytes: routing.combineBytes,
  };
  const seconds = Math.max(
    allToAllSeconds({ ...base, expertsPerToken: nvlinkCopies }, device.scaleUpBytesPerSecond),
    allToAllSeconds({ ...base, expertsPerToken: networkCopies }, device.scaleOutBytesPerSecond),
  );
  const bytes = Math.round(allToAllBytesOf(base, networkCopies + nvlinkCopies));
  return { bytes, seconds };
}

function allToAllBytesOf(
  base: { tokens: number; hidden: number; dispatchBytes: number; combineBytes: number },
  copies: number,
): number {
  return base.tokens * copies * base.hidden * (base.dispatchBytes + base.combineBytes);
}

/** The slowest stage's step; pipeline stages run concurrently on different micro-batches. */
function slowest(steps: StepBreakdown[]): StepBreakdown {
  return steps.reduce((a, b) => (b.seconds > a.seconds ? b : a));
}

export interface DecodeEstimate extends StepBreakdown {
  /** Time per output token for one sequence (all pipeline stages). */
  stepSeconds: number;
  /** Output tokens/s of the whole deployment. */
  tokensPerSecond: number;
  tokensPerSecondPerDevice: number;
  tokensPerSecondPerUser: number;
}

/**
 * One decode step of `batch` sequences at `contextTokens` of context. With pp stages, each
 * replica's sequences are split into pp micro-batches that move through the stages together.
 */
export function decodeStep(
  d: Deployment,
  contextTokens: number,
  batch: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
): DecodeEstimate {
  const { layout } = d;
  const perReplica = sequencesPerReplica(d, batch) / layout.pp;
  const stageTokens = batch / layout.pp; // all replicas together
  const groups = layout.devices / layout.pp / layout.expertShards;
  const steps = d.stages.map((stage, s) =>
    stageStep(
      d,
      stage,
      {
        tokensPerReplica: perReplica,
        tokensPerExpertGroup: stageTokens / groups,
        attended: (kind) => keptTokens(kind, contextTokens, 'hybrid'),
        phase: 'decode',
        kvReadBytes: perReplica * stageKvBytesPerSequence(d, stage, contextTokens, 'hybrid'),
        lmHeadTokens: perReplica,
      },
      eff,
      routing,
      s === d.stages.length - 1,
    ),
  );
  const tick = slowest(steps);
  const stepSeconds = tick.seconds * layout.pp;
  const tokensPerSecond = batch / stepSeconds;
  return {
    ...tick,
    stepSeconds,
    tokensPerSecond,
    tokensPerSecondPerDevice: tokensPerSecond / layout.devices,
    tokensPerSecondPerUser: 1 / stepSeconds,
  };
}

export interface PrefillEstimate extends StepBreakdown {
  /** Prompt tokens/s of the whole deployment with every replica busy. */
  tokensPerSecond: number;
  /** Time to prefill one prompt of `promptTokens` on one replica. */
  timeToFirstTokenSeconds: number;
  chunkTokens: number;
}

/**
 * Prefill of `batch` prompts of `promptTokens` tokens, in forward passes of up to
 * `maxBatchedTokens` tokens per replica (chunked prefill packs several prompts into one pass):
 * compute-bound at length, with attention FLOPs that grow with the prompt and stop growing past a
 * sliding window or chunk; the lm_head runs once per prompt. Time to first token is one prompt
 * alone on one replica.
 */
export function prefill(
  d: Deployment,
  promptTokens: number,
  batch: number,
  maxBatchedTokens: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
): PrefillEstimate {
  const { layout } = d;
  const pass = (chunk: number) => {
    const groups = layout.devices / layout.pp / layout.expertShards;
    const steps = d.stages.map((stage, s) =>
      stageStep(
        d,
        stage,
        {
          tokensPerReplica: chunk,
          tokensPerExpertGroup: (chunk * layout.dp) / groups,
          attended: (kind) => meanAttendedTokens(kind, promptTokens),
          phase: 'prefill',
          kvReadBytes: 0,
          lmHeadTokens: chunk / promptTokens,
        },
        eff,
        routing,
        s === d.stages.length - 1,
      ),
    );
    return slowest(steps);
  };
  const chunk = Math.min(maxBatchedTokens, sequencesPerReplica(d, batch) * promptTokens);
  const tick = pass(chunk);
  const alone = pass(Math.min(promptTokens, maxBatchedTokens));
  const chunks = Math.ceil(promptTokens / Math.min(promptTokens, maxBatchedTokens));
  return {
    ...tick,
    chunkTokens: chunk,
    tokensPerSecond: (layout.dp * chunk) / tick.seconds,
    timeToFirstTokenSeconds: (chunks + layout.pp - 1) * alone.seconds,
  };
}
