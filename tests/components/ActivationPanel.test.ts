import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ActivationPanel from '../../src/lib/components/ActivationPanel.svelte';
import { ActivationPanelState } from '../../src/lib/state/activation-panel.svelte.ts';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';

// Llama 4 Scout (the default preset): 48 layers, all MoE, 16 routed experts, top-1, 1 shared
// expert (llama4-scout.json: num_local_experts 16, num_experts_per_tok 1).

// jsdom has no layout: ChartFrame measures its width with bind:clientWidth (a ResizeObserver and
// clientWidth), so give it a 640 px wide container. jsdom has no canvas either: getContext
// returns null and the grid must still render with its label.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');

beforeAll(() => {
  if (!('ResizeObserver' in globalThis)) vi.stubGlobal('ResizeObserver', NoopResizeObserver);
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => 640,
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  if (clientWidth) Object.defineProperty(Element.prototype, 'clientWidth', clientWidth);
});

describe('ActivationPanel', () => {
  it('shows the expert grid of Llama 4 Scout as an image with a text alternative', () => {
    render(ActivationPanel, { explorer: new ActivationPanelState(new ExplorerState()) });
    expect(screen.getByRole('heading', { name: 'Expert activation' })).toBeInTheDocument();
    const grid = screen.getByRole('img');
    expect(grid.tagName).toBe('CANVAS');
    expect(grid).toHaveAccessibleName(
      expect.stringContaining(
        '48 layers, 48 MoE; token 1 lights 1 of 16 routed experts per MoE layer plus 1 shared expert.',
      ),
    );
    expect(grid).toHaveAccessibleName(expect.stringMatching(/layer 0 uses \d+; layer 1 uses \d+/));
    expect(screen.getByText('Token 1')).toBeInTheDocument();
  });

  it('draws a new route when "New token" is pressed', async () => {
    render(ActivationPanel, { explorer: new ActivationPanelState(new ExplorerState()) });
    const before = screen.getByRole('img').getAttribute('aria-label');
    await userEvent.click(screen.getByRole('button', { name: 'New token' }));
    expect(screen.getByText('Token 2')).toBeInTheDocument();
    const after = screen.getByRole('img').getAttribute('aria-label');
    expect(after).toContain('token 2 lights');
    expect(after).not.toBe(before);
  });

  it('a batch of 1 token touches 1 of 16 experts (Scout, top-1)', () => {
    render(ActivationPanel, { explorer: new ActivationPanelState(new ExplorerState()) });
    expect(screen.getByTestId('distinct-experts')).toHaveTextContent(
      /A batch of 1 token touches 1 of 16 experts per MoE layer/,
    );
    expect(screen.getByText('Tokens per expert in one MoE layer (simulated)')).toBeInTheDocument();
  });

  it('follows the batch: 64 tokens touch 16 × (1 − (15/16)^64) = 15.7 of 16 experts', () => {
    const explorer = new ExplorerState();
    explorer.setDeployment('batch', 64);
    render(ActivationPanel, { explorer: new ActivationPanelState(explorer) });
    expect(screen.getByTestId('distinct-experts')).toHaveTextContent('15.7 of 16');
    expect(screen.getByText(/^Dropped: \d+ of 64 token-expert assignments/)).toBeInTheDocument();
  });

  it('says when the load simulation is capped', () => {
    const explorer = new ExplorerState();
    explorer.setDeployment('batch', 65536);
    render(ActivationPanel, { explorer: new ActivationPanelState(explorer) });
    expect(screen.getByText(/Simulated for 8,192 tokens \(capped for speed\)/)).toBeInTheDocument();
  });

  it('marks dense layers and many experts on DeepSeek-V3 (61 layers, 3 dense, 256 experts, top-8)', () => {
    const explorer = new ExplorerState();
    explorer.selectPreset('deepseek-v3');
    render(ActivationPanel, { explorer: new ActivationPanelState(explorer) });
    expect(screen.getByRole('img')).toHaveAccessibleName(
      expect.stringContaining(
        '61 layers, 58 MoE, 3 dense; token 1 lights 8 of 256 routed experts per MoE layer plus 1 shared expert.',
      ),
    );
    expect(screen.getByText('dense layer (no experts)')).toBeInTheDocument();
  });

  it('says a dense model has no experts and draws no grid', () => {
    const explorer = new ExplorerState();
    explorer.selectPreset('llama3.1-8b');
    render(ActivationPanel, { explorer: new ActivationPanelState(explorer) });
    expect(screen.getByText(/is a dense model/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New token' })).not.toBeInTheDocument();
  });

  it('reads out a layer of the grid and an expert of the batch load, by keyboard and pointer', async () => {
    render(ActivationPanel, { explorer: new ActivationPanelState(new ExplorerState()) });
    const readout = (title: RegExp) =>
      within(
        screen
          .getAllByRole('figure')
          .find((f) => title.test(f.querySelector('figcaption')?.textContent ?? ''))!,
      ).getByTestId('readout').textContent;
    const layers = screen.getByRole('slider', { name: 'Layer (expert grid)' });
    flushSync(() => layers.focus());
    expect(readout(/Experts one token uses/)).toMatch(
      /^Layer 0: token 1 uses expert \d+ plus 1 shared expert\.$/,
    );
    await userEvent.keyboard('{End}');
    expect(readout(/Experts one token uses/)).toMatch(/^Layer 47: /);
    // A pointer in the first row, first column (jsdom: the grid's box is at 0, 0).
    await fireEvent.pointerMove(layers, { clientX: 1, clientY: 1 });
    expect(readout(/Experts one token uses/)).toMatch(
      /^Layer 0, expert 0: (used|idle) \(token 1 uses expert \d+\)\.$/,
    );

    const experts = screen.getByRole('slider', { name: 'Routed expert (batch load)' });
    flushSync(() => experts.focus());
    expect(readout(/Tokens per expert/)).toMatch(
      /^Expert 0: [01] tokens? \(\d+\.\d% of the batch's assignments\), capacity 4\.$/,
    );
    await userEvent.keyboard('{ArrowRight}');
    expect(experts).toHaveAttribute('aria-valuenow', '1');
    expect(readout(/Tokens per expert/)).toMatch(/^Expert 1: /);
  });
});
