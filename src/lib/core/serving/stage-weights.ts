/**
 * Weight bytes on one device: of a decoder layer, and of a pipeline stage with the embedding (first
 * stage) or the LM head and final norm (last), as the engine splits and pads them.
 */
import type { DeploymentInput } from './deployment.ts';
import { expertPaddingOf } from './expert-padding.ts';
import type { LayerParams } from '../params/count.ts';
import { mixerParamsOnRank } from './tensor-split.ts';
import { componentFormat, paramBytes } from './weights.ts';

/**
 * Weight bytes of one decoder layer on one device: attention (mixerParamsOnRank), shared experts
 * and dense FFN split `tp` ways, norms and router replicated, routed experts split by expert
 * (ep > 1: the busiest device holds ceil(E / ep) of them, each split tp / ep ways when ep < tp;
 * parallel.ts) or by tensor (tp), as the engine pads them (expert-padding.ts).
 */
export function layerWeightsBytes(
  d: Pick<DeploymentInput, 'plan' | 'layout' | 'spec' | 'device' | 'memory'>,
  l: LayerParams,
): number {
  const { plan, layout, spec } = d;
  const f = (key: Parameters<typeof componentFormat>[0]) => componentFormat(key, plan);
  let bytes =
    paramBytes(mixerParamsOnRank(spec, l, layout.tp), f('attention')) +
    (paramBytes(l.sharedExperts, f('sharedExperts')) + paramBytes(l.denseFfn, f('denseFfn'))) /
      layout.tp +
    paramBytes(l.norms, f('norms')) +
    paramBytes(l.router, f('router'));
  if (l.routedExperts > 0 && spec.moe) {
    const perExpert =
      paramBytes(l.routedExperts / spec.moe.experts, f('routedExperts')) * expertPaddingOf(d);
    // ep > 1: ceil(E / ep) whole experts, each split the tp / ep ways left when ep < tp.
    bytes +=
      layout.ep > 1
        ? (Math.ceil(spec.moe.experts / layout.ep) * perExpert) / (layout.expertShards / layout.ep)
        : (perExpert * spec.moe.experts) / layout.tp;
  }
  return bytes;
}

/** Weight bytes one device of a stage holds. */
export function stageWeightsBytes(
  d: DeploymentInput,
  layers: number[],
  first: boolean,
  last: boolean,
): number {
  const { count, plan, layout } = d;
  const f = (key: Parameters<typeof componentFormat>[0]) => componentFormat(key, plan);
  let bytes = 0;
  // Layers of one kind share their LayerParams (params/layer-kinds.ts): each is priced once, and
  // the sum still runs layer by layer, in order, as it always has.
  const priced = new Map<LayerParams, number>();
  for (const i of layers) {
    const l = count.layers[i]!;
    let layerBytes = priced.get(l);
    if (layerBytes === undefined) priced.set(l, (layerBytes = layerWeightsBytes(d, l)));
    bytes += layerBytes;
  }
  const b = count.breakdown;
  if (first)
    bytes +=
      (paramBytes(b.embedding, f('embedding')) + paramBytes(b.vision, f('vision'))) / layout.tp;
  if (last) {
    const layerNorms = count.layers.reduce((s, l) => s + l.norms, 0);
    bytes +=
      paramBytes(b.lmHead, f('lmHead')) / layout.tp + paramBytes(b.norms - layerNorms, f('norms'));
  }
  return Math.ceil(bytes);
}
