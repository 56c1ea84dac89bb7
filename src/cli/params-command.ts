import {
  countParams,
  formatInteger,
  formatParams,
  formatPercent,
  PARAM_COMPONENTS,
  type ModelSpec,
} from '../lib/core/index.ts';
import { HELP_OPTION, type CliOption } from './options.ts';
import { printable } from './printable.ts';

/** The options of `params`: the table the parser and the help share. */
export const PARAMS_OPTIONS: readonly CliOption[] = [
  { name: 'json', help: 'print one JSON object, with exact integers, instead of the table' },
  HELP_OPTION,
];

/** The `params` command: JSON (one object) or a readable table. */
export function paramsCommand(spec: ModelSpec, json: boolean): string {
  const count = countParams(spec);
  if (json) {
    const { layers, ...rest } = count;
    return JSON.stringify({ model: spec.name, family: spec.family, ...rest, layers }, null, 2);
  }
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
