/**
 * The decoder layers of a model grouped by kind, without walking every layer: what `countParams`
 * multiplies. Layer i's kind follows from i mod the attention pattern's length, i mod the MoE
 * step and whether i is past the dense prefix (model/layers.ts `isMoeLayer`), so past the prefix
 * the kinds repeat every lcm(pattern length, step) layers; the layers listed as dense are moved
 * apart one by one.
 */
import { ConfigError } from '../model/errors.ts';
import { layerKind } from '../model/layers.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';

/**
 * A layer kind's key: its mixer (attention 0, state 3, none 6, attention without its own
 * indexer 9: GLM-5.2's IndexShare) plus its feed-forward (none 0, dense 1, MoE 2). Alike layers
 * have alike parameters.
 */
export type LayerKey = number;

/** The layers of one kind: one of them, its pattern entry, and how many there are. */
export interface LayerGroup {
  key: LayerKey;
  /** The index of a layer of the kind (the first met). */
  first: number;
  /** Its attention pattern entry (alike layers have alike parameters, whatever their window). */
  kind: AttentionLayerKind;
  moe: boolean;
  count: number;
}

export interface LayerGroups {
  /** The groups, by key. */
  groups: LayerGroup[];
  /** The key of layer `index` (for the per-layer list). */
  keyOf: (index: number) => LayerKey;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

/**
 * Groups the layers of `spec` by kind. Work is O(firstDense + lcm(pattern, step) + listed dense
 * layers), not O(layers): Llama 4 Behemoth (94 layers, a pattern of 4, step 1) takes 4 steps.
 * A spec outside the validated ranges (a step below 1, a fractional size) is walked layer by
 * layer, with the same rule.
 *
 * @example groupLayers(deepseekV3).groups.map((g) => g.count) // [3, 58]: 3 dense, 58 MoE
 */
export function groupLayers(spec: ModelSpec): LayerGroups {
  const { layers, attentionPattern: pattern } = spec;
  const period = pattern.length;
  const { firstDense, step, offset, denseLayers } = spec.moeLayers;
  const hasMoe = spec.moe !== null;
  if (period === 0 && layers > 0)
    throw new ConfigError('layer_types', [], 'at least one layer kind'); // as validateSpec says
  // A prefix's layers (DeepSeek-V4's first) are walked one by one, as the dense prefix is.
  const prefix = spec.attentionPrefix ?? [];
  const first = prefix.length;
  const baseKey = denseKeys(pattern);
  const prefixKey = denseKeys(prefix);
  const dense = hasMoe && denseLayers.length > 0 ? new Set(denseLayers) : null;
  // Layer i by the rule alone (the listed dense layers are handled below).
  const ruleKey = (i: number): LayerKey => {
    const base = i < first ? prefixKey[i]! : baseKey[(i - first) % period]!;
    const moe = hasMoe && base % 3 === 1 && i >= firstDense && i % step === offset;
    return moe ? base + 1 : base;
  };
  const keyOf = (i: number): LayerKey => {
    const key = ruleKey(i);
    return dense !== null && key % 3 === 2 && dense.has(i) ? key - 1 : key;
  };

  const regular =
    Number.isSafeInteger(layers) &&
    Number.isSafeInteger(step) &&
    step >= 1 &&
    Number.isSafeInteger(offset) &&
    Number.isSafeInteger(firstDense);
  // Past the dense prefix, layer i and layer i + cycle are alike.
  const cycle = regular ? (period / greatestCommonDivisor(period, step)) * step : Infinity;
  const start = Math.max(firstDense, first, 0);
  const end = Math.min(layers, start + cycle);
  const groups = new Groups(spec);
  for (let i = 0; i < end; i++) {
    // Layers i, i + cycle, ... to the last are all of layer i's kind (before the prefix ends, i alone).
    groups.add(i, ruleKey(i), i < start ? 1 : Math.floor((layers - 1 - i) / cycle) + 1);
  }
  // A listed dense layer that the rule makes MoE: one fewer MoE layer of its kind, one more dense.
  for (const i of dense ?? []) {
    if (!Number.isInteger(i) || i < 0 || i >= layers) continue;
    const key = ruleKey(i);
    if (key % 3 === 2) groups.move(i, key, key - 1);
  }
  return { groups: groups.list(), keyOf };
}

/**
 * Each pattern entry's key as a dense layer: a MoE layer's is one more (key % 3 is 1 when the
 * layer has a feed-forward, which may hold the experts). DeepSeek-V4's kinds differ in their
 * compressor and in hash routing: window-only, HCA or CSA (its reader allows one ratio of each),
 * each hash-routed or not, keys 12 to 29.
 */
function denseKeys(pattern: readonly AttentionLayerKind[]): LayerKey[] {
  const keys = new Array<LayerKey>(pattern.length);
  for (let j = 0; j < pattern.length; j++) {
    const kind = pattern[j]!;
    const w = kind.window;
    const mixer =
      w.kind === 'compressed'
        ? 12 + 3 * ((kind.indexer !== false ? 2 : w.ratio > 0 ? 1 : 0) + (kind.hashRouted ? 3 : 0))
        : kind.mixer === 'state'
          ? 3
          : kind.mixer === 'none'
            ? 6
            : kind.indexer === false
              ? 9
              : 0;
    keys[j] = mixer + ((kind.ffn ?? true) ? 1 : 0);
  }
  return keys;
}

/** The groups met so far, by key. */
class Groups {
  readonly #byKey: (LayerGroup | undefined)[] = [];

  constructor(private readonly spec: ModelSpec) {}

  /** `count` more layers of `key`, layer `i` among them. */
  add(i: number, key: LayerKey, count: number): void {
    const group = this.#byKey[key];
    if (group !== undefined) group.count += count;
    else {
      const kind = layerKind(this.spec, i);
      this.#byKey[key] = { key, first: i, kind, moe: key % 3 === 2, count };
    }
  }

  /** Layer `i` is of `to`, not of `from`. */
  move(i: number, from: LayerKey, to: LayerKey): void {
    this.#byKey[from]!.count--;
    this.add(i, to, 1);
  }

  /** The groups with at least one layer, by key. */
  list(): LayerGroup[] {
    const groups: LayerGroup[] = [];
    for (const group of this.#byKey) if (group !== undefined && group.count > 0) groups.push(group);
    return groups;
  }
}
