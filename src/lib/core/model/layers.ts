import type {
  AttentionLayerKind,
  LayerMixer,
  LayerSpec,
  ModelSpec,
  MoeLayerPattern,
} from './types.ts';

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

/** The kind of layer `index`: the repeating pattern's entry. */
export function layerKind(spec: ModelSpec, index: number): AttentionLayerKind {
  return spec.attentionPattern[index % spec.attentionPattern.length]!;
}

/** A layer kind's token mixer (softmax attention unless the pattern says otherwise). */
export function mixerOf(kind: AttentionLayerKind): LayerMixer {
  return kind.mixer ?? 'attention';
}

/**
 * Whether some attention layer sees only a window of the context (sliding or chunked): only then
 * do the two KV layouts differ (serving/kv-cache.ts `keptTokens`), as DeepSeek-V3's or Kimi K2's
 * layers all attend to every token.
 *
 * @example hasWindowedAttention(scout) // true: 36 of its 48 layers attend in chunks of 8,192
 */
export function hasWindowedAttention(spec: ModelSpec): boolean {
  const kinds = Math.min(spec.layers, spec.attentionPattern.length);
  for (let i = 0; i < kinds; i++) {
    const kind = layerKind(spec, i);
    if (mixerOf(kind) === 'attention' && kind.window.kind !== 'global') return true;
  }
  return false;
}

/**
 * Whether a layer of this kind holds DSA's lightning indexer: the MLA's indexer, unless the layer
 * shares another's top-k (GLM-5.2's IndexShare).
 */
export function hasIndexer(spec: ModelSpec, kind: AttentionLayerKind): boolean {
  const a = spec.attention;
  return a.kind === 'mla' && (a.indexer ?? null) !== null && kind.indexer !== false;
}

/** Whether a layer kind has a feed-forward block (all but Nemotron-H's mixer-only blocks). */
export function hasFfn(kind: AttentionLayerKind): boolean {
  return kind.ffn ?? true;
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
