import { describe, expect, it } from 'vitest';
import {
  COMPARE_ROWS,
  compareTable,
  defaultConfig,
  resolvePin,
  type Pin,
} from '../../../../src/lib/core/index.ts';

const scoutPin: Pin = { id: 1, label: 'Scout', config: defaultConfig() };
const llamaPin: Pin = { id: 2, label: 'Llama 8B', config: defaultConfig('llama3.1-8b') };
const badPin: Pin = {
  id: 3,
  label: 'Bad',
  config: { ...defaultConfig(), source: { kind: 'preset', id: 'no-such-model' } },
};
const tp3 = defaultConfig();
tp3.deployment = { ...tp3.deployment, tp: 3 };
const badLayoutPin: Pin = { id: 4, label: 'TP 3', config: tp3 };

/** The cell of a row (by label) in a column (by pin id). */
function cell(table: ReturnType<typeof compareTable>, row: string, id: number): string {
  const column = table.columns.findIndex((c) => c.id === id);
  return table.rows.find((r) => r.label === row)!.cells[column]!;
}

describe('resolvePin', () => {
  it('resolvePin of a valid pin has its numbers; of an unknown preset, a null result', () => {
    expect(resolvePin(scoutPin).result?.count.total).toBe(108_641_793_536);
    expect(resolvePin(badPin)).toEqual({ pin: badPin, result: null });
  });
});

describe('compareTable', () => {
  const table = compareTable([scoutPin, llamaPin, badPin, badLayoutPin].map(resolvePin), 'GB');

  it('compareTable has one column per pin and one row per COMPARE_ROWS entry', () => {
    expect(table.columns).toEqual([
      { id: 1, label: 'Scout' },
      { id: 2, label: 'Llama 8B' },
      { id: 3, label: 'Bad' },
      { id: 4, label: 'TP 3' },
    ]);
    expect(table.rows.map((r) => r.label)).toEqual(COMPARE_ROWS.map((r) => r.label));
  });

  it('compareTable of resolved Scout: 108.64B total, 17.17B active, 16 / 1 / 1 experts, 217.3 GB of BF16 weights', () => {
    // expected-params.json: 108,641,793,536 total, 17,172,894,720 active; x 2 B = 217.3 GB
    expect(cell(table, 'Total parameters', 1)).toBe('108.64B');
    expect(cell(table, 'Active per token', 1)).toBe('17.17B');
    expect(cell(table, 'Experts (routed / active / shared)', 1)).toBe('16 / 1 / 1');
    expect(cell(table, 'Weights memory', 1)).toBe('217.3 GB');
    expect(cell(table, 'KV cache per token', 1)).toBe('49,152 B'); // 12 global layers x 4096 B
    expect(cell(table, 'Deployment', 1)).toBe('8 × NVIDIA H100 SXM 80GB');
    expect(cell(table, 'Fits', 1)).toBe('yes');
  });

  it('compareTable shows a dense model as "dense" in the experts row', () => {
    expect(cell(table, 'Experts (routed / active / shared)', 2)).toBe('dense');
  });

  it('compareTable shows "invalid" in every row of an invalid pin', () => {
    for (const row of table.rows) expect(cell(table, row.label, 3)).toBe('invalid');
  });

  it('compareTable shows the model of a pin with an invalid layout, and "—" for its serving figures', () => {
    expect(cell(table, 'Total parameters', 4)).toBe('108.64B');
    expect(cell(table, 'Weights memory', 4)).toBe('—');
    expect(cell(table, 'Fits', 4)).toBe('—');
    expect(cell(table, 'Deployment', 4)).toBe('—');
  });

  it('compareTable in GiB shows the weights in GiB: 202.4 GiB', () => {
    const gib = compareTable([resolvePin(scoutPin)], 'GiB');
    expect(cell(gib, 'Weights memory', 1)).toBe('202.4 GiB');
  });
});
