import { describe, expect, it } from 'vitest';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { ComparePanelState } from '../../../src/lib/state/compare-panel.svelte.ts';

describe('ComparePanelState', () => {
  it('ComparePanelState: the three default pins side by side, one row per figure', () => {
    const table = new ComparePanelState(new ExplorerState()).table;
    expect(table.columns.map((c) => c.label)).toEqual([
      'Llama 4 Scout, BF16, 8 × H100',
      'Llama 4 Maverick, FP8, 8 × H100',
      'DeepSeek-V3, FP8, 8 × H200',
    ]);
    expect(table.rows.find((r) => r.label === 'Total parameters')!.cells).toEqual([
      '108.64B',
      '401.58B',
      '671.03B',
    ]);
  });
});
