/**
 * The explorer's controls as data: label, unit, hint and range of every slider. Components read
 * these; no range or default is repeated in a component.
 */
import type { ArchValues } from '../model/overrides.ts';
import type { ModelSpec } from '../model/types.ts';

export type ControlId =
  | 'layers'
  | 'hiddenSize'
  | 'experts'
  | 'topK'
  | 'sharedExperts'
  | 'expertFfn'
  | 'kvHeads'
  | 'headDim'
  | 'denseLayers'
  | 'moeStep'
  | 'context'
  | 'batch'
  | 'devices'
  | 'skew'
  | 'capacityFactor'
  | 'usdPerHour';

export interface ControlRange {
  id: ControlId;
  /** The accessible label, exactly as a person and a screen reader see it. */
  label: string;
  unit: string;
  hint: string;
  min: number;
  max: number;
  /** Integer controls step by 1; fractional ones by `step`. */
  step: number;
  /** Log sliders move by factors (context, batch, devices). */
  scale: 'linear' | 'log';
  group: 'architecture' | 'routing' | 'deployment';
}

export const CONTROLS: Readonly<Record<ControlId, ControlRange>> = {
  layers: {
    id: 'layers',
    label: 'Layers',
    unit: 'layers',
    hint: 'Decoder layers',
    min: 1,
    max: 256,
    step: 1,
    scale: 'linear',
    group: 'architecture',
  },
  hiddenSize: {
    id: 'hiddenSize',
    label: 'Hidden size',
    unit: 'dims',
    hint: 'Width of the residual stream',
    min: 64,
    max: 32768,
    step: 1,
    scale: 'linear',
    group: 'architecture',
  },
  kvHeads: {
    id: 'kvHeads',
    label: 'KV heads',
    unit: 'heads',
    hint: 'Key/value heads (GQA); 1 is MQA, all query heads is MHA',
    min: 1,
    max: 256,
    step: 1,
    scale: 'linear',
    group: 'architecture',
  },
  headDim: {
    id: 'headDim',
    label: 'Head dim',
    unit: 'dims',
    hint: 'Width of one attention head',
    min: 16,
    max: 512,
    step: 1,
    scale: 'linear',
    group: 'architecture',
  },
  denseLayers: {
    id: 'denseLayers',
    label: 'Dense prefix',
    unit: 'layers',
    hint: 'Leading layers with a dense MLP instead of experts',
    min: 0,
    max: 256,
    step: 1,
    scale: 'linear',
    group: 'architecture',
  },
  moeStep: {
    id: 'moeStep',
    label: 'Interleave step',
    unit: 'layers',
    hint: 'Interleave step: 1 = every layer is MoE, 2 = every other',
    min: 1,
    max: 8,
    step: 1,
    scale: 'linear',
    group: 'architecture',
  },
  experts: {
    id: 'experts',
    label: 'Routed experts',
    unit: 'experts',
    hint: 'Experts per MoE layer',
    min: 1,
    max: 1024,
    step: 1,
    scale: 'linear',
    group: 'routing',
  },
  topK: {
    id: 'topK',
    label: 'Active experts per token',
    unit: 'experts',
    hint: 'Routed experts each token uses (top-k)',
    min: 1,
    max: 64,
    step: 1,
    scale: 'linear',
    group: 'routing',
  },
  sharedExperts: {
    id: 'sharedExperts',
    label: 'Shared experts',
    unit: 'experts',
    hint: 'Experts every token uses',
    min: 0,
    max: 8,
    step: 1,
    scale: 'linear',
    group: 'routing',
  },
  expertFfn: {
    id: 'expertFfn',
    label: 'Expert FFN size',
    unit: 'dims',
    hint: 'Intermediate width of one expert',
    min: 64,
    max: 65536,
    step: 1,
    scale: 'linear',
    group: 'routing',
  },
  skew: {
    id: 'skew',
    label: 'Routing skew',
    unit: 'Zipf s',
    hint: '0 = uniform routing; higher concentrates tokens on few experts',
    min: 0,
    max: 2,
    step: 0.05,
    scale: 'linear',
    group: 'routing',
  },
  capacityFactor: {
    id: 'capacityFactor',
    label: 'Capacity factor',
    unit: '× mean',
    hint: 'Tokens an expert takes before dropping, over the mean',
    min: 0.5,
    max: 4,
    step: 0.05,
    scale: 'linear',
    group: 'routing',
  },
  context: {
    id: 'context',
    label: 'Context length',
    unit: 'tokens',
    hint: 'Tokens per sequence: 10M is 10,000,000; 128Ki is 131,072',
    min: 1,
    max: 16 * 2 ** 20,
    step: 1,
    scale: 'log',
    group: 'deployment',
  },
  batch: {
    id: 'batch',
    label: 'Batch size',
    unit: 'sequences',
    hint: 'Concurrent sequences of the deployment',
    min: 1,
    max: 65536,
    step: 1,
    scale: 'log',
    group: 'deployment',
  },
  devices: {
    id: 'devices',
    label: 'GPUs',
    unit: 'devices',
    hint: 'Devices in the deployment',
    min: 1,
    max: 1024,
    step: 1,
    scale: 'log',
    group: 'deployment',
  },
  usdPerHour: {
    id: 'usdPerHour',
    label: '$/GPU-hour',
    unit: 'USD',
    hint: 'Price of one device-hour',
    min: 0,
    max: 50,
    step: 0.01,
    scale: 'linear',
    group: 'deployment',
  },
};

/** A control's range, or a range of its own (the Training view's: training-settings.ts). */
export type SliderRange = Pick<ControlRange, 'min' | 'max' | 'step' | 'scale'>;
const rangeOf = (id: ControlId | SliderRange) => (typeof id === 'string' ? CONTROLS[id] : id);

/** Clamps and rounds a value to a control's range: what a slider can hold. */
export function clampToControl(id: ControlId | SliderRange, value: number): number {
  const c = rangeOf(id);
  // A multiple of a fractional step, rounded to the step's decimals: Math.round(1.45 / 0.05) *
  // 0.05 is 1.4500000000000002 in binary floating point, which a field and a link would show.
  const decimals = String(c.step).split('.')[1]?.length ?? 0;
  const stepped =
    c.step === 1
      ? Math.round(value)
      : Number((Math.round(value / c.step) * c.step).toFixed(decimals));
  return Math.min(c.max, Math.max(c.min, stepped));
}

/**
 * The value a native range input holds for a control: the value itself for linear controls (so
 * a slider set to 2 means 2), 100 x log2(value) for log controls (context, batch, GPUs).
 */
export function sliderPosition(id: ControlId | SliderRange, value: number): number {
  const c = rangeOf(id);
  return c.scale === 'log' ? Math.round(100 * Math.log2(Math.max(value, 1))) : value;
}

/** The control value at a range input's value (the inverse of `sliderPosition`), clamped. */
export function sliderValue(id: ControlId | SliderRange, position: number): number {
  const c = rangeOf(id);
  return clampToControl(id, c.scale === 'log' ? 2 ** (position / 100) : position);
}

/** The range input's min, max and step for a control. */
export function sliderBounds(id: ControlId | SliderRange): Omit<SliderRange, 'scale'> {
  const c = rangeOf(id);
  if (c.scale === 'log')
    return { min: sliderPosition(id, c.min), max: sliderPosition(id, c.max), step: 1 };
  return { min: c.min, max: c.max, step: c.step };
}

/** The architecture controls: the editable numbers of `ArchValues` that have a slider. */
export type ArchControlId = Exclude<keyof ArchValues, 'heads'> & ControlId;

/** What a control allows right now: a maximum tighter than its range, and whether it applies. */
export interface ControlLimit {
  max: number;
  disabled: boolean;
}

/**
 * Each architecture control's limit for a model: KV heads up to the query heads, the dense
 * prefix up to the layers, top-k up to the routed experts; attention sizes do not apply to MLA,
 * expert settings not to a dense model, dense-layer settings not to a model without a dense MLP.
 */
export function archControlLimits(
  spec: ModelSpec,
  arch: ArchValues,
): Record<ArchControlId, ControlLimit> {
  const mla = spec.attention.kind !== 'gqa'; // MLA, or DeepSeek-V4's compressed MQA
  const dense = spec.moe === null;
  const noDenseMlp = dense || spec.denseMlp === null;
  const limit = (id: ArchControlId, disabled: boolean, max = CONTROLS[id].max) => ({
    max: Math.min(CONTROLS[id].max, max),
    disabled,
  });
  return {
    layers: limit('layers', false),
    hiddenSize: limit('hiddenSize', false),
    kvHeads: limit('kvHeads', mla, arch.heads),
    headDim: limit('headDim', mla),
    denseLayers: limit('denseLayers', noDenseMlp, arch.layers),
    moeStep: limit('moeStep', noDenseMlp),
    experts: limit('experts', dense),
    topK: limit('topK', dense, Math.max(1, arch.experts)),
    sharedExperts: limit('sharedExperts', dense),
    expertFfn: limit('expertFfn', dense),
  };
}
