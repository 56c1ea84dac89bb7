import { formatInteger } from './format.ts';
import { expandLayers } from '../model/layers.ts';
import type { LayerSpec, ModelSpec } from '../model/types.ts';

export type LayerAttentionLabel = 'global' | 'chunked' | 'sliding' | 'mla';

/** How a layer attends, for display: MLA, or its window kind; NoPE noted separately. */
export function attentionLabel(layer: LayerSpec): LayerAttentionLabel {
  if (layer.attention.kind === 'mla') return 'mla';
  return layer.kind.window.kind;
}

/**
 * The layer stack in words: "48 layers: 36 chunked (8,192 tokens), 12 global NoPE; 48 MoE
 * (16 routed + 1 shared expert, top-1)". The architecture view's text alternative.
 */
export function describeLayers(spec: ModelSpec): string {
  const layers = expandLayers(spec);
  const counts = new Map<string, number>();
  for (const l of layers) {
    const w = l.kind.window;
    const label =
      attentionLabel(l) === 'mla'
        ? 'MLA'
        : w.kind === 'global'
          ? `global${l.kind.rope ? '' : ' NoPE'}`
          : `${w.kind} (${formatInteger(w.tokens)} tokens)`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const attention = [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
  const moe = layers.filter((l) => l.ffn.kind === 'moe').length;
  const dense = layers.length - moe;
  const m = spec.moe;
  const experts = m
    ? ` (${m.experts} routed${m.shared ? ` + ${m.shared.count} shared` : ''} expert${m.experts > 1 ? 's' : ''}, top-${m.topK})`
    : '';
  const ffn = [moe > 0 ? `${moe} MoE${experts}` : '', dense > 0 ? `${dense} dense` : '']
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
