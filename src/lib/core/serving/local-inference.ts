/**
 * A model on one machine: one GPU and the host's system RAM (or one unified-memory pool), placed
 * as llama.cpp places it (local-placement.ts). Memory on each side, whether it fits, the decode
 * and prefill speed the placement gives, and the fewest host-resident expert layers that fit.
 *
 * Decode, per step of `batch` sequences: each part's bytes are read from the memory it lives in
 * (routed experts only when the step's tokens touch them: routing.ts expectedDistinctExperts),
 * and the GPU and the CPU work one after the other, layer by layer (llama.cpp's scheduler runs
 * the graph's splits in order):
 *   step = max(device bytes / (device bandwidth × eff), device FLOPs / (peak × eff))
 *        + max(host bytes / (host bandwidth × eff), host FLOPs / host peak) + layers × overhead
 * Prefill, per micro-batch of `ubatch` tokens: llama.cpp copies host-resident weights to the GPU
 * over PCIe when the batch is large enough (ggml-backend.cpp `op_offload`, for batches of at
 * least 32 tokens: the backend's `offload_op`, GGML_OP_OFFLOAD_MIN_BATCH), so a micro-batch
 * costs the copy of the host weights it uses plus the GPU's compute; smaller ones run on the CPU.
 */
import { attentionFlopsPerToken } from './attention-flops.ts';
import type { Device } from './hardware.ts';
import { kvBytesPerSequence } from './kv-cache.ts';
import {
  placeModel,
  placedWeightBytes,
  planParts,
  type ModelParts,
  type Placement,
  type PlacementFlags,
  type Where,
} from './local-placement.ts';
import { expectedDistinctExperts } from './routing.ts';
import { roofline, stepSpeed, type LocalSpeed } from './local-step.ts';
import { peakFlops } from './step.ts';
import type { KvDtype } from './weight-formats.ts';
import { WEIGHT_FORMATS } from './weight-formats.ts';
import type { WeightPlan } from './weights.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';

/** The host side: system RAM, its bandwidth, the CPU's matmul rate, the link to the GPU. */
export interface HostSpec {
  memoryBytes: number;
  /** Sustained read bandwidth of system RAM, bytes/s. */
  bandwidthBytesPerSecond: number;
  /** The CPU's FLOP/s on quantized matmuls. */
  flopsPerSecond: number;
  /** Host-to-GPU bandwidth per direction (PCIe), bytes/s. */
  linkBytesPerSecond: number;
}

export interface LocalEfficiency {
  deviceBandwidth: number;
  hostBandwidth: number;
  compute: number;
  layerOverheadSeconds: number;
}

export interface LocalSetup {
  spec: ModelSpec;
  count: ParamCount;
  plan: WeightPlan;
  /** Exact bytes of each part (a GGUF file's tensors); else from `plan`. */
  parts?: ModelParts;
  device: Device;
  /** One pool shared by GPU and CPU (Apple silicon, DGX Spark, Ryzen AI Max). */
  unified: boolean;
  /** Bytes of device memory the GPU may use (the whole card; a unified pool's GPU share). */
  deviceUsableBytes: number;
  host: HostSpec;
  flags: PlacementFlags;
  kvDtype: KvDtype;
  contextTokens: number;
  batch: number;
  /** Prefill micro-batch (llama.cpp -ub, 512 by default). */
  ubatch: number;
  efficiency: LocalEfficiency;
}

export interface LocalMemory {
  placement: Placement;
  deviceWeightsBytes: number;
  hostWeightsBytes: number;
  deviceKvBytes: number;
  hostKvBytes: number;
  /** The GPU's compute buffer (logits and activations of one micro-batch). */
  computeBufferBytes: number;
  deviceBytes: number;
  hostBytes: number;
  fitsDevice: boolean;
  fitsHost: boolean;
}

/** llama.cpp's smallest batch whose host-resident matmuls it runs on the GPU (ggml-backend.cpp). */
export const OP_OFFLOAD_MIN_BATCH = 32;

/**
 * The GPU's compute buffer: one micro-batch's logits in FP32 and a few hidden-width FP32
 * activations per token (an estimate of llama.cpp's `compute buffer size`, assumed).
 */
function computeBufferBytes(spec: ModelSpec, ubatch: number): number {
  return ubatch * (spec.vocabSize + 8 * spec.hiddenSize) * 4;
}

/** Each part's weight bytes: the GGUF file's when there is one, else the plan's. */
const planned = new WeakMap<LocalSetup['count'], Map<WeightPlan, ModelParts>>();
function partsOf(s: LocalSetup): ModelParts {
  if (s.parts) return s.parts;
  let byPlan = planned.get(s.count);
  if (!byPlan) planned.set(s.count, (byPlan = new Map()));
  let parts = byPlan.get(s.plan);
  if (!parts) byPlan.set(s.plan, (parts = planParts(s.count, s.plan)));
  return parts;
}

/** KV bytes of one sequence in the layers a side holds. */
function kvOn(s: LocalSetup, placement: Placement, where: 'device' | 'host'): number {
  const layers = placement.layers.filter((l) => l.mixer === where).map((l) => l.index);
  if (layers.length === 0) return 0;
  return s.batch * kvBytesPerSequence(s.spec, s.contextTokens, s.kvDtype, 'hybrid', 1, layers);
}

/** Memory on each side and whether each fits. */
export function localMemory(s: LocalSetup, flags: PlacementFlags = s.flags): LocalMemory {
  const parts = partsOf(s);
  const placement = placeModel(parts, flags);
  const weights = placedWeightBytes(parts, placement);
  const deviceKv = kvOn(s, placement, 'device');
  const hostKv = kvOn(s, placement, 'host');
  const buffer = computeBufferBytes(s.spec, s.ubatch);
  const deviceBytes = weights.device + deviceKv + buffer;
  const hostBytes = weights.host + hostKv;
  return {
    placement,
    deviceWeightsBytes: weights.device,
    hostWeightsBytes: weights.host,
    deviceKvBytes: deviceKv,
    hostKvBytes: hostKv,
    computeBufferBytes: buffer,
    deviceBytes,
    hostBytes,
    fitsDevice: deviceBytes <= s.deviceUsableBytes,
    // One pool: what the GPU holds is not free for the CPU.
    fitsHost: s.unified
      ? deviceBytes + hostBytes <= s.host.memoryBytes
      : hostBytes <= s.host.memoryBytes,
  };
}

/**
 * The fewest layers whose routed experts go to the host (`--n-cpu-moe N`) for the rest to fit on
 * the GPU; null when even all of them on the host does not fit. Device bytes never grow with N.
 */
export function suggestNCpuMoe(s: LocalSetup): number | null {
  const n = s.count.layers.length;
  for (let k = 0; k <= n; k++) {
    if (localMemory(s, { ...s.flags, cpuMoe: false, nCpuMoe: k }).fitsDevice) return k;
  }
  return null;
}

/** Bytes and FLOPs one step reads and does on each side. */
export interface SideWork {
  deviceBytes: number;
  hostBytes: number;
  deviceFlops: number;
  hostFlops: number;
}

/**
 * One step's work: `tokens` tokens, each layer's parts on their side, then, in decode, the
 * output head, read whole each step to turn every token's hidden state into logits (llama.cpp's
 * `output`, a copy of `token_embd` when tied: local-placement.ts `planParts`). A prefill pass
 * (`head` false) asks logits of its last token at most, a sliver of its FLOPs: left out.
 */
function decodeWork(s: LocalSetup, placement: Placement, tokens: number, head = true): SideWork {
  const w: SideWork = { deviceBytes: 0, hostBytes: 0, deviceFlops: 0, hostFlops: 0 };
  const add = (where: Where, b: number, flops: number) => {
    if (where === 'device') {
      w.deviceBytes += b;
      w.deviceFlops += flops;
    } else {
      w.hostBytes += b;
      w.hostFlops += flops;
    }
  };
  const moe = s.spec.moe;
  const touched = moe ? expectedDistinctExperts(moe.experts, moe.topK, tokens) : 0;
  const parts = partsOf(s);
  s.count.layers.forEach((l, i) => {
    const p = placement.layers[i]!;
    const bytes = parts.layers[i]!;
    add(p.mixer, bytes.mixer, 2 * tokens * l.attention);
    add(p.ffn, bytes.ffn, 2 * tokens * (l.router + l.sharedExperts + l.denseFfn));
    if (p.experts && moe)
      add(p.experts, (touched / moe.experts) * bytes.experts, 2 * tokens * l.routedExpertsActive);
  });
  const e = s.count.breakdown;
  if (head)
    add(placement.output, parts.output, 2 * tokens * (e.lmHead > 0 ? e.lmHead : e.embedding));
  return w;
}

/** Decode tokens/s of the whole batch under the setup's placement. */
export function localDecode(s: LocalSetup, placement: Placement): LocalSpeed {
  const w = decodeWork(s, placement, s.batch);
  const kv = { device: kvOn(s, placement, 'device'), host: kvOn(s, placement, 'host') };
  const e = s.efficiency;
  const devicePeak = peakFlops(s.device, WEIGHT_FORMATS[s.plan.linear].compute);
  const device = roofline(
    w.deviceBytes + kv.device,
    s.device.bandwidthBytesPerSecond * e.deviceBandwidth,
    w.deviceFlops,
    devicePeak * e.compute,
  );
  const host = roofline(
    w.hostBytes + kv.host,
    s.host.bandwidthBytesPerSecond * e.hostBandwidth,
    w.hostFlops,
    s.host.flopsPerSecond,
  );
  return stepSpeed(s, s.batch, w, kv, device, host, 0);
}

/** Prefill tokens/s of one prompt of the setup's context, micro-batch by micro-batch. */
export function localPrefill(s: LocalSetup, placement: Placement): LocalSpeed {
  const tokens = Math.min(s.ubatch, s.contextTokens);
  const w = decodeWork(s, placement, tokens, false);
  const e = s.efficiency;
  const devicePeak = peakFlops(s.device, WEIGHT_FORMATS[s.plan.linear].compute);
  // Attention over a causal prompt: each token attends to half the prompt on average.
  const attention = tokens * attentionFlopsPerToken(s.spec, s.contextTokens / 2, 'prefill');
  const offload = tokens >= OP_OFFLOAD_MIN_BATCH && !s.unified;
  const deviceFlops = w.deviceFlops + attention + (offload ? w.hostFlops : 0);
  const device = roofline(0, 1, deviceFlops, devicePeak * e.compute);
  // With op offload the host's weights cross the link and the GPU does their FLOPs.
  const host = offload
    ? roofline(0, 1, 0, 1)
    : roofline(
        w.hostBytes,
        s.host.bandwidthBytesPerSecond * e.hostBandwidth,
        w.hostFlops,
        s.host.flopsPerSecond,
      );
  const linkSeconds = offload ? w.hostBytes / s.host.linkBytesPerSecond : 0;
  const work = { ...w, deviceFlops: deviceFlops, hostFlops: offload ? 0 : w.hostFlops };
  return stepSpeed(s, tokens, work, { device: 0, host: 0 }, device, host, linkSeconds);
}
