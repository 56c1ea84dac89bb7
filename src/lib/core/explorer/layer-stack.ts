/**
 * The architecture view's data: every decoder layer resolved, which attention kinds and FFN
 * kinds occur, and the stack in words (its text alternative).
 */
import { expandLayers } from '../model/layers.ts';
import type { ModelSpec } from '../model/types.ts';
import { attentionLabel, describeLayers, type LayerAttentionLabel } from './layer-summary.ts';

/** One decoder layer as the stack draws it. */
export interface StackLayer {
  index: number;
  attention: LayerAttentionLabel;
  /** false for NoPE layers (Llama 4's global layers). */
  rope: boolean;
  ffn: 'dense' | 'moe';
}

export interface LayerStackView {
  name: string;
  layers: StackLayer[];
  description: string;
  /** Attention kinds that occur, in layer order. */
  attentionKinds: LayerAttentionLabel[];
  hasNope: boolean;
  hasDenseLayers: boolean;
  experts: number;
  sharedExperts: number;
  vocabSize: number;
  hiddenSize: number;
  tieEmbeddings: boolean;
  visionLayers: number | null;
  mtpModules: number;
}

/** What the stack drawing depends on: it is redrawn only when this changes (not on a top-k move). */
export function layerStackKey(spec: ModelSpec): string {
  return JSON.stringify([
    spec.name,
    spec.layers,
    spec.attentionPattern,
    spec.moeLayers,
    spec.attention.kind,
    spec.moe?.experts,
    spec.moe?.shared?.count,
    spec.vision?.layers,
    spec.mtp,
    spec.vocabSize,
    spec.hiddenSize,
    spec.tieEmbeddings,
  ]);
}

export function layerStackView(spec: ModelSpec): LayerStackView {
  const layers = expandLayers(spec).map((l): StackLayer => ({
    index: l.index,
    attention: attentionLabel(l),
    rope: l.kind.rope,
    ffn: l.ffn.kind,
  }));
  return {
    name: spec.name,
    layers,
    description: describeLayers(spec),
    attentionKinds: [...new Set(layers.map((l) => l.attention))],
    hasNope: layers.some((l) => !l.rope),
    hasDenseLayers: layers.some((l) => l.ffn === 'dense'),
    experts: spec.moe?.experts ?? 0,
    sharedExperts: spec.moe?.shared?.count ?? 0,
    vocabSize: spec.vocabSize,
    hiddenSize: spec.hiddenSize,
    tieEmbeddings: spec.tieEmbeddings,
    visionLayers: spec.vision?.layers ?? null,
    mtpModules: spec.mtp?.modules ?? 0,
  };
}
