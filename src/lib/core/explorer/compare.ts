/**
 * The comparison table: pinned configurations side by side, one row per figure. A pin that no
 * longer resolves (an invalid config) is shown as such, never dropped.
 */
import { ConfigError } from '../model/errors.ts';
import { resolveExplorer, type ExplorerConfig, type ExplorerResult } from './explorer-config.ts';
import {
  formatBytes,
  formatInteger,
  formatParams,
  formatTokens,
  formatUsd,
  type ByteUnit,
} from './format.ts';

/** A configuration pinned for comparison, with its label. */
export interface Pin {
  id: number;
  label: string;
  config: ExplorerConfig;
}

/** A pin and its numbers (null when its configuration is not valid). */
export interface PinnedResult {
  pin: Pin;
  result: ExplorerResult | null;
}

/** Resolves a pin; a ConfigError gives a null result, anything else is a bug and throws. */
export function resolvePin(pin: Pin): PinnedResult {
  try {
    return { pin, result: resolveExplorer(pin.config) };
  } catch (error) {
    if (error instanceof ConfigError) return { pin, result: null };
    throw error;
  }
}

interface CompareRow {
  label: string;
  value: (r: ExplorerResult, unit: ByteUnit) => string;
}

const NONE = '—';

/** The rows of the table, in order. */
export const COMPARE_ROWS: readonly CompareRow[] = [
  { label: 'Total parameters', value: (r) => formatParams(r.count.total) },
  { label: 'Active per token', value: (r) => formatParams(r.count.active) },
  {
    label: 'Experts (routed / active / shared)',
    value: (r) =>
      r.spec.moe
        ? `${r.spec.moe.experts} / ${r.spec.moe.topK} / ${r.spec.moe.shared?.count ?? 0}`
        : 'dense',
  },
  {
    label: 'Weights memory',
    value: (r, unit) => (r.serving ? formatBytes(r.serving.weightsBytes, unit) : NONE),
  },
  {
    label: 'KV cache per token',
    value: (r) => (r.serving ? `${formatInteger(r.serving.kvBytesPerToken)} B` : NONE),
  },
  {
    label: 'Deployment',
    value: (r) =>
      r.resolved
        ? `${r.resolved.deployment.layout.devices} × ${r.resolved.deployment.device.name}`
        : NONE,
  },
  { label: 'Fits', value: (r) => (r.serving ? (r.serving.fits ? 'yes' : 'no') : NONE) },
  {
    label: 'Max context',
    value: (r) => (r.serving ? formatTokens(r.serving.maxContextTokens) : NONE),
  },
  {
    label: 'Decode tokens/s',
    value: (r) => (r.serving ? formatInteger(r.serving.decode.tokensPerSecond) : NONE),
  },
  {
    label: '$ per million output tokens',
    value: (r) => (r.serving ? formatUsd(r.serving.costPerMillionOutputTokens) : NONE),
  },
];

export interface CompareTable {
  columns: { id: number; label: string }[];
  rows: { label: string; cells: string[] }[];
}

/** The table for pinned results: one column per pin, one row per figure ('invalid' for a bad pin). */
export function compareTable(pins: readonly PinnedResult[], unit: ByteUnit): CompareTable {
  return {
    columns: pins.map(({ pin }) => ({ id: pin.id, label: pin.label })),
    rows: COMPARE_ROWS.map((row) => ({
      label: row.label,
      cells: pins.map(({ result }) => (result ? row.value(result, unit) : 'invalid')),
    })),
  };
}
