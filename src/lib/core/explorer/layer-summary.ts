import { formatInteger } from './format.ts';
import { expandLayers } from '../model/layer-list.ts';
import { hasIndexer } from '../model/layers.ts';
import { stateMixerName, type StateMixerSpec } from '../model/mixers.ts';
import type { LayerSpec, ModelSpec } from '../model/types.ts';

/** A layer's token mixer for display: softmax attention by kind, `linear` for a stateful mixer. */
export type LayerAttentionLabel =
  'global' | 'chunked' | 'sliding' | 'csa' | 'hca' | 'mla' | 'linear' | 'none';

/**
 * How a layer attends, for display: MLA, or its window kind; a DeepSeek-V4 layer CSA (with the
 * indexer), HCA, or sliding where it compresses nothing. NoPE noted separately.
 */
export function attentionLabel(layer: LayerSpec): LayerAttentionLabel {
  if (layer.mixer === 'state') return 'linear';
  if (layer.mixer === 'none') return 'none';
  if (layer.attention.kind === 'mla') return 'mla';
  const w = layer.kind.window;
  if (w.kind !== 'compressed') return w.kind;
  return w.ratio === 0 ? 'sliding' : layer.kind.indexer === false ? 'hca' : 'csa';
}

/**
 * A DeepSeek-V4 layer in words: "CSA (1 entry per 4 tokens, indexer top-512; 128-token window)",
 * "HCA (1 entry per 128 tokens; 128-token window)".
 */
export function compressedText(spec: ModelSpec, l: LayerSpec): string {
  const w = l.kind.window;
  if (w.kind !== 'compressed') return '';
  const a = spec.attention;
  const csa = hasIndexer(spec, l.kind);
  const topK =
    csa && a.kind === 'compressed' ? `, indexer top-${formatInteger(a.indexer.topK)}` : '';
  return `${csa ? 'CSA' : 'HCA'} (1 entry per ${formatInteger(w.ratio)} tokens${topK}; ${formatInteger(w.tokens)}-token window)`;
}

/**
 * The layer stack in words: "48 layers: 36 chunked (8,192 tokens), 12 global NoPE; 48 MoE
 * (16 routed + 1 shared expert, top-1)". The architecture view's text alternative.
 */
export function describeLayers(spec: ModelSpec): string {
  const layers = expandLayers(spec);
  const counts = new Map<string, number>();
  for (const l of layers) {
    const label = mixerText(spec, l);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const attention = [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
  const moe = layers.filter((l) => l.ffn.kind === 'moe').length;
  const dense = layers.filter((l) => l.ffn.kind === 'dense').length;
  const none = layers.length - moe - dense;
  const m = spec.moe;
  const experts = m
    ? ` (${m.experts} routed${m.shared ? ` + ${m.shared.count} shared` : ''} expert${m.experts > 1 ? 's' : ''}, top-${m.topK})`
    : '';
  const ffn = [
    moe > 0 ? `${moe} MoE${experts}` : '',
    dense > 0 ? `${dense} dense` : '',
    none > 0 ? `${none} without an FFN` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const extras = [
    spec.vision ? 'a vision tower' : '',
    spec.mtp?.modules ? `${spec.mtp.modules} MTP module${spec.mtp.modules > 1 ? 's' : ''}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `${layers.length} layers: ${attention}; ${ffn}${extras ? `; plus ${extras}` : ''}.`;
}

/**
 * One layer's mixer in words: "MLA", "MLA with the DSA indexer" (DeepSeek-V3.2, GLM-5), "MLA
 * sharing an indexer's top-k" (GLM-5.2's IndexShare), "global NoPE", "chunked (8,192 tokens)",
 * "Mamba-2".
 */
function mixerText(spec: ModelSpec, l: LayerSpec): string {
  const w = l.kind.window;
  const stateMixer: StateMixerSpec | null = spec.stateMixer ?? null;
  switch (attentionLabel(l)) {
    case 'linear':
      return stateMixer ? stateMixerName(stateMixer) : 'linear attention';
    case 'none':
      return 'without a mixer';
    case 'mla':
      if (l.attention.kind !== 'mla' || !l.attention.indexer) return 'MLA';
      return hasIndexer(spec, l.kind)
        ? 'MLA with the DSA indexer'
        : "MLA sharing an indexer's top-k";
    case 'global':
      return `global${l.kind.rope ? '' : ' NoPE'}`;
    case 'csa':
    case 'hca':
      return compressedText(spec, l);
    default:
      return `${attentionLabel(l)} (${formatInteger(w.kind === 'global' ? 0 : w.tokens)} tokens)`;
  }
}
