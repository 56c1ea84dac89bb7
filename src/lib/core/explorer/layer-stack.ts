/**
 * The architecture view's data: every decoder layer resolved, which attention kinds and FFN
 * kinds occur, the size of each FFN block (so the drawing can show experts to scale), and the
 * stack in words and as table rows (its text alternatives).
 */
import { expandLayers } from '../model/layer-list.ts';
import { stateMixerName, type StateMixerSpec } from '../model/mixers.ts';
import type { LayerSpec, ModelSpec, MoeSpec } from '../model/types.ts';
import { attentionParams, indexerParams, mlpParams, stateMixerParams } from '../params/blocks.ts';
import { formatInteger } from './format.ts';
import {
  attentionLabel,
  compressedText,
  describeLayers,
  type LayerAttentionLabel,
} from './layer-summary.ts';

/** One decoder layer as the stack draws it. */
export interface StackLayer {
  index: number;
  attention: LayerAttentionLabel;
  /** false for NoPE layers (Llama 4's global layers). */
  rope: boolean;
  ffn: 'dense' | 'moe' | 'none';
  /** The layer's attention block, as named by the summary's rows. */
  attentionBlock: string;
  /** An MLA layer that reuses another layer's indexer and holds none (GLM-5.2's IndexShare). */
  sharedIndexer: boolean;
}

/**
 * Parameters of the blocks the stack draws, one of each: what sets their widths to scale.
 * Counted with params/blocks.ts (mlpParams, attentionParams), as the total is.
 */
export interface StackParams {
  /** One layer's attention block. */
  attention: number;
  /** Of that, DSA's lightning indexer, which a layer sharing another's does not hold (0: none). */
  indexer: number;
  /** One layer's linear-attention or state-space mixer (0 when there is none). */
  stateMixer: number;
  /** One routed expert (0 for a dense model). */
  expert: number;
  /** One shared expert (0 when there is none). */
  sharedExpert: number;
  /** One dense layer's MLP (0 when every layer is MoE). */
  denseFfn: number;
  /** Routed and shared experts per MoE layer (0 for a dense model). */
  moeExperts: number;
  sharedExperts: number;
}

/** A row of the stack's table: one kind of block, how many layers have it, which, its size. */
export interface StackSummaryRow {
  block: string;
  layers: number;
  /** Which layers, compressed: "all", "3, 7, 11, …, 47 (every 4th)", "0–2". */
  which: string;
  /** Parameters of the block in one layer. */
  params: number;
}

export interface LayerStackView {
  name: string;
  layers: StackLayer[];
  description: string;
  /** Attention kinds that occur, in layer order. */
  attentionKinds: LayerAttentionLabel[];
  hasNope: boolean;
  hasDenseLayers: boolean;
  /** The linear-attention or state-space mixer's name ("Gated DeltaNet"); null without one. */
  stateMixer: string | null;
  experts: number;
  sharedExperts: number;
  params: StackParams;
  /** The FFN blocks' names, as in the summary's rows. */
  ffnBlocks: Record<StackLayer['ffn'], string>;
  summary: StackSummaryRow[];
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
    spec.attentionPrefix,
    spec.attentionPattern,
    spec.stateMixer,
    spec.moeLayers,
    spec.attention,
    spec.moe?.experts,
    spec.moe?.expert,
    spec.moe?.shared,
    spec.denseMlp,
    spec.vision?.layers,
    spec.mtp,
    spec.vocabSize,
    spec.hiddenSize,
    spec.tieEmbeddings,
  ]);
}

/** The last layers made, to hand back while the stack's structure is unchanged. */
let lastLayers: { key: string; layers: StackLayer[] } | null = null;

/**
 * The layers as drawn. They depend on the structure only (not on block sizes), so while that is
 * unchanged the same array is returned: a view reading it is not redrawn on an expert-size move.
 */
function stackLayers(spec: ModelSpec): StackLayer[] {
  const key = JSON.stringify([
    spec.layers,
    spec.attentionPrefix,
    spec.attentionPattern,
    spec.stateMixer?.kind,
    spec.moeLayers,
    spec.attention.kind,
    spec.attention.kind === 'mla' && !!spec.attention.indexer,
    spec.moe !== null,
  ]);
  if (lastLayers?.key === key) return lastLayers.layers;
  const layers = expandLayers(spec).map((l): StackLayer => ({
    index: l.index,
    attention: attentionLabel(l),
    rope: l.kind.rope,
    ffn: l.ffn.kind,
    attentionBlock: attentionBlockName(l, spec.stateMixer ?? null, spec),
    sharedIndexer: l.attention.kind === 'mla' && !!l.attention.indexer && l.kind.indexer === false,
  }));
  lastLayers = { key, layers };
  return layers;
}

export function layerStackView(spec: ModelSpec): LayerStackView {
  const layers = stackLayers(spec);
  const ffnBlocks = {
    moe: spec.moe ? moeBlockName(spec.moe, spec.hiddenSize) : '',
    dense: DENSE_BLOCK,
    none: 'no FFN',
  };
  const h = spec.hiddenSize;
  const params: StackParams = {
    attention: attentionParams(h, spec.attention),
    indexer: spec.attention.kind === 'mla' ? indexerParams(h, spec.attention) : 0,
    stateMixer: spec.stateMixer ? stateMixerParams(h, spec.stateMixer) : 0,
    expert: spec.moe ? mlpParams(h, spec.moe.expert) : 0,
    sharedExpert: spec.moe?.shared ? mlpParams(h, spec.moe.shared.mlp) : 0,
    denseFfn:
      spec.denseMlp && layers.some((l) => l.ffn === 'dense') ? mlpParams(h, spec.denseMlp) : 0,
    moeExperts: spec.moe?.experts ?? 0,
    sharedExperts: spec.moe?.shared?.count ?? 0,
  };
  return {
    name: spec.name,
    layers,
    description: describeLayers(spec),
    attentionKinds: [...new Set(layers.map((l) => l.attention))],
    hasNope: layers.some((l) => !l.rope),
    hasDenseLayers: layers.some((l) => l.ffn === 'dense'),
    stateMixer: spec.stateMixer ? stateMixerName(spec.stateMixer) : null,
    experts: spec.moe?.experts ?? 0,
    sharedExperts: spec.moe?.shared?.count ?? 0,
    params,
    ffnBlocks,
    summary: summaryRows(layers, params, ffnBlocks),
    vocabSize: spec.vocabSize,
    hiddenSize: spec.hiddenSize,
    tieEmbeddings: spec.tieEmbeddings,
    visionLayers: spec.vision?.layers ?? null,
    mtpModules: spec.mtp?.modules ?? 0,
  };
}

/** "chunked attention (8,192 tokens)", "global attention, NoPE", "MLA". */
export function attentionBlockName(
  layer: LayerSpec,
  stateMixer: StateMixerSpec | null = null,
  spec: ModelSpec | null = null,
): string {
  const label = attentionLabel(layer);
  if (label === 'linear')
    return `${stateMixer ? stateMixerName(stateMixer) : 'linear attention'} (fixed state per sequence)`;
  if (label === 'none') return 'no mixer';
  if (label === 'mla') {
    const a = layer.attention;
    if (a.kind !== 'mla' || !a.indexer) return 'MLA attention';
    return layer.kind.indexer === false
      ? "MLA attention, sharing an indexer's top-k"
      : 'MLA attention with the DSA indexer';
  }
  const w = layer.kind.window;
  if ((label === 'csa' || label === 'hca') && spec)
    return `${compressedText(spec, layer)} attention`;
  const window = w.kind === 'global' ? '' : ` (${formatInteger(w.tokens)} tokens)`;
  return `${label} attention${window}${layer.kind.rope ? '' : ', NoPE'}`;
}

const DENSE_BLOCK = 'Dense FFN (one MLP)';

/** "MoE FFN: 16 routed experts × 125,829,120 + 1 shared × 125,829,120" (parameters each). */
function moeBlockName(moe: MoeSpec, hidden: number): string {
  const shared = moe.shared
    ? ` + ${moe.shared.count} shared × ${formatInteger(mlpParams(hidden, moe.shared.mlp))}`
    : '';
  return `MoE FFN: ${moe.experts} routed experts × ${formatInteger(mlpParams(hidden, moe.expert))}${shared}`;
}

/** The table rows: one per attention kind, then the MoE FFN and the dense FFN. */
function summaryRows(
  layers: StackLayer[],
  p: StackParams,
  names: LayerStackView['ffnBlocks'],
): StackSummaryRow[] {
  const groups = new Map<string, { indices: number[]; params: number }>();
  const add = (block: string, index: number, params: number) => {
    const g = groups.get(block) ?? { indices: [], params };
    g.indices.push(index);
    groups.set(block, g);
  };
  for (const l of layers) {
    if (l.attention === 'none') continue;
    const mixer = l.sharedIndexer ? p.attention - p.indexer : p.attention;
    add(l.attentionBlock, l.index, l.attention === 'linear' ? p.stateMixer : mixer);
  }
  const moeParams = p.moeExperts * p.expert + p.sharedExperts * p.sharedExpert;
  for (const l of layers) if (l.ffn === 'moe') add(names.moe, l.index, moeParams);
  for (const l of layers) if (l.ffn === 'dense') add(names.dense, l.index, p.denseFfn);
  return [...groups].map(([block, g]) => ({
    block,
    layers: g.indices.length,
    which: describeIndices(g.indices, layers.length),
    params: g.params,
  }));
}

/** 2 -> "2nd", 3 -> "3rd", 4 -> "4th", 11 -> "11th", 21 -> "21st". */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The step of an arithmetic progression of at least three indices, or 0. */
function progressionStep(indices: readonly number[]): number {
  if (indices.length < 3) return 0;
  const step = indices[1]! - indices[0]!;
  return indices.every((v, i) => i === 0 || v - indices[i - 1]! === step) ? step : 0;
}

/**
 * Sorted layer indices in words: "all"; a progression "3, 7, …, 47 (every 4th)"; else ranges
 * "0–2, 5"; "all but 3, 7, …, 47 (every 4th)" when that is shorter.
 * ([3, 7, 11, 15], 16) -> "3, 7, …, 15 (every 4th)"; ([0, 1, 2], 61) -> "0–2".
 */
export function describeIndices(indices: readonly number[], total: number): string {
  if (indices.length === total) return 'all';
  const progression = (xs: readonly number[]) => {
    const step = progressionStep(xs);
    return step > 1 ? `${xs[0]}, ${xs[1]}, …, ${xs.at(-1)} (every ${ordinal(step)})` : '';
  };
  const direct = progression(indices);
  if (direct) return direct;
  const ranges: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    ranges.push(i === j ? `${indices[i]}` : `${indices[i]}–${indices[j]}`);
    i = j + 1;
  }
  const listed = ranges.join(', ');
  const present = new Set(indices);
  const others = Array.from({ length: total }, (_, i) => i).filter((i) => !present.has(i));
  const complement = progression(others);
  return complement && complement.length < listed.length ? `all but ${complement}` : listed;
}
