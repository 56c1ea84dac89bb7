/**
 * Communication of a step: the all-to-all of expert parallelism (dispatch and combine), the
 * all-reduces of tensor parallelism and the activations passed between pipeline stages.
 */
import type { RoutingAssumptions } from './assumptions.ts';
import type { Deployment } from './deployment.ts';
import type { Device } from './hardware.ts';

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

/** The link a group of `devices` talks over: the scale-up fabric when it holds them all, else the network. */
export function linkBytesPerSecond(device: Device, devices: number): number {
  return devices <= device.scaleUpDomain
    ? device.scaleUpBytesPerSecond
    : device.scaleOutBytesPerSecond;
}

/**
 * One tensor-parallel layer's all-reduces for `tokens` tokens: two per layer (after attention and
 * after the FFN) of tokens x hidden BF16 values, each a ring moving 2 (tp - 1) / tp of the bytes
 * (Megatron-LM, Shoeybi et al. 2019, section 3; NCCL ring all-reduce).
 */
export function tensorParallelSeconds(d: Deployment, tokens: number): number {
  const { layout, device, spec } = d;
  if (layout.tp <= 1) return 0;
  const link = linkBytesPerSecond(device, layout.tp);
  return ((2 * (2 * (layout.tp - 1))) / layout.tp) * ((tokens * spec.hiddenSize * 2) / link);
}

/** Passing `tokens` BF16 hidden states from one pipeline stage to the next; 0 without a pipeline. */
export function pipelineSendSeconds(d: Deployment, tokens: number): number {
  const { layout, device, spec } = d;
  if (layout.pp <= 1) return 0;
  return (tokens * spec.hiddenSize * 2) / linkBytesPerSecond(device, layout.devices);
}
