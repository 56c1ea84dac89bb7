import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Headline from '../../src/lib/components/Headline.svelte';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';

// The headline while the page's serving chunk loads (main.ts) and after it failed: the counts
// show, the serving cards' place says what is going on.
describe('Headline before the serving model', () => {
  it('loading: the counts, and one busy card in place of the serving cards', () => {
    const explorer = new ExplorerState();
    explorer.servingStatus = 'loading';
    render(Headline, { explorer });
    expect(screen.getByTestId('total-params')).toHaveTextContent('108.64B');
    expect(screen.getByTestId('serving-cards')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByTestId('serving-loading')).toHaveTextContent('Loading the serving model');
    expect(screen.queryByTestId('fits')).toBeNull();
    expect(screen.queryByTestId('deployment-label')).toBeNull();
  });

  it('failed: an alert with a retry that calls onretry', async () => {
    const explorer = new ExplorerState();
    explorer.servingStatus = 'failed';
    const onretry = vi.fn();
    render(Headline, { explorer, onretry });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('could not be loaded');
    expect(screen.getByTestId('serving-cards')).toHaveAttribute('aria-busy', 'false');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onretry).toHaveBeenCalledOnce();
  });

  it('ready: the deployment and its cards, not busy', () => {
    render(Headline, { explorer: new ExplorerState() });
    expect(screen.getByTestId('serving-cards')).toHaveAttribute('aria-busy', 'false');
    expect(screen.getByTestId('fits')).toHaveTextContent('Yes');
    expect(screen.getByTestId('deployment-label')).toBeTruthy();
    expect(screen.queryByTestId('serving-loading')).toBeNull();
  });
});

describe('Headline: what decode waits on', () => {
  it('Scout on 8 H100s: overhead-bound at batch 1, memory-bound at batch 64 of 8,192 tokens', async () => {
    const explorer = new ExplorerState();
    render(Headline, { explorer });
    const card = () => screen.getByTestId('decode-tps').closest('.card')!;
    // Batch 1: 48 layers x 17 kernels x 5 us (4.08 ms) outlast reading 1/8 of the weights.
    expect(card()).toHaveTextContent('overhead-bound');
    explorer.updateDeployment({ batch: 64, contextTokens: 8192 }, 'batch');
    await Promise.resolve();
    expect(card()).toHaveTextContent('memory-bound');
  });
});
