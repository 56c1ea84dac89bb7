/**
 * Disaggregated serving: prompts prefilled on one pool of devices, answers decoded on another,
 * the KV cache of each prompt sent between them (Zhong et al., "DistServe: Disaggregating
 * Prefill and Decoding for Goodput-optimized Large Language Model Serving", OSDI 2024, sections
 * 2-4; Qin et al., "Mooncake", FAST 2025). Decode steps then never pause for a prompt, so each
 * user sees the decode rate itself, at the price of the prefill pool's devices and the transfer.
 */
import type { ModelSpec } from '../model/types.ts';
import type { Device } from '../serving/hardware.ts';
import { kvBytesPerSequence } from '../serving/kv-cache.ts';
import type { PrefillPool, ScoredPoint } from './score.ts';
import type { LayoutCandidate } from './space.ts';
import { queueWaitSeconds, type ResolvedWorkload } from './workload.ts';

/**
 * Prefill to decode replicas in a unit of the fleet: the ratios the search tries. Published
 * deployments range from 1:1 to 1:8 (NVIDIA Dynamo's examples, DeepSeek's 4 prefill nodes to 18
 * decode nodes in its inference system overview) and beyond for long prompts.
 */
export const POOL_RATIOS: readonly { prefill: number; decode: number }[] = [
  { prefill: 4, decode: 1 },
  { prefill: 2, decode: 1 },
  { prefill: 1, decode: 1 },
  { prefill: 1, decode: 2 },
  { prefill: 1, decode: 4 },
  { prefill: 1, decode: 8 },
];

export interface DisaggregatedPoint extends ScoredPoint {
  /** The prefill pool: its layout and replicas per `decodeReplicas` decode replicas. */
  prefill: { layout: LayoutCandidate; replicas: number; decodeReplicas: number };
  /** Devices of one unit: the decode and prefill replicas together. */
  unitGpus: number;
}

/**
 * Seconds to send one prompt's KV cache (`kvBytes`) from the prefill pool to the decode pool:
 * over the scale-up fabric when the unit fits in one domain (an NVLink node or rack), else over
 * the network (DistServe section 4.3 places the pools so that the transfer takes the fast link).
 *
 * @example kvTransferSeconds(h200, 2e9, 16) // 2 GB over 50 GB/s of network: 0.04 s
 */
export function kvTransferSeconds(device: Device, kvBytes: number, unitGpus: number): number {
  const link =
    unitGpus <= device.scaleUpDomain ? device.scaleUpBytesPerSecond : device.scaleOutBytesPerSecond;
  return kvBytes / link;
}

/** One prompt's KV cache in a layout's format: what the prefill pool sends. */
export function promptKvBytes(
  spec: ModelSpec,
  layout: LayoutCandidate,
  promptTokens: number,
): number {
  return kvBytesPerSequence(spec, promptTokens, layout.kvDtype, 'hybrid');
}

/**
 * The best disaggregated unit around one decode point: of the prefill pools and ratios, the one
 * with the most output tokens/s per device whose time to first token meets `maxTtftSeconds`, or,
 * when none does, the one with the shortest. Per unit of `d` decode and `p` prefill replicas:
 *   output tokens/s = d x decode tok/s (no prefill pauses: batch / decode step)
 *   prefill load ρ = output tok/s x I / O / (p x pool prompt tok/s), which must be below 1
 *   TTFT = the prompt alone on the pool + ρ's M/D/1 queue wait + the KV transfer + half a decode step
 * Returns null when no pool keeps up with the decode rate. `tried` counts each pool and ratio.
 */
export function bestUnit(
  kvBytes: number,
  point: ScoredPoint,
  pools: readonly PrefillPool[],
  w: ResolvedWorkload,
  tried: { count: number },
): DisaggregatedPoint | null {
  const decodeRate = point.batch / point.decodeStepSeconds;
  const demand = (decodeRate * w.inputTokens) / w.outputTokens;
  let best: DisaggregatedPoint | null = null;
  let bestMeets = false;
  for (const pool of pools) {
    for (const ratio of POOL_RATIOS) {
      tried.count++;
      const capacity = ratio.prefill * pool.tokensPerSecond;
      const load = (ratio.decode * demand) / capacity;
      if (load >= 1) continue;
      const unitGpus = ratio.decode * point.layout.gpus + ratio.prefill * pool.layout.gpus;
      const ttftSeconds =
        pool.aloneSeconds +
        queueWaitSeconds(load, w.inputTokens / capacity) +
        kvTransferSeconds(point.layout.device, kvBytes, unitGpus) +
        point.decodeStepSeconds / 2;
      const output = ratio.decode * decodeRate;
      const meets = ttftSeconds <= w.maxTtftSeconds;
      const better =
        best === null ||
        (meets && !bestMeets) ||
        (meets === bestMeets &&
          (meets
            ? output / unitGpus > best.outputTokensPerSecond / best.unitGpus
            : ttftSeconds < best.ttftSeconds));
      if (!better) continue;
      bestMeets = meets;
      best = {
        ...point,
        outputTokensPerSecond: output,
        tokensPerSecondPerUser: 1 / point.decodeStepSeconds,
        ttftSeconds,
        prefill: { layout: pool.layout, replicas: ratio.prefill, decodeReplicas: ratio.decode },
        unitGpus,
      };
    }
  }
  return best;
}

/**
 * Of the layouts that could prefill, the best of each device count: the most prompt tokens/s,
 * then the shortest prompt alone. A pool of the same size that is slower on both never makes a
 * better unit, so the units are built from these alone.
 */
export function bestPools(pools: readonly PrefillPool[]): PrefillPool[] {
  const bySize = new Map<number, PrefillPool>();
  for (const p of pools) {
    const held = bySize.get(p.layout.gpus);
    if (
      !held ||
      p.tokensPerSecond > held.tokensPerSecond ||
      (p.tokensPerSecond === held.tokensPerSecond && p.aloneSeconds < held.aloneSeconds)
    )
      bySize.set(p.layout.gpus, p);
  }
  return [...bySize.values()];
}
