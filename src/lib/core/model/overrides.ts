/**
 * Architecture edits from the explorer's controls: a few numbers applied to a preset's spec.
 * The edited spec is validated like a parsed config; a bad combination throws ConfigError.
 */
import { ConfigError } from './errors.ts';
import { checkLimit, type LimitId } from './limits.ts';
import type { AttentionSpec, ModelSpec, MoeLayerPattern, MoeSpec } from './types.ts';
import { validateSpec } from './validate.ts';

export interface ArchValues {
  layers: number;
  hiddenSize: number;
  /** Routed experts per MoE layer (0 for a dense model). */
  experts: number;
  topK: number;
  sharedExperts: number;
  /** Width of one routed expert (its intermediate size). */
  expertFfn: number;
  /** Query heads (read-only here; KV heads and head_dim are editable for GQA). */
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Leading dense layers (DeepSeek's first_k_dense_replace). */
  denseLayers: number;
  /** Every n-th layer is MoE (Llama 4's interleave_moe_layer_step). */
  moeStep: number;
}

export type ArchOverrides = Partial<ArchValues>;

/** The current values of the editable architecture numbers. */
export function archValues(spec: ModelSpec): ArchValues {
  const a = spec.attention;
  return {
    layers: spec.layers,
    hiddenSize: spec.hiddenSize,
    experts: spec.moe?.experts ?? 0,
    topK: spec.moe?.topK ?? 0,
    sharedExperts: spec.moe?.shared?.count ?? 0,
    expertFfn: spec.moe?.expert.intermediateSize ?? 0,
    heads: a.heads,
    kvHeads: a.kind === 'gqa' ? a.kvHeads : a.kind === 'compressed' ? 1 : a.heads,
    headDim: a.kind === 'mla' ? a.qkNopeHeadDim + a.qkRopeHeadDim : a.headDim,
    denseLayers: spec.moeLayers.firstDense,
    moeStep: spec.moeLayers.step,
  };
}

/** The limit of each editable number (LIMITS), checked before anything is built from it. */
const OVERRIDE_LIMITS: Readonly<Record<keyof ArchValues, LimitId>> = {
  layers: 'layers',
  hiddenSize: 'hiddenSize',
  experts: 'experts',
  topK: 'topK',
  sharedExperts: 'sharedExperts',
  expertFfn: 'intermediateSize',
  heads: 'heads',
  kvHeads: 'heads',
  headDim: 'headDim',
  denseLayers: 'layers',
  moeStep: 'layers',
};

/**
 * The given overrides, each checked: a whole number, >= 0 for counts that may be zero, else
 * >= 1, and within its limit (LIMITS).
 */
function checkedOverrides(overrides: ArchOverrides): ArchOverrides {
  const o = Object.fromEntries(
    Object.entries(overrides).filter(([, v]) => v !== undefined),
  ) as ArchOverrides;
  for (const [field, value] of Object.entries(o) as [keyof ArchValues, number][]) {
    const min = field === 'sharedExperts' || field === 'denseLayers' ? 0 : 1;
    if (Object.hasOwn(OVERRIDE_LIMITS, field) && Number.isInteger(value))
      checkLimit(field, value, OVERRIDE_LIMITS[field]);
    if (!Number.isSafeInteger(value) || value < min) {
      throw new ConfigError(
        field,
        value,
        min === 0 ? 'a whole number >= 0' : 'a whole number >= 1',
      );
    }
  }
  return o;
}

/** KV heads and head dim edit GQA attention; MLA and DeepSeek-V4's keep theirs. */
function editAttention(attention: AttentionSpec, o: ArchOverrides): AttentionSpec {
  if (attention.kind !== 'gqa' || (o.kvHeads === undefined && o.headDim === undefined))
    return attention;
  return {
    ...attention,
    kvHeads: o.kvHeads ?? attention.kvHeads,
    headDim: o.headDim ?? attention.headDim,
  };
}

/** Experts, top-k, shared experts (new ones as wide as a routed expert) and expert width. */
function editMoe(moe: MoeSpec | null, o: ArchOverrides): MoeSpec | null {
  const touched =
    o.experts !== undefined ||
    o.topK !== undefined ||
    o.sharedExperts !== undefined ||
    o.expertFfn !== undefined;
  if (!moe) {
    if (o.experts || o.topK || o.sharedExperts || o.expertFfn)
      throw new ConfigError('experts', o.experts ?? o.topK, 'no expert settings for a dense model');
    return moe;
  }
  if (!touched) return moe;
  const expert = { ...moe.expert, intermediateSize: o.expertFfn ?? moe.expert.intermediateSize };
  const sharedCount = o.sharedExperts ?? moe.shared?.count ?? 0;
  const shared =
    sharedCount === 0
      ? null
      : moe.shared
        ? { ...moe.shared, count: sharedCount }
        : { count: sharedCount, mlp: { ...expert }, gate: false };
  return { ...moe, experts: o.experts ?? moe.experts, topK: o.topK ?? moe.topK, expert, shared };
}

/** The dense prefix and the interleave step; both need a dense MLP width and fit in the layers. */
function editMoeLayers(spec: ModelSpec, o: ArchOverrides, layers: number): MoeLayerPattern {
  if (o.denseLayers === undefined && o.moeStep === undefined) {
    if (spec.moeLayers.firstDense > layers)
      throw new ConfigError(
        'denseLayers',
        spec.moeLayers.firstDense,
        `at most the number of layers (${layers})`,
      );
    return spec.moeLayers;
  }
  const moeLayers = {
    ...spec.moeLayers,
    firstDense: o.denseLayers ?? spec.moeLayers.firstDense,
    step: o.moeStep ?? spec.moeLayers.step,
    offset: o.moeStep !== undefined ? o.moeStep - 1 : spec.moeLayers.offset,
  };
  if (moeLayers.firstDense > layers)
    throw new ConfigError(
      'denseLayers',
      moeLayers.firstDense,
      `at most the number of layers (${layers})`,
    );
  if (spec.denseMlp === null) {
    throw new ConfigError(
      'denseLayers',
      o.denseLayers ?? o.moeStep,
      'no dense layers: this model has no dense MLP width',
    );
  }
  return moeLayers;
}

/** `spec` with `overrides` applied; inputs are not mutated. Throws ConfigError on a bad value. */
export function applyOverrides(spec: ModelSpec, overrides: ArchOverrides): ModelSpec {
  const o = checkedOverrides(overrides);
  const attention = editAttention(spec.attention, o);
  const moe = editMoe(spec.moe, o);
  const layers = o.layers ?? spec.layers;
  const moeLayers = editMoeLayers(spec, o, layers);
  const edited: ModelSpec = {
    ...spec,
    layers,
    hiddenSize: o.hiddenSize ?? spec.hiddenSize,
    attention,
    moe,
    moeLayers,
  };
  validateSpec(edited);
  return edited;
}

/** Whether `spec` differs from `base` in any editable number. */
export function isEdited(base: ModelSpec, spec: ModelSpec): boolean {
  const a = archValues(base);
  const b = archValues(spec);
  return (Object.keys(a) as (keyof ArchValues)[]).some((k) => a[k] !== b[k]);
}
