/**
 * "How is this computed": each headline number as its formula and the same formula with the
 * current values substituted, from the same core functions that compute it.
 */
import { formatBytes, formatInteger, formatMilliseconds, type ByteUnit } from './format.ts';
import {
  kvBytesPerTokenPerLayer,
  stateBytesPerSequencePerLayer,
  stateElements,
} from '../serving/kv-cache.ts';
import { countMoeLayers } from '../model/layer-list.ts';
import { layerKind, mixerOf } from '../model/layers.ts';
import { stateMixerName } from '../model/mixers.ts';
import { mlpParams } from '../params/blocks.ts';
import type { ParamCount } from '../params/count.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import { sparseTopK } from '../serving/attention-flops.ts';
import { ENGINE_NAMES } from '../serving/engines.ts';
import { hasBlockScaledGemms } from '../serving/kernels.ts';
import { stagesRunInTurn } from '../serving/llamacpp-layout.ts';
import { isWeightOnlyInt4 } from '../serving/weight-formats.ts';
import { SGLANG_MAMBA_FULL_MEMORY_RATIO } from '../serving/state-pool.ts';
import type { ModelSpec } from '../model/types.ts';
import { kvDtypeBytes, type KvDtype } from '../serving/weight-formats.ts';

export interface Explanation {
  formula: string;
  substituted: string;
}

export type HeadlineId =
  'total' | 'active' | 'weights' | 'kvPerToken' | 'kvAtContext' | 'fits' | 'decode' | 'cost';

const n = formatInteger;

/** Total and active parameters: the sum over components, and what top-k leaves out. */
function paramExplanations(
  spec: ModelSpec,
  count: ParamCount,
): Record<'total' | 'active', Explanation> {
  const b = count.breakdown;
  const moe = spec.moe;
  const moeLayers = countMoeLayers(spec);
  const expert = moe ? mlpParams(spec.hiddenSize, moe.expert) : 0;
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
  };
}

/** Bytes per token per layer of the KV cache, with its factors. */
function kvPerLayerText(spec: ModelSpec, kvDtype: KvDtype): string {
  const kvLayer = kvBytesPerTokenPerLayer(spec.attention, kvDtype);
  const a = spec.attention;
  if (a.kind === 'gqa')
    return `2 (K, V) × ${a.kvHeads} KV heads × ${a.headDim} head dim × ${kvDtypeBytes(kvDtype)} B = ${n(kvLayer)} B`;
  if (a.kind === 'compressed')
    return `${a.headDim} (one key = value) × ${kvDtypeBytes(kvDtype)} B + the indexer key (FP8 with its scales) = ${n(kvLayer)} B per entry`;
  return `(${a.kvLoraRank} latent + ${a.qkRopeHeadDim} RoPE) × ${kvDtypeBytes(kvDtype)} B${a.indexer ? ' + the indexer key (FP8 with its scales)' : ''} = ${n(kvLayer)} B`;
}

/**
 * The fixed state of a model's linear-attention or state-space layers, per sequence: its
 * formula (kv-cache.ts `stateElements`, vLLM's state shapes) and its value; null without one.
 */
export function stateText(spec: ModelSpec): { formula: string; substituted: string } | null {
  const mixer = spec.stateMixer;
  if (!mixer) return null;
  let layers = 0;
  for (let i = 0; i < spec.layers; i++) if (mixerOf(layerKind(spec, i)) === 'state') layers++;
  const { conv, state } = stateElements(mixer);
  const perLayer = stateBytesPerSequencePerLayer(mixer);
  return {
    formula: `${stateMixerName(mixer)} layers × (convolution window × 2 B + recurrent state × 4 B): a fixed state per sequence, whatever its length (vLLM's state shapes: conv in BF16, state in FP32)`,
    substituted: `${layers} layers × (${n(conv)} × 2 B + ${n(state)} × 4 B) = ${n(layers * perLayer)} B per sequence`,
  };
}

/** The KV explanation, with the fixed state of linear-attention layers where there is one. */
function withState(spec: ModelSpec, kv: Explanation): Explanation {
  const state = stateText(spec);
  if (!state) return kv;
  return {
    formula: `batch × (Σ attention layers tokens kept × bytes per token per layer + ${state.formula})`,
    substituted: `${kv.substituted}; of it, per sequence, the state: ${state.substituted}`,
  };
}

/** Weights, KV cache and fit: the memory figures of the busiest device. */
function memoryExplanations(
  spec: ModelSpec,
  serving: ServingEstimate,
  kvDtype: KvDtype,
  unit: ByteUnit,
): Record<'weights' | 'kvPerToken' | 'kvAtContext' | 'fits', Explanation> {
  const bytes = (x: number) => formatBytes(x, unit);
  const growing = serving.kvBytesPerToken / kvBytesPerTokenPerLayer(spec.attention, kvDtype);
  return {
    weights: {
      formula:
        'Σ components parameters × bits per parameter / 8 (routed experts, Linear layers, embeddings and norms each in their own format)',
      substituted: `experts ${serving.weightPlan.experts}, Linear ${serving.weightPlan.linear}, embeddings ${serving.weightPlan.embeddings}: ${n(serving.weightsBytes)} B = ${bytes(serving.weightsBytes)}`,
    },
    kvPerToken:
      spec.attention.kind === 'compressed'
        ? {
            formula:
              'Σ compressing layers entry bytes / ratio (one entry per 4 tokens in CSA layers, per 128 in HCA layers)',
            substituted: `${kvPerLayerText(spec, kvDtype)}: ${n(Math.round(serving.kvBytesPerToken))} B per token`,
          }
        : {
            formula: 'layers that keep the whole context × bytes per token per layer',
            substituted: `${growing} layers × ${kvPerLayerText(spec, kvDtype)} = ${n(serving.kvBytesPerToken)} B per token`,
          },
    kvAtContext: withState(spec, {
      formula:
        'batch × Σ layers tokens kept × bytes per token per layer (windowed layers keep at most their window in the hybrid layout)',
      substituted: `${n(serving.kvBytes / Math.max(1, serving.kvBytesPerSequence))} × ${n(serving.kvBytesPerSequence)} B = ${bytes(serving.kvBytes)}`,
    }),
    fits: fitExplanation(serving, bytes),
  };
}

/**
 * The fit under the engine's memory policy (serving/runtime-memory.ts `engineMemory`, each
 * policy read from the engine's source: docs/research/serving-13.md).
 */
function fitExplanation(serving: ServingEstimate, bytes: (x: number) => string): Explanation {
  const p = serving.perDevice;
  const u = serving.assumptions.memory.utilization;
  const budget = bytes(serving.deviceBudgetBytes);
  const device = bytes(serving.deviceBytes);
  const sum = `${bytes(p.weightsBytes)} + ${bytes(p.kvBytes)} + ${bytes(p.activationBytes)} = ${bytes(serving.perDeviceBytes)} ${serving.fits ? '≤' : '>'}`;
  switch (serving.assumptions.memory.engine) {
    case 'vllm':
      return {
        formula:
          'busiest device: weights + KV cache + activation peak, sampler and communicators ≤ device memory × gpu_memory_utilization (vLLM)',
        substituted: `${sum} ${device} × ${u} = ${budget}`,
      };
    case 'sglang':
      return {
        formula:
          'busiest device: weights + KV cache ≤ mem_fraction_static × (device memory − CUDA context and communicators) (SGLang; activations and CUDA graphs live outside the pool)' +
          // state-pool.ts: SGLang's split for hybrid models
          (serving.stateBytesPerSequence > 0
            ? `; a hybrid model's KV cache gets 1 / ${1 + SGLANG_MAMBA_FULL_MEMORY_RATIO} of what the weights leave and its states the rest (mamba_full_memory_ratio ${SGLANG_MAMBA_FULL_MEMORY_RATIO}), a third of whose slots run at once`
            : ''),
        substituted: `${sum} ${u} × (${device} − context) = ${budget}`,
      };
    case 'trtllm':
      return {
        formula:
          'busiest device: weights + activations + KV cache ≤ weights + activations + free_gpu_memory_fraction × (device memory − weights − activations) (TensorRT-LLM)',
        substituted: `${sum} weights and activations + ${u} × what they leave of ${device} = ${budget}`,
      };
    case 'llamacpp':
      return {
        formula:
          'busiest device: weights + KV cache + compute buffer ≤ device memory less its CUDA context (llama.cpp)',
        substituted: `${sum} ${device} less the context = ${budget}`,
      };
  }
}

/**
 * What a device sustains of its listed peaks, where it is less than the parts the efficiencies
 * were fitted on: its matrix units (serving/sustained-compute.ts, AMD's measure) and its memory
 * (serving/sustained-bandwidth.ts, BabelStream against the H100's).
 */
function sustainedNotes(efficiency: ServingEstimate['assumptions']['efficiency']) {
  const share = efficiency.computeShare;
  const computeNote =
    share.bf16 < 1 || share.fp8 < 1
      ? ` (peak × ${share.fp8.toFixed(2)} at FP8 and × ${share.bf16.toFixed(2)} at BF16: what the device sustains)`
      : '';
  const streamNote =
    efficiency.bandwidthShare < 1
      ? ` (bandwidth × ${efficiency.bandwidthShare.toFixed(3)}: what the device sustains)`
      : '';
  return { computeNote, streamNote };
}

/**
 * A decode step's fixed time: by layer where the engine counts it so (llama.cpp:
 * serving/llamacpp-efficiency.ts), with what block-scaled GEMMs add on AMD CDNA3
 * (serving/kernels.ts CDNA3_BLOCK_SCALED_GEMM_SECONDS).
 */
function overheadText(serving: ServingEstimate): string {
  const d = serving.decode;
  const { efficiency } = serving.assumptions;
  const blockScaled = hasBlockScaledGemms(serving.weightPlan)
    ? efficiency.blockScaledGemmSeconds
    : 0;
  const perLayer = efficiency.layerOverheadSeconds;
  return (
    formatMilliseconds(d.overheadSeconds) +
    (perLayer !== undefined && perLayer > 0
      ? ` (${n(Math.round(d.overheadSeconds / perLayer))} layers × ${Number((perLayer * 1e6).toPrecision(6))} µs)`
      : '') +
    (blockScaled > 0
      ? ` (with ${Number((blockScaled * 1e6).toPrecision(6))} µs more per block-scaled GEMM)`
      : '')
  );
}

/** Decode speed and cost: the roofline step and the price of its tokens. */
function speedExplanations(
  serving: ServingEstimate,
  spec: ModelSpec,
  unit: ByteUnit,
): Record<'decode' | 'cost', Explanation> {
  const d = serving.decode;
  const ms = formatMilliseconds;
  const overhead = overheadText(serving);
  // INT4 weight-only experts off Blackwell (assumptions.ts W4A16_MOE_BANDWIDTH_SHARE).
  const int4Share = serving.assumptions.efficiency.int4ExpertBandwidth;
  const int4Note =
    isWeightOnlyInt4(serving.weightPlan.experts) && int4Share < 1
      ? ` (INT4 experts at ${int4Share} of the expert bandwidth)`
      : '';
  // DeepSeek Sparse Attention reads its top-k and the indexer's keys (serving/kv-cache.ts).
  const topK = sparseTopK(spec);
  const memoryNote =
    int4Note +
    (topK !== null && d.kvReadBytes < serving.perDevice.kvBytes
      ? ` (DSA reads each query's top ${formatInteger(topK)} tokens and every token's indexer key: ${formatBytes(d.kvReadBytes, unit)} of the ${formatBytes(serving.perDevice.kvBytes, unit)} cached)`
      : '');
  // An eager step (serving/eager.ts): a batch past the engine's CUDA-graph batch, issued op by op.
  const { memory, efficiency } = serving.assumptions;
  const eager =
    d.launchSeconds > 0 &&
    efficiency.eagerKernelSeconds > 0 &&
    efficiency.launchSecondsPerLayer === 0
      ? ` (${ENGINE_NAMES[memory.engine]} runs a batch past its CUDA-graph batch of ${memory.cudaGraphMaxBatch} eagerly, ${Number((efficiency.eagerKernelSeconds * 1e6).toPrecision(6))} µs a kernel)`
      : '';
  const { computeNote, streamNote } = sustainedNotes(efficiency);
  // The terms are the slowest pipeline stage's (serving/speed.ts `decodeStep`).
  const { pp } = serving.layout;
  const stages =
    pp > 1
      ? `; slowest of ${pp} stages ${ms(d.seconds)}, ${stagesRunInTurn(memory.engine) ? 'the stages in turn, the whole batch through each' : 'each on a micro-batch of its own'}`
      : '';
  return {
    decode: {
      formula:
        'step = max(Σ kernels max(bytes / (bandwidth × efficiency), FLOPs / (peak × efficiency)) + layers × overhead + communication, host launch); host launch = layers × launch, or kernels × eager time for a pass run without CUDA graphs; tokens/s = batch / step',
      // A synchronous scheduler's wait (vLLM before v0.14: the Engine section's checkbox, the
      // CLI's --no-async-scheduling).
      // Piecewise CUDA graphs' launches (vLLM before v0.11: the checkbox beside it, the CLI's
      // --cuda-graphs piecewise), when they bound the step.
      substituted: `memory ${ms(d.memorySeconds)}${streamNote}${memoryNote}, compute ${ms(d.computeSeconds)}${computeNote}, overhead ${overhead}, communication ${ms(d.communicationSeconds)}${d.launchSeconds > 0 ? `, host launch ${ms(d.launchSeconds)}${eager}` : ''}${d.schedulingSeconds > 0 ? `, scheduling ${ms(d.schedulingSeconds)}` : ''}${stages} → step ${ms(d.stepSeconds)}; ${n(d.tokensPerSecond)} tokens/s`,
    },
    cost: {
      formula: '$ per million output tokens = GPUs × $/GPU-hour / (tokens/s × 3600) × 10⁶',
      substituted: `${serving.layout.devices} × $${serving.usdPerDeviceHour} / (${n(d.tokensPerSecond)} × 3600) × 10⁶ = $${serving.costPerMillionOutputTokens.toFixed(3)}`,
    },
  };
}

/** Formulas for the headline numbers, with the current values substituted. */
export function explain(
  spec: ModelSpec,
  count: ParamCount,
  serving: ServingEstimate | null,
  kvDtype: KvDtype,
  unit: ByteUnit,
): Record<HeadlineId, Explanation> {
  const none = { formula: 'Not available: the deployment settings are invalid.', substituted: '' };
  const params = paramExplanations(spec, count);
  if (!serving) {
    return {
      ...params,
      weights: none,
      kvPerToken: none,
      kvAtContext: none,
      fits: none,
      decode: none,
      cost: none,
    };
  }
  return {
    ...params,
    ...memoryExplanations(spec, serving, kvDtype, unit),
    ...speedExplanations(serving, spec, unit),
  };
}
