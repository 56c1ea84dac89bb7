/**
 * Memory against context on one GPU and system RAM: each side's bytes against its own capacity,
 * from a local estimate's placement (local-estimate.ts). Only the KV cache grows with the
 * context: each side keeps the cache of the layers whose attention it holds (llama.cpp puts a
 * layer's KV cache with the layer), the rest of each side (weights, the GPU's compute buffer)
 * stays as the estimate gives it. The KV bytes are local-inference.ts's: `batch ×
 * kvBytesPerSequence(spec, context, dtype, 'hybrid', 1, the side's layers)`, so at the chosen
 * context a side's point is the estimate's own `perDevice.totalBytes` or `perHost.totalBytes`.
 */
import { LIMITS } from '../model/limits.ts';
import type { ModelSpec } from '../model/types.ts';
import { kvBytesPerSequence } from './kv-cache.ts';
import { largestFitting, type LocalServingEstimate } from './local-estimate.ts';
import type { Where } from './local-placement.ts';
import type { KvDtype } from './weight-formats.ts';

export interface LocalMemorySide {
  side: Where;
  points: { contextTokens: number; bytes: number }[];
  /** What the side may hold: the GPU's budget; system RAM, or a unified pool's whole size. */
  capacityBytes: number;
  /** The largest context this side holds at the batch; 0: none; LIMITS.contextTokens: any. */
  fitLimitTokens: number;
  /** Holds the longest context the explorer takes (LIMITS.contextTokens). */
  fitsAnyContext: boolean;
}

export interface LocalMemoryCurves {
  /** One pool: the host side is the whole pool, the GPU's part with the CPU's. */
  unified: boolean;
  device: LocalMemorySide;
  host: LocalMemorySide;
}

type Placed = Pick<
  LocalServingEstimate,
  'placement' | 'perDevice' | 'perHost' | 'deviceBudgetBytes' | 'hostMemoryBytes' | 'unified'
>;

/**
 * Each side's memory at each of `contexts` (sorted, with each side's fit limit when it lies
 * among them), at `batch` sequences of KV cache in `kvDtype`.
 *
 * @example localMemoryVsContext(spec, serving, 'fp16', 1, [8192]).device.points[0].bytes
 *   // serving.perDevice.totalBytes, when serving was estimated at 8,192 tokens and batch 1
 */
export function localMemoryVsContext(
  spec: ModelSpec,
  serving: Placed,
  kvDtype: KvDtype,
  batch: number,
  contexts: readonly number[],
): LocalMemoryCurves {
  const layersOn = (where: Where) =>
    serving.placement.layers.flatMap((l, i) => (l.mixer === where ? [i] : []));
  const deviceLayers = layersOn('device');
  const hostLayers = layersOn('host');
  const kv = (layers: number[], tokens: number) =>
    layers.length === 0
      ? 0
      : batch * kvBytesPerSequence(spec, tokens, kvDtype, 'hybrid', 1, layers);
  const { perDevice, perHost } = serving;
  const device = (t: number) =>
    perDevice.weightsBytes + perDevice.activationBytes + kv(deviceLayers, t);
  const cpu = (t: number) => perHost.weightsBytes + kv(hostLayers, t);
  // A unified pool holds both sides.
  const host = serving.unified ? (t: number) => device(t) + cpu(t) : cpu;
  const limit = (bytes: (t: number) => number, capacity: number) =>
    largestFitting((t) => bytes(t) <= capacity, LIMITS.contextTokens);
  const deviceLimit = limit(device, serving.deviceBudgetBytes);
  const hostLimit = limit(host, serving.hostMemoryBytes);
  // Reduced, not spread into Math.min/max: a long list would overflow the stack.
  const lo = contexts.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = contexts.reduce((a, b) => Math.max(a, b), -Infinity);
  const within = [deviceLimit, hostLimit].filter((t) => t >= lo && t <= hi);
  const xs = [...new Set([...contexts, ...within])].sort((a, b) => a - b);
  const side = (
    where: Where,
    bytes: (t: number) => number,
    capacityBytes: number,
    fitLimitTokens: number,
  ): LocalMemorySide => ({
    side: where,
    points: xs.map((contextTokens) => ({ contextTokens, bytes: bytes(contextTokens) })),
    capacityBytes,
    fitLimitTokens,
    fitsAnyContext: fitLimitTokens >= LIMITS.contextTokens,
  });
  return {
    unified: serving.unified,
    device: side('device', device, serving.deviceBudgetBytes, deviceLimit),
    host: side('host', host, serving.hostMemoryBytes, hostLimit),
  };
}
