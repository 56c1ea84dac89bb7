/**
 * The comparison table (compare.ts) as Markdown, for a post: GitHub's table syntax, the models
 * with their GPUs and precision heading the columns, each figure with its difference against the
 * first column in brackets, figures right-aligned. The page's "Copy as Markdown" and the CLI's
 * `compare --markdown` print the same text.
 */
import type { CompareCell, CompareTable } from './compare.ts';

/** A cell as text: "401.58B (×3.7)", or the figure alone in the first column. */
export function formatCompareCell(cell: CompareCell): string {
  return cell.delta ? `${cell.text} (${cell.delta})` : cell.text;
}

/** A Markdown cell: backslashes and pipes escaped, so that a model's name cannot break the table. */
const escaped = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/**
 * The table in Markdown; `notes` follow it, a blank line between (an invalid column's reason).
 *
 * @example formatCompareMarkdown(table).split('\n')[1] // '|---|---:|---:|' for two columns
 */
export function formatCompareMarkdown(table: CompareTable, notes: readonly string[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escaped).join(' | ')} |`;
  const heads = table.columns.map((c) => `${c.label.model} (${c.label.deployment})`);
  return [
    line(['', ...heads]),
    `|---|${heads.map(() => '---:|').join('')}`,
    ...table.rows.map((row) => line([row.label, ...row.cells.map(formatCompareCell)])),
    ...(notes.length > 0 ? ['', ...notes.map(escaped)] : []),
  ].join('\n');
}
