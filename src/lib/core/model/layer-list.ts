/**
 * The layers one by one, for the views, the serving model and the CLI: each layer resolved, which
 * hold experts, whether any attends within a window. Apart from layers.ts, whose rules the page's
 * first download needs for the counts; these only later parts read.
 */
import { hasFfn, isMoeLayer, layerKind, mixerOf } from './layers.ts';
import type { LayerSpec, ModelSpec } from './types.ts';

/**
 * Whether some attention layer sees only a window of the context (sliding or chunked): only then
 * do the two KV layouts differ (serving/kv-cache.ts `keptTokens`), as DeepSeek-V3's or Kimi K2's
 * layers all attend to every token.
 *
 * @example hasWindowedAttention(scout) // true: 36 of its 48 layers attend in chunks of 8,192
 */
export function hasWindowedAttention(spec: ModelSpec): boolean {
  const kinds = Math.min(
    spec.layers,
    (spec.attentionPrefix?.length ?? 0) + spec.attentionPattern.length,
  );
  for (let i = 0; i < kinds; i++) {
    const kind = layerKind(spec, i);
    if (mixerOf(kind) === 'attention' && kind.window.kind !== 'global') return true;
  }
  return false;
}

/** Whether layer `index` of `spec` holds routed experts. */
export function isExpertLayer(spec: ModelSpec, index: number): boolean {
  return spec.moe !== null && hasFfn(layerKind(spec, index)) && isMoeLayer(spec.moeLayers, index);
}

/** The number of MoE layers of a model (0 for a dense model). */
export function countMoeLayers(spec: ModelSpec): number {
  if (spec.moe === null) return 0;
  let n = 0;
  for (let i = 0; i < spec.layers; i++) if (isExpertLayer(spec, i)) n++;
  return n;
}

/** One resolved `LayerSpec` per decoder layer, in order. */
export function expandLayers(spec: ModelSpec): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let index = 0; index < spec.layers; index++) {
    const kind = layerKind(spec, index);
    const ffn: LayerSpec['ffn'] = !hasFfn(kind)
      ? { kind: 'none' }
      : isExpertLayer(spec, index)
        ? { kind: 'moe', moe: spec.moe! }
        : { kind: 'dense', mlp: spec.denseMlp! };
    layers.push({ index, attention: spec.attention, kind, mixer: mixerOf(kind), ffn });
  }
  return layers;
}
