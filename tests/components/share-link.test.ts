import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';

describe('share links', () => {
  it('opens a link with its settings and reports what it ignored, as text', async () => {
    history.replaceState(null, '', '/?v=1&m=deepseek-v3&k=4&zz=%3Cb%3Ex%3C%2Fb%3E&u=GiB');
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('DeepSeek-V3');
    expect(screen.getByRole('slider', { name: 'Active experts per token' })).toHaveValue('4');
    expect(screen.getByLabelText('Bytes in')).toHaveDisplayValue('GiB (2³⁰ bytes)');
    const notice = screen
      .getByText('Some settings in this link were ignored; the rest applied.')
      .closest('[role=alert]') as HTMLElement;
    expect(notice).toHaveTextContent('"zz": not a parameter of this explorer; ignored');
    expect(notice.querySelector('b')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/were ignored/)).toBeNull();
  });

  it('keeps the address bar equal to the state', async () => {
    render(App);
    await userEvent.selectOptions(screen.getByLabelText('Preset'), 'Mixtral 8x7B');
    await waitFor(() => expect(location.search).toBe('?v=1&m=mixtral-8x7b'));
    // Kimi K2 has a published training run: the training settings follow it, and the link
    // names it in one key (training-link.ts).
    await userEvent.selectOptions(screen.getByLabelText('Preset'), 'Kimi K2');
    await waitFor(() => expect(location.search).toBe('?v=1&m=kimi-k2&t=run'));
  });
});

describe('share links of an imported config', () => {
  it('carry it as a preset plus overrides, and reopen it', async () => {
    const { unmount } = render(App);
    const config = {
      model_type: 'qwen3_moe',
      _name_or_path: 'acme/Qwen3-Mini-MoE',
      hidden_size: 1024,
      intermediate_size: 3072,
      moe_intermediate_size: 384,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      num_key_value_heads: 4,
      head_dim: 64,
      num_experts: 64,
      num_experts_per_tok: 4,
      vocab_size: 151936,
    };
    const { fireEvent } = await import('@testing-library/svelte');
    await fireEvent.input(screen.getByLabelText('config.json contents'), {
      target: { value: JSON.stringify(config) },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
    // The importer loads on demand: read the total once the imported model is in the link.
    await waitFor(() => expect(location.search).toContain('mn=Qwen3-Mini-MoE'));
    const total = screen.getByTestId('total-params').getAttribute('data-value');
    expect(total).not.toBe('108641793536'); // no longer Llama 4 Scout's
    // A model unlike any preset: eleven fields differ. (A typical link, a preset and a few settings, is under 100.)
    expect(location.search.length).toBeLessThan(300);
    unmount();
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Imported: Qwen3-Mini-MoE');
    expect(screen.getByTestId('total-params').getAttribute('data-value')).toBe(total);
  });
});
