import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';
import { evaluateNumber } from '../../src/lib/core/index.ts';

// Exact figures: tests/fixtures/expected-params.json (Llama 4 card, Hugging Face safetensors totals).
const SCOUT_TOTAL = '108641793536';
const SCOUT_ACTIVE = '17172894720';
// Top-2: one more routed expert (3 x 5120 x 8192 = 125,829,120) in each of the 48 MoE layers.
const SCOUT_ACTIVE_TOP2 = String(17172894720 + 48 * 125829120);

const total = () => screen.getByTestId('total-params').getAttribute('data-value');
const active = () => screen.getByTestId('active-params').getAttribute('data-value');

describe('App', () => {
  // Number fields load mathjs on first use (a dynamic import). Loading it here, once, keeps a
  // cold import on a busy machine out of the tests' waitFor: they then wait for the page only.
  beforeAll(async () => {
    expect(await evaluateNumber('2^4')).toEqual({ ok: true, value: 16 });
  });

  it('opens on Llama 4 Scout with its exact total and active counts', () => {
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Llama 4 Scout');
    expect(total()).toBe(SCOUT_TOTAL);
    expect(screen.getByTestId('total-params')).toHaveTextContent('108.64B');
    expect(active()).toBe(SCOUT_ACTIVE);
  });

  it('labels every control as a person and a screen reader see it', () => {
    render(App);
    for (const name of [
      'Layers',
      'Hidden size',
      'Routed experts',
      'Active experts per token',
      'Shared experts',
      'Expert FFN size',
    ]) {
      expect(screen.getByRole('slider', { name })).toBeInTheDocument();
    }
    // Log-scale controls: the label names the field holding the true value.
    for (const name of ['Context length', 'Batch size', 'GPUs']) {
      expect(screen.getByRole('textbox', { name })).toBeInTheDocument();
      expect(screen.getByLabelText(name)).toHaveValue(
        name === 'Context length' ? '131,072' : name === 'GPUs' ? '8' : '1',
      );
    }
    for (const name of ['GPU type', 'Weight precision', 'KV cache precision', 'Preset']) {
      expect(screen.getByRole('combobox', { name })).toBeInTheDocument();
    }
  });

  it('moving "Active experts per token" changes the active count exactly, and not the total', async () => {
    render(App);
    await fireEvent.input(screen.getByRole('slider', { name: 'Active experts per token' }), {
      target: { value: '2' },
    });
    expect(active()).toBe(SCOUT_ACTIVE_TOP2);
    expect(total()).toBe(SCOUT_TOTAL);
    expect(
      screen.getByRole('heading', { name: /^custom, based on Llama 4 Scout on 8 ×/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reset' })).toBeInTheDocument();
  });

  it('picking DeepSeek-V3 shows its exact total', async () => {
    render(App);
    await userEvent.selectOptions(screen.getByLabelText('Preset'), 'DeepSeek-V3');
    expect(total()).toBe('671026419200');
  });

  it('number fields take expressions and suffixes; a bad one shows a message and keeps the value', async () => {
    render(App);
    const layers = screen.getByRole('textbox', { name: 'Layers, exact value' });
    await userEvent.clear(layers);
    await userEvent.type(layers, '2^4{Enter}');
    await waitFor(() => expect(screen.getByRole('slider', { name: 'Layers' })).toHaveValue('16'));
    await userEvent.clear(layers);
    await userEvent.type(layers, 'lots{Enter}');
    await waitFor(() => expect(screen.getByText(/"lots" is not a number/)).toBeInTheDocument());
    expect(screen.getByRole('slider', { name: 'Layers' })).toHaveValue('16');
    const context = screen.getByLabelText('Context length');
    await userEvent.clear(context);
    await userEvent.type(context, '10M{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('kv-at-context')).toHaveAttribute('data-context', '10000000'),
    );
    await userEvent.clear(context);
    await userEvent.type(context, '10Mi{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('kv-at-context')).toHaveAttribute('data-context', '10485760'),
    );
    // Typed values apply on Enter or on leaving the field, never one keystroke at a time.
    const batch = screen.getByLabelText('Batch size');
    await userEvent.clear(batch);
    await userEvent.type(batch, '64');
    expect(screen.getByTestId('kv-at-context')).toHaveAttribute('data-batch', '1');
    await userEvent.tab();
    await waitFor(() =>
      expect(screen.getByTestId('kv-at-context')).toHaveAttribute('data-batch', '64'),
    );
  });

  it('switches bytes between GB and GiB', async () => {
    render(App);
    expect(screen.getByTestId('weights-memory')).toHaveTextContent('217.3 GB');
    await userEvent.selectOptions(screen.getByLabelText('Bytes in'), 'GiB');
    expect(screen.getByTestId('weights-memory')).toHaveTextContent('202.4 GiB');
  });

  it('explains a number on demand with its values substituted', async () => {
    render(App);
    const card = screen.getByTestId('active-params').closest('.card') as HTMLElement;
    await userEvent.click(within(card).getByText('How is this computed', { exact: false }));
    // The formulas load on first open.
    expect(await within(card).findByText(/48 × \(16 − 1\) × 125,829,120/)).toBeVisible();
  });

  it('reports an invalid deployment and keeps the rest of the page', async () => {
    render(App);
    await userEvent.selectOptions(
      screen.getByLabelText('GPU type'),
      'NVIDIA GeForce RTX 4090 24GB',
    );
    expect(screen.getByTestId('fits')).toHaveTextContent('No');
    expect(total()).toBe(SCOUT_TOTAL);
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
    expect(total()).toBe('46702792704');
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Imported: Mixtral-8x7B-v0.1');
  });

  it('reports invalid JSON with its line and column and keeps the current model', async () => {
    render(App);
    await fireEvent.input(screen.getByLabelText('config.json contents'), {
      target: { value: '{\n  "model_type": }' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
    expect(screen.getByText(/config.json: invalid JSON at line 2, column 17/)).toBeInTheDocument();
    expect(total()).toBe(SCOUT_TOTAL);
  });

  it('shows markup in an unsupported family as text', async () => {
    render(App);
    await fireEvent.input(screen.getByLabelText('config.json contents'), {
      target: { value: '{"model_type": "<b>mamba</b>"}' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
    const message = screen.getByText(/model_type: expected a supported model type/);
    expect(message).toHaveTextContent('"<b>mamba</b>"');
    expect(message.querySelector('b')).toBeNull();
  });

  it('compares Scout, Maverick and DeepSeek-V3 out of the box and pins the current configuration', async () => {
    render(App);
    // The panels load after the first screen.
    const table = await screen.findByRole('table', { name: 'Pinned configurations side by side' });
    for (const name of ['Llama 4 Scout', 'Llama 4 Maverick', 'DeepSeek-V3'])
      expect(
        within(table).getByRole('columnheader', { name: new RegExp(name) }),
      ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Unpin DeepSeek-V3 · 8 × H200 · FP8' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Pin current configuration' }));
    expect(within(table).getAllByRole('columnheader', { name: /Llama 4 Scout/ })).toHaveLength(2);
  });

  it('names every field, slider and disclosure uniquely, once every panel is in', async () => {
    render(App);
    // The panels load after the first screen; the last one is the comparison.
    await screen.findByRole('table', { name: 'Pinned configurations side by side' });
    expect(
      screen.getByRole('textbox', { name: 'Expert FFN size, exact value' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Context length, log scale' })).toBeInTheDocument();
    const nameOf = (el: Element) =>
      el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const names = [...screen.getAllByRole('textbox'), ...screen.getAllByRole('slider')].map(nameOf);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const summaries = [...document.querySelectorAll('summary')].map(
      (s) => s.getAttribute('aria-label') ?? s.textContent,
    );
    expect(summaries.filter((n, i) => summaries.indexOf(n) !== i)).toEqual([]);
    expect(summaries).toContain('How is this computed: Active per token');
  });

  it('the page title follows the model', async () => {
    render(App);
    expect(document.title).toBe('Llama 4 Scout · MoE Explorer');
    await userEvent.selectOptions(screen.getByLabelText('Preset'), 'DeepSeek-V3');
    await waitFor(() => expect(document.title).toBe('DeepSeek-V3 · MoE Explorer'));
  });
});
