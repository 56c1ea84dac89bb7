import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { ComparePanelState } from '../../../src/lib/state/compare-panel.svelte.ts';

const labels = (panel: ComparePanelState) => panel.table.columns.map((c) => c.label.full);

describe('ComparePanelState', () => {
  it('ComparePanelState: the three default pins side by side on one GPU and precision, one row per figure', () => {
    const table = new ComparePanelState(new ExplorerState()).table;
    expect(table.columns.map((c) => c.label.full)).toEqual([
      'Llama 4 Scout · 8 × H200 · FP8',
      'Llama 4 Maverick · 8 × H200 · FP8',
      'DeepSeek-V3 · 8 × H200 · FP8',
    ]);
    expect(
      table.rows.find((r) => r.label === 'Total parameters')!.cells.map((c) => c.text),
    ).toEqual(['108.64B', '401.58B', '671.03B']);
  });

  it('ComparePanelState with the switch off shows each pin on its own GPUs and precision', () => {
    const explorer = new ExplorerState();
    const panel = new ComparePanelState(explorer);
    panel.setSettings({ same: false });
    flushSync();
    expect(labels(panel)).toEqual([
      'Llama 4 Scout · 8 × H100 · BF16',
      'Llama 4 Maverick · 8 × H100 · FP8',
      'DeepSeek-V3 · 8 × H200 · FP8',
    ]);
    expect(explorer.compareSettings.same).toBe(false);
  });

  it('ComparePanelState follows the shared GPUs and precision, and pins and unpins', () => {
    const explorer = new ExplorerState();
    const panel = new ComparePanelState(explorer);
    panel.setSettings({ deviceId: 'b200', devices: 4, weights: 'nvfp4' });
    panel.unpin(explorer.pins[0]!.id);
    explorer.selectPreset('qwen3-30b-a3b');
    panel.pin();
    flushSync();
    expect(labels(panel)).toEqual([
      'Llama 4 Maverick · 4 × B200 · NVFP4',
      'DeepSeek-V3 · 4 × B200 · NVFP4',
      'Qwen3-30B-A3B · 4 × B200 · NVFP4',
    ]);
  });
});
