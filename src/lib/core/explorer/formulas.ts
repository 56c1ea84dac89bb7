/**
 * "How is this computed": each headline number as its formula and the same formula with the
 * current values substituted, from the same core functions that compute it.
 */
import { formatBytes, formatInteger } from './format.ts';
import { kvBytesPerTokenPerLayer } from '../serving/kv-cache.ts';
import { countMoeLayers } from '../model/layers.ts';
import { mlpParams } from '../params/blocks.ts';
import type { ParamCount } from '../params/count.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import type { ModelSpec } from '../model/types.ts';
import { kvDtypeBytes, type KvDtype } from '../serving/weight-formats.ts';

export interface Explanation {
  formula: string;
  substituted: string;
}

export type HeadlineId =
  'total' | 'active' | 'weights' | 'kvPerToken' | 'kvAtContext' | 'fits' | 'decode' | 'cost';

const n = formatInteger;

/** Formulas for the headline numbers, with the current values substituted. */
export function explain(
  spec: ModelSpec,
  count: ParamCount,
  serving: ServingEstimate | null,
  kvDtype: KvDtype,
  unit: 'GB' | 'GiB',
): Record<HeadlineId, Explanation> {
  const b = count.breakdown;
  const moe = spec.moe;
  const moeLayers = countMoeLayers(spec);
  const expert = moe ? mlpParams(spec.hiddenSize, moe.expert) : 0;
  const bytes = (x: number) => formatBytes(x, unit);
  const kvLayer = kvBytesPerTokenPerLayer(spec.attention, kvDtype);
  const growing = serving ? serving.kvBytesPerToken / kvLayer : 0;
  const kvPerLayer =
    spec.attention.kind === 'gqa'
      ? `2 (K, V) × ${spec.attention.kvHeads} KV heads × ${spec.attention.headDim} head dim × ${kvDtypeBytes(kvDtype)} B = ${n(kvLayer)} B`
      : `(${spec.attention.kvLoraRank} latent + ${spec.attention.qkRopeHeadDim} RoPE) × ${kvDtypeBytes(kvDtype)} B = ${n(kvLayer)} B`;
  const none = { formula: 'Not available: the deployment settings are invalid.', substituted: '' };
  return {
    total: {
      formula:
        'embedding + lm_head + Σ layers (attention + norms + router + routed experts + shared experts + dense FFN) + final norm + vision',
      substituted: `${n(b.embedding)} + ${n(b.lmHead)} + ${n(b.attention)} + ${n(b.norms)} + ${n(b.router)} + ${n(b.routedExperts)} + ${n(b.sharedExperts)} + ${n(b.denseFfn)} + ${n(b.vision)} = ${n(count.total)}`,
    },
    active: {
      formula: 'total − vision − Σ MoE layers (experts − top-k) × parameters per expert',
      substituted: moe
        ? `${n(count.total)} − ${n(b.vision)} − ${moeLayers} × (${moe.experts} − ${moe.topK}) × ${n(expert)} = ${n(count.active)}`
        : `${n(count.total)} − ${n(b.vision)} = ${n(count.active)} (dense: every parameter is active)`,
    },
    weights: serving
      ? {
          formula:
            'Σ components parameters × bits per parameter / 8 (routed experts, Linear layers, embeddings and norms each in their own format)',
          substituted: `experts ${serving.weightPlan.experts}, Linear ${serving.weightPlan.linear}, embeddings ${serving.weightPlan.embeddings}: ${n(serving.weightsBytes)} B = ${bytes(serving.weightsBytes)}`,
        }
      : none,
    kvPerToken: serving
      ? {
          formula: 'layers that keep the whole context × bytes per token per layer',
          substituted: `${growing} layers × ${kvPerLayer} = ${n(serving.kvBytesPerToken)} B per token`,
        }
      : none,
    kvAtContext: serving
      ? {
          formula:
            'batch × Σ layers tokens kept × bytes per token per layer (windowed layers keep at most their window in the hybrid layout)',
          substituted: `${n(serving.kvBytes / Math.max(1, serving.kvBytesPerSequence))} × ${n(serving.kvBytesPerSequence)} B = ${bytes(serving.kvBytes)}`,
        }
      : none,
    fits: serving
      ? {
          formula: 'busiest device: weights + KV cache + activations ≤ device memory × utilization',
          substituted: `${bytes(serving.perDevice.weightsBytes)} + ${bytes(serving.perDevice.kvBytes)} + ${bytes(serving.perDevice.activationBytes)} = ${bytes(serving.perDeviceBytes)} ${serving.fits ? '≤' : '>'} ${bytes(serving.deviceBytes)} × ${serving.assumptions.memory.utilization} = ${bytes(serving.deviceBudgetBytes)}`,
        }
      : none,
    decode: serving
      ? {
          formula:
            'step = Σ kernels max(bytes / (bandwidth × efficiency), FLOPs / (peak × efficiency)) + layers × overhead + communication; tokens/s = batch / step',
          substituted: `memory ${(serving.decode.memorySeconds * 1e3).toFixed(2)} ms, compute ${(serving.decode.computeSeconds * 1e3).toFixed(2)} ms, overhead ${(serving.decode.overheadSeconds * 1e3).toFixed(2)} ms, communication ${(serving.decode.communicationSeconds * 1e3).toFixed(2)} ms → step ${(serving.decode.stepSeconds * 1e3).toFixed(2)} ms; ${n(serving.decode.tokensPerSecond)} tokens/s`,
        }
      : none,
    cost: serving
      ? {
          formula: '$ per million output tokens = GPUs × $/GPU-hour / (tokens/s × 3600) × 10⁶',
          substituted: `${serving.layout.devices} × $${serving.usdPerDeviceHour} / (${n(serving.decode.tokensPerSecond)} × 3600) × 10⁶ = $${serving.costPerMillionOutputTokens.toFixed(3)}`,
        }
      : none,
  };
}
