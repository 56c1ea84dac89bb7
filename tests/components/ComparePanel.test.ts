import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import EmbedCompare from '../../src/embed/EmbedCompare.svelte';
import ComparePanel from '../../src/lib/components/ComparePanel.svelte';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';

const table = () => screen.getByRole('table', { name: 'Pinned configurations side by side' });
const headers = () =>
  within(table())
    .getAllByRole('columnheader')
    .slice(1)
    .map((th) => th.getAttribute('title'));

describe('ComparePanel', () => {
  it('names each column by model, GPUs and precision, and its unpin button after it', async () => {
    const explorer = new ExplorerState();
    render(EmbedCompare, { explorer });
    expect(headers()).toEqual([
      'Llama 4 Scout · 8 × H200 · FP8',
      'Llama 4 Maverick · 8 × H200 · FP8',
      'DeepSeek-V3 · 8 × H200 · FP8',
    ]);
    // The header reads as its full name (the separator is there for screen readers).
    expect(
      within(table()).getByRole('columnheader', { name: /^DeepSeek-V3 · 8 × H200 · FP8/ }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Unpin DeepSeek-V3 · 8 × H200 · FP8' }),
    );
    expect(headers()).toHaveLength(2);
    expect(explorer.pins).toHaveLength(2);
  });

  it('the switch puts every column back on its own GPUs; the selects change the shared ones', async () => {
    render(EmbedCompare, { explorer: new ExplorerState() });
    const same = screen.getByRole('switch', { name: 'Same GPU and precision for all' });
    expect(same).toBeChecked();
    await userEvent.selectOptions(screen.getByLabelText('GPU count, every column'), '4');
    await userEvent.selectOptions(screen.getByLabelText('GPU model, every column'), 'b200');
    await userEvent.selectOptions(screen.getByLabelText('Precision, every column'), 'nvfp4');
    expect(headers()[0]).toBe('Llama 4 Scout · 4 × B200 · NVFP4');
    await userEvent.click(same);
    expect(same).not.toBeChecked();
    expect(screen.queryByLabelText('GPU model, every column')).toBeNull();
    expect(headers()).toEqual([
      'Llama 4 Scout · 8 × H100 · BF16',
      'Llama 4 Maverick · 8 × H100 · FP8',
      'DeepSeek-V3 · 8 × H200 · FP8',
    ]);
  });

  it('shows each figure against the first column: DeepSeek-V3 has ×6.2 the parameters of Scout', () => {
    render(EmbedCompare, { explorer: new ExplorerState() });
    const row = within(table()).getByRole('row', { name: /^Total parameters/ });
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '108.64B',
      '401.58B ×3.7',
      '671.03B ×6.2',
    ]);
  });

  it('Copy as Markdown copies the table as the CLI prints it, and says so in a live region', async () => {
    render(EmbedCompare, { explorer: new ExplorerState() });
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await waitFor(() =>
      expect(screen.getByText('Table copied as Markdown')).toHaveAttribute('role', 'status'),
    );
    const lines = written[0]!.split('\n');
    expect(lines[1]).toBe('|---|---:|---:|---:|');
    // The page's default comparison; totals from expected-params.json (×3.7 and ×6.2 of Scout's).
    expect(lines[2]).toBe('| Total parameters | 108.64B | 401.58B (×3.7) | 671.03B (×6.2) |');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await waitFor(() =>
      expect(screen.getByText(/did not allow copying: select the table instead/)).toBeVisible(),
    );
  });

  it('without pins, says how to add one; without settings, shows no switch', () => {
    render(ComparePanel, {
      table: { columns: [], rows: [] },
      onpin: () => {},
      onunpin: () => {},
    });
    expect(screen.getByText(/Nothing pinned/)).toBeInTheDocument();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.getByRole('button', { name: 'Pin current configuration' })).toBeInTheDocument();
    // Nothing to copy without pins.
    expect(screen.queryByRole('button', { name: 'Copy as Markdown' })).toBeNull();
  });
});
