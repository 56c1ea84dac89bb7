import type { AttentionLayerKind, LayerMixer, ModelSpec, MoeLayerPattern } from './types.ts';

/** Each listed-dense array as a Set, made once: a lookup per layer stays O(1), not O(layers). */
const denseSets = new WeakMap<readonly number[], ReadonlySet<number>>();

function denseSet(list: readonly number[]): ReadonlySet<number> {
  let set = denseSets.get(list);
  if (!set) denseSets.set(list, (set = new Set(list)));
  return set;
}

/**
 * Whether decoder layer `index` is a MoE layer under `pattern`.
 * Layer i is MoE when i >= firstDense, i % step === offset and i is not listed as dense.
 *
 * @example isMoeLayer({ firstDense: 0, step: 2, offset: 1, denseLayers: [] }, 3) // true (Llama 4 Maverick)
 */
export function isMoeLayer(pattern: MoeLayerPattern, index: number): boolean {
  return (
    index >= pattern.firstDense &&
    index % pattern.step === pattern.offset &&
    (pattern.denseLayers.length === 0 || !denseSet(pattern.denseLayers).has(index))
  );
}

/** The kind of layer `index`: the prefix's entry, else the repeating pattern's. */
export function layerKind(spec: ModelSpec, index: number): AttentionLayerKind {
  const prefix = spec.attentionPrefix ?? [];
  const pattern = spec.attentionPattern;
  return index < prefix.length
    ? prefix[index]!
    : pattern[(index - prefix.length) % pattern.length]!;
}

/** A layer kind's token mixer (softmax attention unless the pattern says otherwise). */
export function mixerOf(kind: AttentionLayerKind): LayerMixer {
  return kind.mixer ?? 'attention';
}

/**
 * Whether a layer of this kind holds a lightning indexer: the MLA's (DSA), unless the layer
 * shares another's top-k (GLM-5.2's IndexShare); DeepSeek-V4's, in the layers that compress by 4.
 */
export function hasIndexer(spec: ModelSpec, kind: AttentionLayerKind): boolean {
  const a = spec.attention;
  return a.kind !== 'gqa' && (a.indexer ?? null) !== null && kind.indexer !== false;
}

/** Whether a layer kind has a feed-forward block (all but Nemotron-H's mixer-only blocks). */
export function hasFfn(kind: AttentionLayerKind): boolean {
  return kind.ffn ?? true;
}
