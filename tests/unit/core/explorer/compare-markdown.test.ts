import { describe, expect, it } from 'vitest';
import {
  compareTable,
  DEFAULT_COMPARE,
  defaultComparison,
  formatCompareCell,
  formatCompareMarkdown,
  resolvePin,
  type CompareTable,
} from '../../../../src/lib/core/index.ts';

const table = compareTable(
  defaultComparison().pins.map((config, i) => resolvePin({ id: i, config }, DEFAULT_COMPARE)),
  'GB',
);

describe('formatCompareMarkdown', () => {
  it('is the default comparison as a Markdown table: the models heading, figures right-aligned', () => {
    const lines = formatCompareMarkdown(table).split('\n');
    expect(lines[0]).toBe(
      '|  | Llama 4 Scout (8 × H200 · FP8) | Llama 4 Maverick (8 × H200 · FP8) | DeepSeek-V3 (8 × H200 · FP8) |',
    );
    expect(lines[1]).toBe('|---|---:|---:|---:|');
    // Totals from expected-params.json: 108,641,793,536, 401,583,781,376 and 671,026,419,200.
    expect(lines[2]).toBe('| Total parameters | 108.64B | 401.58B (×3.7) | 671.03B (×6.2) |');
    expect(lines).toHaveLength(2 + table.rows.length);
  });

  it('escapes pipes and backslashes, so that a name cannot break the table; notes follow a blank line', () => {
    const odd: CompareTable = {
      columns: [{ id: 0, label: { model: 'a|b\\c', deployment: '1 × H100 · BF16', full: '' } }],
      rows: [
        { label: 'Fits', cells: [{ text: 'yes', share: null, delta: null, tone: 'neutral' }] },
      ],
    };
    const md = formatCompareMarkdown(odd, ['a|b: invalid']).split('\n');
    expect(md[0]).toBe('|  | a\\|b\\\\c (1 × H100 · BF16) |');
    expect(md.slice(-2)).toEqual(['', 'a\\|b: invalid']);
  });
});

describe('formatCompareCell', () => {
  it('puts the difference against the first column in brackets, the first column bare', () => {
    const total = table.rows[0]!.cells;
    expect(total.map(formatCompareCell)).toEqual(['108.64B', '401.58B (×3.7)', '671.03B (×6.2)']);
  });
});
