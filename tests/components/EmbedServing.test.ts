import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/lib/core/index.ts';
import EmbedServing from '../../src/embed/EmbedServing.svelte';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';

// jsdom draws no chart (0 px wide): these read the numbers and the charts' captions.

describe('EmbedServing (the compact serving embed)', () => {
  it('shows the deployment, its four serving numbers and only the chosen chart', () => {
    render(EmbedServing, { explorer: new ExplorerState(), chart: 'memory' });
    expect(
      screen.getByRole('heading', { name: 'Serving on 8 × NVIDIA H100 SXM 80GB' }),
    ).toBeInTheDocument();
    expect(screen.getByText('131.07k tokens of context, batch 1')).toBeInTheDocument();
    // Llama 4 Scout in BF16: 108,641,793,536 parameters x 2 bytes (the headline's figure).
    expect(screen.getByTestId('weights-memory')).toHaveAttribute('data-value', '217283587072');
    expect(screen.getByTestId('fits')).toHaveTextContent('Yes');
    expect(screen.getByTestId('decode-tps')).toHaveTextContent(/tok\/s$/);
    expect(screen.getByTestId('cost-per-million')).toHaveTextContent(/^\$/);
    expect(screen.getByText('Memory per device')).toBeInTheDocument();
    expect(screen.queryByText('Memory against context length')).toBeNull();
  });

  it.each([
    ['context', 'Memory against context length'],
    ['speed', 'Decode throughput against batch size'],
  ] as const)('chart=%s shows "%s" instead of the memory bar', (chart, title) => {
    render(EmbedServing, { explorer: new ExplorerState(), chart });
    expect(screen.getByText(title)).toBeInTheDocument();
    expect(screen.queryByText('Memory per device')).toBeNull();
  });

  it('a deployment that does not fit says so in its numbers', () => {
    const config = defaultConfig('kimi-k2');
    render(EmbedServing, { explorer: new ExplorerState(config), chart: 'memory' });
    expect(screen.getByTestId('fits')).toHaveTextContent('No');
  });
});
