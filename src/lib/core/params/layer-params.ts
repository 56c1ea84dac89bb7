/**
 * Parameters of one decoder layer, by part, and of the multi-token-prediction modules. Shapes
 * follow the transformers modeling files named in blocks.ts; count.ts adds the layers up.
 */
import { hasFfn, hasIndexer, layerKind, mixerOf } from '../model/layers.ts';
import type { AttentionLayerKind, LayerMixer, ModelSpec } from '../model/types.ts';
import { compressedBlocks, hyperConnectionParams } from '../model/family-blocks.ts';
import {
  attentionParams,
  indexerParams,
  mlpParams,
  normParams,
  routerParams,
  sharedExpertParams,
  stateMixerParams,
} from './blocks.ts';

export interface LayerParams {
  index: number;
  /** The token mixer, whose parameters are `attention`: softmax attention or a stateful mixer. */
  mixer: LayerMixer;
  ffn: 'dense' | 'moe' | 'none';
  /** The token mixer's parameters (attention, or linear attention / state-space). */
  attention: number;
  norms: number;
  router: number;
  /** All routed experts of the layer. */
  routedExperts: number;
  /** The top-k routed experts one token uses. */
  routedExpertsActive: number;
  sharedExperts: number;
  denseFfn: number;
  /** DeepSeek-V4's hyper-connection maps of the layer; 0 elsewhere. */
  hyperConnections: number;
  total: number;
  active: number;
}

/**
 * The parameters of a layer's token mixer: attention (less the lightning indexer where the layer
 * shares another's, GLM-5.2's IndexShare), a stateful mixer, or none.
 */
function mixerParams(spec: ModelSpec, mixer: LayerMixer, kind: AttentionLayerKind): number {
  if (mixer === 'attention') {
    const a = spec.attention;
    const h = spec.hiddenSize;
    // DeepSeek-V4's layers differ in their compressor and indexer (family-blocks.ts).
    if (a.kind === 'compressed') return compressedBlocks().attention(h, a, kind);
    const all = attentionParams(h, a);
    return a.kind === 'mla' && !hasIndexer(spec, kind) ? all - indexerParams(h, a) : all;
  }
  if (mixer === 'state') return stateMixerParams(spec.hiddenSize, spec.stateMixer!);
  return 0;
}

/**
 * Parameters of one decoder layer, MoE or dense, of the pattern's kind for `index` unless `kind`
 * is given (an MTP layer, past the last).
 */
export function layerParams(
  spec: ModelSpec,
  index: number,
  moeLayer: boolean,
  kind: AttentionLayerKind = layerKind(spec, index),
): LayerParams {
  const h = spec.hiddenSize;
  const mixer = mixerOf(kind);
  const withFfn = hasFfn(kind);
  const attention = mixerParams(spec, mixer, kind);
  // One norm before each sublayer: input_layernorm and post_attention_layernorm in every family
  // read; Nemotron-H's blocks hold one sublayer and one `norm` (models/nemotron_h).
  const norms = ((mixer === 'none' ? 0 : 1) + (withFfn ? 1 : 0)) * normParams(h, spec.norm);
  const moe = withFfn && moeLayer ? spec.moe : null;
  let router = 0;
  let routedExperts = 0;
  let routedExpertsActive = 0;
  let sharedExperts = 0;
  let denseFfn = 0;
  if (moe) {
    const expert = mlpParams(h, moe.expert);
    // A hash-routed layer stores its token-to-expert table, not a score-correction bias.
    router = routerParams(h, moe) - (kind.hashRouted && moe.scoreCorrectionBias ? moe.experts : 0);
    routedExperts = moe.experts * expert;
    routedExpertsActive = Math.min(moe.topK, moe.experts) * expert;
    sharedExperts = sharedExpertParams(h, moe);
    denseFfn = moe.residualDense ? mlpParams(h, moe.residualDense) : 0;
  } else if (withFfn && spec.denseMlp) {
    denseFfn = mlpParams(h, spec.denseMlp);
  }
  const hyperConnections = hyperConnectionParams(h, spec.hyperConnections);
  const common = attention + norms + router + sharedExperts + denseFfn + hyperConnections;
  return {
    index,
    mixer,
    ffn: moe ? 'moe' : withFfn ? 'dense' : 'none',
    attention,
    norms,
    router,
    routedExperts,
    routedExpertsActive,
    sharedExperts,
    denseFfn,
    hyperConnections,
    total: common + routedExperts,
    active: common + routedExpertsActive,
  };
}

/** An MTP module's layer: softmax attention over the whole context and the MoE block (Qwen3-Next's `mtp.layers.0` is a full-attention layer too). */
const MTP_LAYER: AttentionLayerKind = { window: { kind: 'global' }, rope: true };

/**
 * Multi-token-prediction modules (DeepSeek-V3 report, section 2.2; the checkpoint's
 * `model.layers.61.*`): per module one MoE decoder layer, enorm and hnorm (h each),
 * eh_proj Linear(2h, h) and shared_head.norm (h); DeepSeek-V4's (`mtp.0.*`: e_proj and h_proj,
 * h x h each) also collapse their own hyper-connections (`hc_head_*`). The embedding and output
 * head are shared with the main model and not counted again.
 */
export function mtpParams(spec: ModelSpec): number {
  if (spec.mtp === null || spec.mtp.modules === 0) return 0;
  const h = spec.hiddenSize;
  const kind = spec.mtp.kind ?? MTP_LAYER;
  const layer = layerParams(spec, spec.layers, spec.moe !== null, kind).total;
  const head = hyperConnectionParams(h, spec.hyperConnections, true);
  return spec.mtp.modules * (layer + 3 * normParams(h, spec.norm) + 2 * h * h + head);
}

/** A layer's counts under another index: an object literal, faster than a spread per layer. */
export function withIndex(l: LayerParams, index: number): LayerParams {
  return {
    index,
    mixer: l.mixer,
    ffn: l.ffn,
    attention: l.attention,
    norms: l.norms,
    router: l.router,
    routedExperts: l.routedExperts,
    routedExpertsActive: l.routedExpertsActive,
    sharedExperts: l.sharedExperts,
    denseFfn: l.denseFfn,
    hyperConnections: l.hyperConnections,
    total: l.total,
    active: l.active,
  };
}
