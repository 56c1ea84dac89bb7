/**
 * Communication of a step: the all-to-all of expert parallelism (dispatch and combine), the
 * all-reduces of tensor parallelism and the activations passed between pipeline stages.
 */
import type { RoutingAssumptions } from './assumptions.ts';
import {
  allReduceTime,
  customAllReduceTime,
  messageLatencySeconds,
  sendTime,
  type CollectiveTime,
  type Fabric,
} from './collectives.ts';
import type { Deployment } from './deployment.ts';
import type { Device } from './hardware.ts';

/** PCIe 5.0 x16 carries 64 GB/s per direction; a faster scale-up link is NVLink or xGMI. */
const PCIE_MAX_BYTES_PER_SECOND = 64e9;

/** How peers inside a node meet: NVLink (or xGMI), or PCIe. */
export function intraLink(device: Device): 'nvlink' | 'pci' {
  return device.scaleUpBytesPerSecond > PCIE_MAX_BYTES_PER_SECOND ? 'nvlink' : 'pci';
}

/** The fabric of a group of `ranks` consecutive devices of a deployment (parallel.ts numbering). */
export function fabricOf(d: Deployment, ranks: number): Fabric {
  const domain = d.layout.scaleUpDomain;
  return {
    ranks,
    nodes: Math.ceil(ranks / domain),
    intra: intraLink(d.device),
    intraBytesPerSecond: d.device.scaleUpBytesPerSecond,
    netBytesPerSecond: d.device.scaleOutBytesPerSecond,
  };
}

export interface AllToAll {
  /** Tokens a device sends. */
  tokens: number;
  /** Expert copies per token that cross the link (top-k, plus a shared expert if it is remote). */
  expertsPerToken: number;
  hidden: number;
  /** Bytes per element for dispatch (FP8 in DeepSeek-V3) and combine (BF16). */
  dispatchBytes: number;
  combineBytes: number;
}

/**
 * Bytes one device sends for one MoE layer's dispatch and combine:
 * tokens x experts per token x hidden x (dispatch + combine bytes).
 * Source: ISCA'25 "Insights into DeepSeek-V3", section 2.3.2.
 *
 * @example allToAllBytes({ tokens: 32, expertsPerToken: 9, hidden: 7000, dispatchBytes: 1, combineBytes: 2 }) // 6_048_000
 */
export function allToAllBytes(a: AllToAll): number {
  return a.tokens * a.expertsPerToken * a.hidden * (a.dispatchBytes + a.combineBytes);
}

/**
 * Seconds for one MoE layer's all-to-all over a link of `bytesPerSecond` (per direction).
 *
 * @example allToAllSeconds({ tokens: 32, expertsPerToken: 9, hidden: 7000, dispatchBytes: 1, combineBytes: 2 }, 50e9)
 *   // 120.96e-6: DeepSeek's example, 400 Gb/s InfiniBand (ISCA'25, 2.3.2)
 */
export function allToAllSeconds(a: AllToAll, bytesPerSecond: number): number {
  return allToAllBytes(a) / bytesPerSecond;
}

/**
 * One device's all-to-all for one MoE layer under expert parallelism (DeepEP's two modes):
 * - `per-expert` (decode, low-latency kernels): each token sends one copy per routed expert,
 *   (ep - 1) / ep of them off the device, straight to the expert's device.
 * - `per-node` (prefill, normal kernels): a token crosses the network once per remote node that
 *   holds one of its experts (at most `topk_group` nodes with group-limited routing) and is
 *   forwarded inside the node over NVLink (DeepSeek-V3 report, 3.2.2).
 * Network and NVLink traffic run in parallel; the slower decides. Dispatch and combine are two
 * rounds, each paying one message latency over the farthest link it uses (NCCL's base and hop
 * latencies, collectives.ts): DeepEP's low-latency kernels post every message of a round at once.
 */
export function expertAllToAll(
  d: Deployment,
  tokens: number,
  routing: RoutingAssumptions,
  mode: 'per-expert' | 'per-node' = 'per-expert',
): { bytes: number; seconds: number; latencySeconds: number } {
  const { layout, device, spec } = d;
  const moe = spec.moe!;
  const k = moe.topK;
  const domain = Math.min(layout.scaleUpDomain, layout.ep);
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
  // Bytes of each link's copies of every token, as allToAllBytes computes them, in its order of
  // operations; no object per call: the planner and the charts time this thousands of times a frame.
  const perToken = routing.dispatchBytes + routing.combineBytes;
  const farthest = offNodeShare > 0 ? 'net' : intraLink(device);
  // Two rounds (dispatch, combine), each one message's latency: a zero-byte send's time.
  const latencySeconds = 2 * messageLatencySeconds(farthest);
  const seconds =
    latencySeconds +
    Math.max(
      (tokens * nvlinkCopies * spec.hiddenSize * perToken) / device.scaleUpBytesPerSecond,
      (tokens * networkCopies * spec.hiddenSize * perToken) / device.scaleOutBytesPerSecond,
    );
  const bytes = Math.round(tokens * (networkCopies + nvlinkCopies) * spec.hiddenSize * perToken);
  return { bytes, seconds, latencySeconds };
}

/**
 * One tensor-parallel layer's all-reduces for `tokens` tokens: two per layer (after attention and
 * after the FFN) of tokens x hidden BF16 values (Megatron-LM, Shoeybi et al. 2019, section 3),
 * each timed as NCCL runs it (collectives.ts), or by the engine's one-shot all-reduce inside an
 * NVLink node when that is faster: at batch 1 the latency is all there is, and across nodes it is
 * the network's.
 */
export function tensorParallelAllReduce(d: Deployment, tokens: number): CollectiveTime | null {
  const { layout, spec } = d;
  if (layout.tp <= 1) return null;
  const bytes = tokens * spec.hiddenSize * 2;
  const fabric = fabricOf(d, layout.tp);
  const nccl = allReduceTime(bytes, fabric);
  // Inside one NVLink node the serving engines run their own one-shot all-reduce (llama.cpp has none)
  if (fabric.nodes > 1 || fabric.intra !== 'nvlink' || d.memory.engine === 'llamacpp') return nccl;
  const custom = customAllReduceTime(bytes, layout.tp);
  return custom.seconds < nccl.seconds ? custom : nccl;
}

/** Seconds of one layer's two tensor-parallel all-reduces; 0 without tensor parallelism. */
export function tensorParallelSeconds(d: Deployment, tokens: number): number {
  const t = tensorParallelAllReduce(d, tokens);
  return t ? 2 * t.seconds : 0;
}

/**
 * Passing `tokens` BF16 hidden states from one pipeline stage to the next: one message, over the
 * network when a stage fills a node or more, else over the scale-up fabric; 0 without a pipeline.
 */
export function pipelineSendSeconds(d: Deployment, tokens: number): number {
  const { layout, device, spec } = d;
  if (layout.pp <= 1) return 0;
  // Some stage boundary crosses nodes once the deployment spans several: the slowest decides.
  const crossesNodes = layout.devices > layout.scaleUpDomain;
  const link = crossesNodes ? 'net' : intraLink(device);
  const bandwidth = crossesNodes ? device.scaleOutBytesPerSecond : device.scaleUpBytesPerSecond;
  return sendTime(tokens * spec.hiddenSize * 2, link, bandwidth).seconds;
}
