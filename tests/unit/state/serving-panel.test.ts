import { describe, expect, it } from 'vitest';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { ServingPanelState } from '../../../src/lib/state/serving-panel.svelte.ts';

describe('ServingPanelState', () => {
  it('ServingPanelState: series for both KV layouts, and the chosen batch on the speed line', () => {
    const charts = new ServingPanelState(new ExplorerState()).servingCharts!;
    expect(charts.memory.curves.map((c) => c.layout)).toEqual(['hybrid', 'full']);
    expect(charts.speed.chosen.batch).toBe(1);
  });
});
