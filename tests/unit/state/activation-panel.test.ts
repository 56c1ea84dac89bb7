import { describe, expect, it } from 'vitest';
import { ExplorerState } from '../../../src/lib/state/explorer.svelte.ts';
import { ActivationPanelState } from '../../../src/lib/state/activation-panel.svelte.ts';

describe('ActivationPanelState', () => {
  it('ActivationPanelState: a new token draws a new route; Scout uses 1 of 16 experts per layer', () => {
    const panel = new ActivationPanelState(new ExplorerState());
    const first = panel.tokenRoute!;
    expect(first.route.filter((r) => r !== null).every((r) => r!.length === 1)).toBe(true);
    panel.newToken();
    expect(panel.tokenRoute!.token).toBe(2);
    expect(panel.tokenRoute!.route).not.toEqual(first.route);
  });
});
