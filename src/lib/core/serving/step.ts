/**
 * One step of one pipeline stage on its busiest device: a roofline per kernel. A step reads the
 * weights the device holds (only the experts the batch touches) and the KV cache, and does its
 * FLOPs; each kernel takes the longer of the two, plus the communication that is not overlapped.
 *   step = sum over kernels of max(bytes / (bandwidth x eff_bw), flops / (peak x eff_compute))
 *          + kernels x per-kernel floor (kernels.ts) + (1 - overlap) x communication
 * and no less than the host's time to launch it (assumptions.ts `launchSecondsPerLayer`).
 * Sources: Williams et al., "Roofline" (CACM 2009); the decode analysis in Pope et al.,
 * "Efficiently Scaling Transformer Inference" (MLSys 2023), section 3.
 */
import { stepBound, type StepBound } from './bound.ts';
import type { AttentionLayerKind } from '../model/types.ts';
import { DEFAULT_EFFICIENCY, type Efficiency, type RoutingAssumptions } from './assumptions.ts';
import { expertAllToAll, pipelineSendSeconds, tensorParallelSeconds } from './communication.ts';
import type { Deployment, Stage } from './deployment.ts';
import type { Device } from './hardware.ts';
import { stageLaunchSeconds } from './eager.ts';
import { stageOverheadSeconds } from './kernels.ts';
import { expectedDistinctExperts } from './routing.ts';
import { stageTraffic, type StageTraffic } from './stage-traffic.ts';
import {
  isWeightOnlyInt4,
  WEIGHT_FORMATS,
  type ComputePrecision,
  type WeightFormatId,
} from './weight-formats.ts';

/** The whole of each listed peak: the default `computeShare`, for callers without a device's. */
const LISTED = DEFAULT_EFFICIENCY.computeShare;

/**
 * Peak FLOP/s of a device for a precision, times the share of it the device sustains
 * (Efficiency `computeShare`; sustained-compute.ts). Where the tensor cores do not take the
 * precision, engines run the format weight-only: the kernel dequantizes the weights to BF16 and
 * multiplies at the BF16 rate (vLLM on an H100: "Your GPU does not have native support for FP4
 * computation ... Weight-only FP4 compression will be used leveraging the Marlin kernel", vLLM
 * #23278; FP8 on Ampere alike): FP4 without FP4 units runs at BF16, not FP8. */
export function peakFlops(
  device: Device,
  precision: ComputePrecision,
  share: Efficiency['computeShare'] = LISTED,
): number {
  const f = device.flopsPerSecond;
  const bf16 = f.bf16 * share.bf16;
  if (precision === 'fp4') return f.fp4 ?? bf16;
  if (precision === 'fp8') return f.fp8 === null ? bf16 : f.fp8 * share.fp8;
  return bf16;
}

/**
 * Peak FLOP/s of a weight format's matmuls on a device: INT8 (W8A8) at the device's INT8 rate
 * where the catalog lists one (A100, TPUs; Blackwell Ultra's is cut), NVFP4 at BF16 on MI355X
 * (converted or emulated), MXFP4 at FP8 on NVIDIA's FP4 tensor cores (MXFP8 activations:
 * TensorRT-LLM gpt-oss deployment guide, "MoE Backend Support Matrix"; vLLM #35528).
 */
export function formatFlops(
  device: Device,
  format: WeightFormatId,
  share: Efficiency['computeShare'] = LISTED,
): number {
  const f = device.flopsPerSecond;
  if (format === 'int8' && f.int8 !== undefined) return f.int8 ?? f.bf16;
  if (format === 'nvfp4' && f.nvfp4 === null) return peakFlops(device, 'bf16', share); // MX only
  if (format === 'mxfp4' && f.fp4 !== null && f.nvfp4 !== null)
    return peakFlops(device, 'fp8', share);
  return peakFlops(device, WEIGHT_FORMATS[format].compute, share);
}

export interface StepBreakdown {
  seconds: number;
  memorySeconds: number;
  computeSeconds: number;
  communicationSeconds: number;
  /** Fixed per-layer time (kernel launches, synchronisation) in this step. */
  overheadSeconds: number;
  /** The host's time to launch the step's layers (assumptions.ts `launchSecondsPerLayer`). */
  launchSeconds: number;
  /** What the step waits on most (`stepBound`). */
  bound: StepBound;
  weightsReadBytes: number;
  kvReadBytes: number;
  flops: number;
  /** Mean distinct routed experts touched per MoE layer by one step's tokens (per expert group). */
  distinctExpertsPerLayer: number;
  /** Bytes one device sends in one MoE layer's all-to-all. */
  allToAllBytesPerLayer: number;
}

/**
 * A step's breakdown copied field by field, for an estimate that adds its own fields to it.
 * `{ ...step, more }` takes V8's slow path when it adds fields: a decode step of Llama 4 Scout on
 * 8 x H100 took 15.5 µs with the spread and 1.1 µs with the fields written out (node 20, the
 * planner's search, which times a decode step for every candidate).
 */
export function stepFields(t: StepBreakdown): StepBreakdown {
  return {
    seconds: t.seconds,
    memorySeconds: t.memorySeconds,
    computeSeconds: t.computeSeconds,
    communicationSeconds: t.communicationSeconds,
    overheadSeconds: t.overheadSeconds,
    launchSeconds: t.launchSeconds,
    bound: t.bound,
    weightsReadBytes: t.weightsReadBytes,
    kvReadBytes: t.kvReadBytes,
    flops: t.flops,
    distinctExpertsPerLayer: t.distinctExpertsPerLayer,
    allToAllBytesPerLayer: t.allToAllBytesPerLayer,
  };
}

/** What one stage does in a step. */
export interface StageWork {
  /** Tokens each replica processes in this step. */
  tokensPerReplica: number;
  /** Tokens entering one expert group (all replicas sharing an expert split). */
  tokensPerExpertGroup: number;
  /** Per query token, attended tokens of a layer. */
  attended: (kind: AttentionLayerKind) => number;
  /** Of those, the tokens its attention reads: DSA's top-k of them (attention-flops.ts `sparseTopK`), else all. */
  selected: (kind: AttentionLayerKind) => number;
  phase: 'decode' | 'prefill';
  /** The engine runs the pass without CUDA graphs, op by op (eager.ts). */
  eager: boolean;
  /** KV bytes read by each device. */
  kvReadBytes: number;
  /** Tokens the lm_head runs for: every token in decode, one per sequence in prefill. */
  lmHeadTokens: number;
}

/** Communication seconds of a stage's step: TP all-reduces and EP all-to-alls per layer, then the pipeline send. */
function stageCommunicationSeconds(
  d: Deployment,
  stage: Stage,
  tokens: number,
  allToAllSeconds: number,
): number {
  const tp = tensorParallelSeconds(d, tokens);
  let seconds = 0;
  for (const { params: l, count: n } of stage.groups) {
    seconds += n * tp;
    if (l.routedExperts > 0 && d.spec.moe) seconds += n * allToAllSeconds;
  }
  return seconds + pipelineSendSeconds(d, tokens);
}

/**
 * Kernels run one after another, each bound by its own roofline: attention (KV cache against
 * attention FLOPs), the dense projections (their weights against their FLOPs), the experts.
 */
function rooflineSeconds(d: Deployment, work: StageWork, t: StageTraffic, eff: Efficiency) {
  const { device, plan } = d;
  // What the device sustains of its listed bandwidth (sustained-bandwidth.ts).
  const peak = device.bandwidthBytesPerSecond * eff.bandwidthShare;
  const kernels = [
    {
      bytes: work.kvReadBytes,
      bandwidth: eff.bandwidth,
      seconds:
        t.attentionFlops / (peakFlops(device, 'bf16', eff.computeShare) * eff.attentionCompute),
    },
    {
      bytes: t.denseBytes,
      bandwidth: eff.bandwidth,
      seconds: t.denseFlops / (formatFlops(device, plan.linear, eff.computeShare) * eff.compute),
    },
    {
      bytes: t.expertBytes,
      // INT4 weight-only experts dequantize on the way (assumptions.ts W4A16_MOE_BANDWIDTH_SHARE).
      bandwidth:
        eff.expertBandwidth * (isWeightOnlyInt4(plan.experts) ? eff.int4ExpertBandwidth : 1),
      seconds: t.expertFlops / (formatFlops(device, plan.experts, eff.computeShare) * eff.compute),
    },
  ];
  let memorySeconds = 0;
  let computeSeconds = 0;
  let kernelSeconds = 0;
  for (const k of kernels) {
    const memory = k.bytes / (peak * k.bandwidth);
    memorySeconds += memory;
    computeSeconds += k.seconds;
    kernelSeconds += Math.max(memory, k.seconds);
  }
  return { memorySeconds, computeSeconds, kernelSeconds };
}

/**
 * One step of one pipeline stage on its busiest device. Experts spread past the tensor-parallel
 * group hold tokens of other data-parallel ranks: an all-to-all. Within it (EP over the TP ranks)
 * every rank already has every token, and the layer's second all-reduce combines the experts'
 * outputs (vLLM `use_all2all_kernels`: dp_size > 1 and use_ep).
 */
export function stageStep(
  d: Deployment,
  stage: Stage,
  work: StageWork,
  eff: Efficiency,
  routing: RoutingAssumptions,
  last: boolean,
): StepBreakdown {
  const { spec, layout } = d;
  const moe = spec.moe;
  // The same for every MoE layer of the step: computed once (with skew, each costs O(experts)).
  const touched = moe
    ? expectedDistinctExperts(moe.experts, moe.topK, work.tokensPerExpertGroup, routing.skew)
    : 0;
  const mode = work.phase === 'decode' ? 'per-expert' : 'per-node';
  const a2a =
    moe && layout.expertShards > layout.tp
      ? expertAllToAll(d, work.tokensPerReplica / layout.tp, routing, mode)
      : { bytes: 0, seconds: 0 };
  const traffic = stageTraffic(d, stage, work, touched, last);
  const communicationSeconds = stageCommunicationSeconds(
    d,
    stage,
    work.tokensPerReplica,
    a2a.seconds,
  );
  const { memorySeconds, computeSeconds, kernelSeconds } = rooflineSeconds(d, work, traffic, eff);
  const overheadSeconds = stageOverheadSeconds(d, stage, eff, work.tokensPerReplica);
  const exposed = (1 - eff.overlap) * communicationSeconds;
  const deviceSeconds = kernelSeconds + overheadSeconds + exposed;
  // Launches are asynchronous: the host runs ahead while the devices work, so a step takes the
  // longer of the two, not their sum (vLLM issue #47089: a large model's piecewise step is its
  // full-graph step; a small one's is its launches).
  const launchSeconds = stageLaunchSeconds(d, stage, eff, work.eager, work.tokensPerReplica);
  return {
    seconds: Math.max(deviceSeconds, launchSeconds),
    memorySeconds,
    computeSeconds,
    communicationSeconds,
    overheadSeconds,
    launchSeconds,
    bound: stepBound(
      {
        memory: memorySeconds,
        compute: computeSeconds,
        communication: exposed,
        overhead: overheadSeconds,
      },
      deviceSeconds,
      launchSeconds,
    ),
    weightsReadBytes: Math.round(traffic.denseBytes + traffic.expertBytes),
    kvReadBytes: Math.round(work.kvReadBytes),
    flops: traffic.denseFlops + traffic.expertFlops + traffic.attentionFlops,
    distinctExpertsPerLayer: touched,
    allToAllBytesPerLayer: a2a.bytes,
  };
}
