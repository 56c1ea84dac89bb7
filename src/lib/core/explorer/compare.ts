/**
 * The comparison table: pinned configurations side by side, one row per figure, each figure
 * with a bar to the row's scale and its difference against the first column. A pin that no
 * longer resolves (an invalid config) is shown as such, never dropped.
 */
import { ConfigError } from '../model/errors.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import { columnLabel, type ColumnLabel } from './compare-label.ts';
import { comparedConfig, type CompareSettings } from './compare-settings.ts';
import { resolveExplorer, type ExplorerConfig, type ExplorerResult } from './explorer-config.ts';
import {
  formatBytes,
  formatInteger,
  formatParams,
  formatTokens,
  formatUsd,
  type ByteUnit,
} from './format.ts';

export * from './compare-settings.ts';
export * from './compare-markdown.ts';
export * from './compare-label.ts';

/** A configuration pinned for comparison. */
export interface Pin {
  id: number;
  config: ExplorerConfig;
}

/** A pin, the configuration its column shows, and its numbers (null when not valid). */
export interface PinnedResult {
  pin: Pin;
  config: ExplorerConfig;
  result: ExplorerResult | null;
}

/**
 * Resolves a pin as its column shows it (on the shared GPUs and precision when `settings.same`);
 * a ConfigError gives a null result, anything else is a bug and throws.
 */
export function resolvePin(pin: Pin, settings: CompareSettings): PinnedResult {
  const config = comparedConfig(pin.config, settings);
  try {
    return { pin, config, result: resolveExplorer(config) };
  } catch (error) {
    if (error instanceof ConfigError) return { pin, config, result: null };
    throw error;
  }
}

interface CompareRow {
  label: string;
  value: (r: ExplorerResult, unit: ByteUnit) => string;
  /** The figure behind the text, for the bar and the difference; absent for a row of text. */
  amount?: (r: ExplorerResult) => number | null;
  /** Which way is better, when one is (faster, cheaper, a longer context). */
  better?: 'higher' | 'lower';
  /** A cell to flag (a deployment that does not fit). */
  warn?: (r: ExplorerResult) => boolean;
}

const NONE = '—';

/** Whether the deployment fits, and so runs. */
function running(r: ExplorerResult): r is ExplorerResult & { serving: ServingEstimate } {
  return r.serving?.fits === true;
}

/** The rows of the table, in order. */
export const COMPARE_ROWS: readonly CompareRow[] = [
  {
    label: 'Total parameters',
    value: (r) => formatParams(r.count.total),
    amount: (r) => r.count.total,
  },
  {
    label: 'Active per token',
    value: (r) => formatParams(r.count.active),
    amount: (r) => r.count.active,
  },
  {
    label: 'Experts: routed / active / shared',
    value: (r) =>
      r.spec.moe
        ? `${r.spec.moe.experts} / ${r.spec.moe.topK} / ${r.spec.moe.shared?.count ?? 0}`
        : 'dense',
  },
  {
    label: 'Weights memory',
    value: (r, unit) => (r.serving ? formatBytes(r.serving.weightsBytes, unit) : NONE),
    amount: (r) => r.serving?.weightsBytes ?? null,
  },
  {
    label: 'KV cache per token',
    value: (r) => (r.serving ? `${formatInteger(r.serving.kvBytesPerToken)} B` : NONE),
    amount: (r) => r.serving?.kvBytesPerToken ?? null,
  },
  { label: 'Parallel layout', value: (r) => describeLayout(r) },
  {
    label: 'Fits',
    value: (r) => (r.serving ? (r.serving.fits ? 'yes' : 'no') : NONE),
    warn: (r) => r.serving?.fits === false,
  },
  {
    label: 'Max context',
    value: (r) => (r.serving ? formatTokens(r.serving.maxContextTokens) : NONE),
    amount: (r) => r.serving?.maxContextTokens ?? null,
    better: 'higher',
  },
  // A deployment that does not fit cannot run: no speed, no price (as the headline says).
  {
    label: 'Decode tokens/s',
    value: (r) => (running(r) ? formatInteger(r.serving.decode.tokensPerSecond) : NONE),
    amount: (r) => (running(r) ? r.serving.decode.tokensPerSecond : null),
    better: 'higher',
  },
  {
    label: '$ per million output tokens',
    value: (r) => (running(r) ? formatUsd(r.serving.costPerMillionOutputTokens) : NONE),
    amount: (r) => (running(r) ? r.serving.costPerMillionOutputTokens : null),
    better: 'lower',
  },
];

/** "TP 8", "TP 1 · EP 16", "TP 4 · PP 2 · DP 2": the parallel sizes above 1 (TP always). */
function describeLayout(r: ExplorerResult): string {
  const layout = r.resolved?.deployment.layout;
  if (!layout) return NONE;
  const { tp, ep, pp, dp } = layout;
  const parts = [`TP ${tp}`, ep > 1 && `EP ${ep}`, pp > 1 && `PP ${pp}`, dp > 1 && `DP ${dp}`];
  return parts.filter(Boolean).join(' · ');
}

/**
 * A value against a reference, as a reader scans it: "+12%", "−40%" (U+2212), "+0.4%" below
 * 1%, "×3.7" from twice the reference, "same" within 0.05%; null without a positive reference.
 * The relative difference (value − reference) / reference.
 * @example formatDelta(112, 100) // "+12%"
 */
export function formatDelta(value: number, reference: number): string | null {
  if (!(reference > 0) || !Number.isFinite(value)) return null;
  const ratio = value / reference;
  if (Math.abs(ratio - 1) < 5e-4) return 'same';
  if (ratio >= 2) return `×${ratio >= 10 ? formatInteger(Math.round(ratio)) : ratio.toFixed(1)}`;
  const percent = (ratio - 1) * 100;
  const digits = Math.abs(percent) < 1 ? 1 : 0;
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent).toFixed(digits)}%`;
}

/** One cell: its text, and for a figure its bar and its difference against the first column. */
export interface CompareCell {
  text: string;
  /** The figure over the row's largest, 0 to 1 (the bar's length); null for text. */
  share: number | null;
  /** Against the first column (formatDelta); null in the first column and for text. */
  delta: string | null;
  /** better / worse: the difference is for the better or the worse; warn: flagged (no fit). */
  tone: 'better' | 'worse' | 'neutral' | 'warn';
}

export interface CompareTable {
  columns: { id: number; label: ColumnLabel }[];
  rows: { label: string; cells: CompareCell[] }[];
}

function rowCells(row: CompareRow, pins: readonly PinnedResult[], unit: ByteUnit): CompareCell[] {
  const amounts = pins.map(({ result }) => (result && row.amount ? row.amount(result) : null));
  const largest = amounts.reduce<number>((a, b) => Math.max(a, b ?? 0), 0);
  const reference = amounts[0] ?? null;
  return pins.map(({ result }, i) => {
    if (!result) return { text: 'invalid', share: null, delta: null, tone: 'neutral' };
    const amount = amounts[i] ?? null;
    const delta =
      i > 0 && amount !== null && reference !== null ? formatDelta(amount, reference) : null;
    let tone: CompareCell['tone'] = row.warn?.(result) ? 'warn' : 'neutral';
    // Under 1% is no difference worth a colour.
    if (row.better && amount !== null && reference && Math.abs(amount / reference - 1) >= 0.01)
      tone = amount > reference === (row.better === 'higher') ? 'better' : 'worse';
    const share = amount === null ? null : largest > 0 ? Math.max(0, amount) / largest : 0;
    return { text: row.value(result, unit), share, delta, tone };
  });
}

/** The table for pinned results: one column per pin, one row per figure ('invalid' for a bad pin). */
export function compareTable(pins: readonly PinnedResult[], unit: ByteUnit): CompareTable {
  return {
    columns: pins.map(({ pin, config, result }) => ({
      id: pin.id,
      label: columnLabel(config, result),
    })),
    rows: COMPARE_ROWS.map((row) => ({ label: row.label, cells: rowCells(row, pins, unit) })),
  };
}
