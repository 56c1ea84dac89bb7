/**
 * How each KV layout is drawn: a palette colour and a dash pattern, so the two lines differ
 * without colour too. Shared by the chart and its legend.
 */
import type { KvLayout } from '../core/index.ts';
import { OKABE_ITO } from './palette.ts';

export const LAYOUT_STYLE: Record<KvLayout, { color: string; dash: string; label: string }> = {
  hybrid: {
    color: OKABE_ITO.blue,
    dash: 'none',
    label: 'Hybrid KV cache (windowed layers keep their window)',
  },
  full: {
    color: OKABE_ITO.vermillion,
    dash: '7 4',
    label: 'Full KV cache (every layer keeps the whole context)',
  },
};

/** The one line's label where no layer has a window (both layouts keep every token). */
export const SINGLE_LABEL = 'KV cache (no windowed layers: every layer keeps the whole context)';
