import { describe, expect, it } from 'vitest';
import {
  COMPARE_ROWS,
  compareTable,
  DEFAULT_COMPARE,
  defaultComparison,
  defaultConfig,
  formatDelta,
  resolvePin,
  type Pin,
} from '../../../../src/lib/core/index.ts';

const own = { ...DEFAULT_COMPARE, same: false };
const scoutPin: Pin = { id: 1, config: defaultConfig() };
const llamaPin: Pin = { id: 2, config: defaultConfig('llama3.1-8b') };
const badPin: Pin = {
  id: 3,
  config: { ...defaultConfig(), source: { kind: 'preset', id: 'no-such-model' } },
};
const tp3 = defaultConfig();
tp3.deployment = { ...tp3.deployment, tp: 3 };
const badLayoutPin: Pin = { id: 4, config: tp3 };

type Table = ReturnType<typeof compareTable>;

/** The cell of a row (by label) in a column (by pin id). */
function cellOf(table: Table, row: string, id: number) {
  const column = table.columns.findIndex((c) => c.id === id);
  return table.rows.find((r) => r.label === row)!.cells[column]!;
}
const cell = (table: Table, row: string, id: number) => cellOf(table, row, id).text;

describe('resolvePin', () => {
  it('resolvePin of a valid pin has its numbers; of an unknown preset, a null result', () => {
    expect(resolvePin(scoutPin, own).result?.count.total).toBe(108_641_793_536);
    expect(resolvePin(badPin, own)).toEqual({ pin: badPin, config: badPin.config, result: null });
  });

  it('resolvePin with the same GPUs for all shows the pin on them, the pin itself unchanged', () => {
    const before = structuredClone(scoutPin);
    const pinned = resolvePin(scoutPin, {
      same: true,
      deviceId: 'b200',
      devices: 4,
      weights: 'nvfp4',
    });
    expect(pinned.config.deployment).toMatchObject({
      deviceId: 'b200',
      devices: 4,
      weights: 'nvfp4',
    });
    expect(pinned.result!.resolved!.deployment.device.id).toBe('b200');
    expect(scoutPin).toEqual(before);
  });
});

describe('compareTable', () => {
  const table = compareTable(
    [scoutPin, llamaPin, badPin, badLayoutPin].map((p) => resolvePin(p, own)),
    'GB',
  );

  it('compareTable has one column per pin, named by model, GPUs and precision, and one row per COMPARE_ROWS entry', () => {
    expect(table.columns.map((c) => [c.id, c.label.full])).toEqual([
      [1, 'Llama 4 Scout · 8 × H100 · BF16'],
      [2, 'Llama 3.1 8B · 8 × H100 · BF16'],
      [3, 'no-such-model · 8 × H100 · own format'],
      [4, 'Llama 4 Scout · 8 × H100 · BF16'],
    ]);
    expect(table.rows.map((r) => r.label)).toEqual(COMPARE_ROWS.map((r) => r.label));
  });

  it('compareTable of resolved Scout: 108.64B total, 17.17B active, 16 / 1 / 1 experts, 217.3 GB of BF16 weights', () => {
    // expected-params.json: 108,641,793,536 total, 17,172,894,720 active; x 2 B = 217.3 GB
    expect(cell(table, 'Total parameters', 1)).toBe('108.64B');
    expect(cell(table, 'Active per token', 1)).toBe('17.17B');
    expect(cell(table, 'Experts: routed / active / shared', 1)).toBe('16 / 1 / 1');
    expect(cell(table, 'Weights memory', 1)).toBe('217.3 GB');
    expect(cell(table, 'KV cache per token', 1)).toBe('49,152 B'); // 12 global layers x 4096 B
    expect(cell(table, 'Parallel layout', 1)).toBe('TP 8');
    expect(cell(table, 'Fits', 1)).toBe('yes');
  });

  it('compareTable shows a dense model as "dense" in the experts row', () => {
    expect(cell(table, 'Experts: routed / active / shared', 2)).toBe('dense');
  });

  it('compareTable shows "invalid" in every row of an invalid pin', () => {
    for (const row of table.rows) expect(cell(table, row.label, 3)).toBe('invalid');
  });

  it('compareTable shows the model of a pin with an invalid layout, and "—" for its serving figures', () => {
    expect(cell(table, 'Total parameters', 4)).toBe('108.64B');
    expect(cell(table, 'Weights memory', 4)).toBe('—');
    expect(cell(table, 'Fits', 4)).toBe('—');
    expect(cell(table, 'Parallel layout', 4)).toBe('—');
  });

  it('compareTable in GiB shows the weights in GiB: 202.4 GiB', () => {
    const gib = compareTable([resolvePin(scoutPin, own)], 'GiB');
    expect(cell(gib, 'Weights memory', 1)).toBe('202.4 GiB');
  });

  it('compareTable scales each figure to its row and compares it with the first column', () => {
    // Llama 3.1 8B: 8,030,261,248 total against Scout's 108,641,793,536: 7.4% of it, −93%.
    const total = cellOf(table, 'Total parameters', 2);
    expect(total.share).toBeCloseTo(8_030_261_248 / 108_641_793_536, 6);
    expect(total.delta).toBe('−93%');
    expect(total.tone).toBe('neutral'); // more parameters are neither better nor worse
    expect(cellOf(table, 'Total parameters', 1)).toMatchObject({ share: 1, delta: null });
    expect(cellOf(table, 'Fits', 1).share).toBeNull();
  });

  it('compareTable marks faster and cheaper columns better, slower and dearer ones worse', () => {
    const dense = cellOf(table, 'Decode tokens/s', 2);
    expect(dense.tone).toBe('better'); // 8B dense reads 16 GB a step, Scout 34 GB
    expect(cellOf(table, '$ per million output tokens', 2).tone).toBe('better');
  });
});

describe('the default comparison', () => {
  it('on the shared 8 × H200 in FP8, all three default pins fit, and their labels say so', () => {
    const pinned = defaultComparison().pins.map((config, i) =>
      resolvePin({ id: i, config }, DEFAULT_COMPARE),
    );
    const table = compareTable(pinned, 'GB');
    expect(table.columns.map((c) => c.label.full)).toEqual([
      'Llama 4 Scout · 8 × H200 · FP8',
      'Llama 4 Maverick · 8 × H200 · FP8',
      'DeepSeek-V3 · 8 × H200 · FP8',
    ]);
    expect(table.rows.find((r) => r.label === 'Fits')!.cells.map((c) => c.text)).toEqual([
      'yes',
      'yes',
      'yes',
    ]);
  });
});

describe('formatDelta', () => {
  it.each([
    [112, 100, '+12%'],
    [60, 100, '−40%'],
    [100.4, 100, '+0.4%'],
    [100.01, 100, 'same'],
    [370, 100, '×3.7'],
    [1234, 100, '×12'],
    [0, 100, '−100%'],
  ])('formatDelta(%d, %d) is %s', (value, reference, expected) => {
    expect(formatDelta(value, reference)).toBe(expected);
  });

  it('formatDelta without a positive reference is null', () => {
    expect(formatDelta(5, 0)).toBeNull();
    expect(formatDelta(Number.NaN, 1)).toBeNull();
  });
});

describe('compareTable of a deployment that does not fit', () => {
  it('shows "no", and no speed or price: Kimi K2 in FP8 does not fit on 8 × H100', () => {
    const kimi: Pin = { id: 9, config: defaultConfig('kimi-k2') };
    const table = compareTable([resolvePin(scoutPin, own), resolvePin(kimi, own)], 'GB');
    expect(cellOf(table, 'Fits', 9)).toMatchObject({ text: 'no', tone: 'warn' });
    for (const row of ['Decode tokens/s', '$ per million output tokens'])
      expect(cellOf(table, row, 9)).toEqual({
        text: '—',
        share: null,
        delta: null,
        tone: 'neutral',
      });
  });
});
