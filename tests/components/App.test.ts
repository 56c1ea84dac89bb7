import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';

// Exact figures: tests/fixtures/expected-params.json (Llama 4 card, Hugging Face safetensors totals).
const SCOUT_TOTAL = '108641793536';
const SCOUT_ACTIVE = '17172894720';

describe('App', () => {
  it('opens on Llama 4 Scout with its exact total and active counts', () => {
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Llama 4 Scout');
    expect(screen.getByTestId('total-params')).toHaveAttribute('data-value', SCOUT_TOTAL);
    expect(screen.getByTestId('total-params')).toHaveTextContent('108.64B');
    expect(screen.getByTestId('active-params')).toHaveAttribute('data-value', SCOUT_ACTIVE);
    expect(screen.getByRole('table', { name: 'Where the parameters sit' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Vision tower + projector' })).toBeInTheDocument();
  });

  it('picking DeepSeek-V3 shows its exact total', async () => {
    render(App);
    await userEvent.selectOptions(screen.getByLabelText('Preset'), 'DeepSeek-V3');
    expect(screen.getByTestId('total-params')).toHaveAttribute('data-value', '671026419200');
    expect(screen.getByText(/MTP modules/)).toBeInTheDocument();
  });

  it('imports a pasted config.json and counts it', async () => {
    render(App);
    const config = {
      model_type: 'mixtral',
      _name_or_path: 'mistralai/Mixtral-8x7B-v0.1',
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      num_local_experts: 8,
      num_experts_per_tok: 2,
      vocab_size: 32000,
    };
    await fireEvent.input(screen.getByLabelText('config.json contents'), {
      target: { value: JSON.stringify(config) },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
    expect(screen.getByTestId('total-params')).toHaveAttribute('data-value', '46702792704');
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Imported: Mixtral-8x7B-v0.1');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('reports invalid JSON with its line and column and keeps the current model', async () => {
    render(App);
    await fireEvent.input(screen.getByLabelText('config.json contents'), {
      target: { value: '{\n  "model_type": }' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'config.json: invalid JSON at line 2, column 17',
    );
    expect(screen.getByTestId('total-params')).toHaveAttribute('data-value', SCOUT_TOTAL);
  });

  it('reports an unsupported family by name and lists the supported ones', async () => {
    render(App);
    await fireEvent.input(screen.getByLabelText('config.json contents'), {
      target: { value: '{"model_type": "<b>mamba</b>"}' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('model_type: expected a supported model type: llama, mistral');
    expect(alert).toHaveTextContent('"<b>mamba</b>"'); // shown as text, never as markup
    expect(alert.querySelector('b')).toBeNull();
  });

  it('imports a chosen file', async () => {
    render(App);
    const text = JSON.stringify({
      model_type: 'llama',
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      vocab_size: 128256,
    });
    const file = new File([text], 'llama-3.1-8b.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Choose file'), file);
    // Llama 3.1 8B, 8,030,261,248 (expected-params.json)
    await screen.findByText('8,030,261,248', { selector: '.exact' });
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Imported: llama-3.1-8b');
  });
});
