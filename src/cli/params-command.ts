import {
  checkCheckpoint,
  countParams,
  formatInteger,
  formatParams,
  formatPercent,
  PARAM_COMPONENTS,
  type CheckpointCheck,
  type ModelSpec,
  type ParamCount,
  type TensorEntry,
} from '../lib/core/index.ts';
import { HELP_OPTION, hubOptions, type CliOption } from './options.ts';
import { printable } from './printable.ts';

/** The options of `params`: the table the parser and the help share. */
export const PARAMS_OPTIONS: readonly CliOption[] = [
  { name: 'json', help: 'print one JSON object, with exact integers, instead of the table' },
  ...hubOptions(),
  HELP_OPTION,
];

/**
 * A checkpoint's tensor list read from the Hub, or why it could not be read (no safetensors, a
 * failed or timed-out request): the count is printed either way.
 */
export type CheckpointTensors = { tensors: readonly TensorEntry[] } | { error: string };

/** What `--json` prints under `checkpoint`: the check, or why there is none. */
export type CheckpointReport = Omit<CheckpointCheck, 'unknown'> | { error: string };

/**
 * The `params` command: JSON (one object) or a readable table. With `checkpoint` (a Hub model),
 * the count is also checked against the checkpoint's tensors (checkCheckpoint).
 */
export function paramsCommand(
  spec: ModelSpec,
  json: boolean,
  checkpoint?: CheckpointTensors,
): string {
  const count = countParams(spec);
  const packed = spec.checkpoint.expertFormat === 'mxfp4'; // DeepSeek-V4's FP4 experts in I8
  const report = checkpoint && checkpointReport(checkpoint, count, spec.layers, packed);
  if (json) {
    const { layers, ...rest } = count;
    const out = { model: spec.name, family: spec.family, ...rest, layers };
    return JSON.stringify(report ? { ...out, checkpoint: report } : out, null, 2);
  }
  const text = countTable(spec, count);
  return report ? `${text}\n\n${checkpointLine(report)}` : text;
}

/** The check of `count` on the tensors, or the reason there are none. */
function checkpointReport(
  checkpoint: CheckpointTensors,
  count: ParamCount,
  layers: number,
  packedI8: boolean,
): CheckpointReport {
  if ('error' in checkpoint) return { error: checkpoint.error };
  const { tensors, total, matches, differences, extras } = checkCheckpoint(
    checkpoint.tensors,
    count,
    layers,
    packedI8,
  );
  return { tensors, total, matches, differences, extras };
}

/** One line: the checkpoint matches the count to the parameter, or where it differs. */
export function checkpointLine(report: CheckpointReport): string {
  if ('error' in report) return `not checked against the checkpoint: ${report.error}`;
  const head = `checked against the checkpoint: ${formatInteger(report.tensors)} tensors, `;
  if (report.matches) return `${head}total matches to the parameter`;
  const signed = (n: number) => (n > 0 ? '+' : '-') + formatInteger(Math.abs(n));
  const label = (c: string) => PARAM_COMPONENTS.find((p) => p.key === c)?.label ?? c;
  const by = report.differences.map((d) => `${label(d.component)} ${signed(d.parameters)}`);
  return (
    `${head}${formatInteger(report.total)} parameters, not the count's; ` +
    `checkpoint minus count: ${by.length > 0 ? by.join(', ') : 'no component differs'}`
  );
}

/** The readable table of a count: totals, then the breakdown by component. */
function countTable(spec: ModelSpec, count: ParamCount): string {
  const rows: string[][] = [
    ['Total', formatParams(count.total), formatInteger(count.total)],
    [
      'Active per token',
      formatParams(count.active),
      formatInteger(count.active),
      formatPercent(count.active / count.total),
    ],
    [
      'Active excl. embedding',
      formatParams(count.activeExcludingEmbedding),
      formatInteger(count.activeExcludingEmbedding),
    ],
  ];
  if (count.breakdown.vision > 0)
    rows.push(['Text model', formatParams(count.textTotal), formatInteger(count.textTotal)]);
  if (count.mtp > 0)
    rows.push(['MTP modules (not in total)', formatParams(count.mtp), formatInteger(count.mtp)]);
  const breakdown: string[][] = [['Component', 'Total', 'Active per token']];
  for (const { key, label } of PARAM_COMPONENTS) {
    if (count.breakdown[key] === 0) continue;
    breakdown.push([
      label,
      formatInteger(count.breakdown[key]),
      formatInteger(count.activeBreakdown[key]),
    ]);
  }
  const moeLayers = count.layers.filter((l) => l.ffn === 'moe').length;
  return [
    // The name comes from the config: kept on its line, with no control or bidi characters.
    `${printable(spec.name)} (${printable(spec.family)}): ${spec.layers} layers, ${moeLayers} MoE` +
      (spec.moe ? `, ${spec.moe.experts} experts, top-${spec.moe.topK}` : ''),
    '',
    table(rows),
    '',
    table(breakdown, true),
  ].join('\n');
}

/** Plain-text columns; numbers right-aligned. */
function table(rows: string[][], header = false): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  if (header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}
