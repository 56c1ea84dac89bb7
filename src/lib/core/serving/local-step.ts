/**
 * One step of the local model (local-inference.ts) in time: each side (the GPU, the CPU with
 * system RAM) at its roofline, one after the other as llama.cpp runs a graph's splits, then the
 * PCIe copy and the per-layer overhead.
 */
import type { LocalSetup, SideWork } from './local-inference.ts';
import { expectedDistinctExperts } from './routing.ts';

/**
 * One step's time and work on both sides. Each side runs at the slower of reading its bytes and
 * doing its FLOPs (a roofline per side); the sides run one after the other, then the per-layer
 * overhead. `memorySeconds` and `computeSeconds` add both sides' (as step.ts adds its kernels').
 */
export interface LocalSpeed {
  tokensPerSecond: number;
  /** One step: decode, the batch's tokens; prefill, one micro-batch. */
  stepSeconds: number;
  deviceSeconds: number;
  hostSeconds: number;
  overheadSeconds: number;
  memorySeconds: number;
  computeSeconds: number;
  /** Host weights copied to the GPU over PCIe (prefill with op offload); 0 in decode. */
  linkSeconds: number;
  bound: 'memory' | 'compute';
  /** Weight bytes the step reads, both sides (routed experts only as touched). */
  weightsReadBytes: number;
  kvReadBytes: number;
  flops: number;
  /** Distinct routed experts the step's tokens touch per MoE layer (routing.ts). */
  distinctExpertsPerLayer: number;
}

/** A side's time: the slower of reading its bytes and doing its FLOPs. */
export interface Roofline {
  memory: number;
  compute: number;
  seconds: number;
}

/** A side's roofline: the slower of its bytes and its FLOPs. */
export function roofline(
  bytes: number,
  bytesPerSecond: number,
  flops: number,
  flopsPerSecond: number,
): Roofline {
  const memory = bytes / bytesPerSecond;
  const compute = flops / flopsPerSecond;
  return { memory, compute, seconds: Math.max(memory, compute) };
}

/** The step's speed from each side's roofline, the link's copy and the overhead. */
export function stepSpeed(
  s: LocalSetup,
  tokens: number,
  w: SideWork,
  kv: { device: number; host: number },
  device: Roofline,
  host: Roofline,
  linkSeconds: number,
): LocalSpeed {
  const overheadSeconds = s.count.layers.length * s.efficiency.layerOverheadSeconds;
  const hostSeconds = host.seconds + linkSeconds;
  const stepSeconds = device.seconds + hostSeconds + overheadSeconds;
  const memorySeconds = device.memory + host.memory;
  const computeSeconds = device.compute + host.compute;
  const moe = s.spec.moe;
  return {
    tokensPerSecond: tokens / stepSeconds,
    stepSeconds,
    deviceSeconds: device.seconds,
    hostSeconds,
    overheadSeconds,
    memorySeconds,
    computeSeconds,
    linkSeconds,
    bound: memorySeconds >= computeSeconds ? 'memory' : 'compute',
    weightsReadBytes: w.deviceBytes + w.hostBytes,
    kvReadBytes: kv.device + kv.host,
    flops: w.deviceFlops + w.hostFlops,
    distinctExpertsPerLayer: moe ? expectedDistinctExperts(moe.experts, moe.topK, tokens) : 0,
  };
}
