import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';
import EmbedApp from '../../src/embed/EmbedApp.svelte';
import { readPresentation } from '../../src/lib/share/presentation.ts';

const notice = () =>
  screen
    .getByText('Some settings in this link were ignored; the rest applied.')
    .closest('[role=alert]') as HTMLElement;

const LINKS: [finding: string, query: string, field: string][] = [
  ['finding 1', '?v=1&m=deepseek-v3&x.first_k_dense_replace=1000', 'x.first_k_dense_replace'],
  ['finding 1', '?v=1&m=mixtral-8x7b&x.vocab_size=1000000000000000', 'x.vocab_size'],
  ['finding 1', '?v=1&m=mixtral-8x7b&x.num_hidden_layers=1000000000', 'x.num_hidden_layers'],
  [
    'finding 2',
    '?v=1&m=mixtral-8x7b&x.num_local_experts=1000000000&x.hidden_size=64&x.intermediate_size=1&x.num_attention_heads=8&x.num_key_value_heads=8&x.num_hidden_layers=1',
    'x.num_local_experts',
  ],
  ['finding 7', '?v=1&m=mixtral-8x7b&x.rope_theta=3', 'x.rope_theta'],
  ['finding 7', '?v=1&embed=yes', 'embed'],
  ['finding 11', '?v=1&mn=%E2%80%AEgnp.exe', 'mn'],
  ['finding 11', '?v=1&mn=', 'mn'],
  ['engine', '?v=1&m=deepseek-v3&eng=ollama', 'eng'],
  ['speculative', '?v=1&m=deepseek-v3&sd=mtp&dt=99', 'dt (Draft tokens)'],
  ['speculative', '?v=1&m=deepseek-v3&sd=mtp&acc=-1', 'acc (Acceptance rate)'],
  ['nodes', '?v=1&gpn=1000', 'gpn (GPUs per node)'],
];

describe('hostile links on the page', () => {
  it.each(LINKS)('%s: %s renders the calculator and a notice naming %s', (_, query, field) => {
    history.replaceState(null, '', `/${query}`);
    render(App);
    expect(screen.getByTestId('total-params')).toBeInTheDocument();
    expect(notice().textContent).toContain(`${field}:`);
  });

  it('finding 7: a dropped x.<field> leaves the preset, not a model labelled "(edited)"', () => {
    history.replaceState(null, '', '/?v=1&m=mixtral-8x7b&x.rope_theta=3');
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Mixtral 8x7B');
    expect(document.body.textContent).not.toContain('(edited)');
  });

  it('finding 11: mn=%E2%80%AEgnp.exe shows "gnp.exe", never the override', () => {
    history.replaceState(null, '', '/?v=1&mn=%E2%80%AEgnp.exe');
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Imported: gnp.exe');
    expect(document.body.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('finding 11: mn= (empty) shows the preset name, never an empty label', () => {
    history.replaceState(null, '', '/?v=1&m=dbrx&mn=');
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('DBRX');
  });

  it('finding 11: 1,500 repeated parameters give one notice item saying how many times', () => {
    history.replaceState(null, '', `/?v=1&${Array(1500).fill('k=2').join('&')}`);
    render(App);
    const items = notice().querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual([
      'k: given 1,500 times; the first value is used',
    ]);
  });

  it('finding 1: back or forward to a hostile entry shows its preset, and names the refused field', async () => {
    history.replaceState(null, '', '/?v=1&m=dbrx');
    render(App);
    const total = screen.getByTestId('total-params').getAttribute('data-value');
    history.pushState(null, '', '/?v=1&m=mixtral-8x7b&x.vocab_size=1000000000000000');
    dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(notice().textContent).toContain('x.vocab_size:'));
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('Mixtral 8x7B');
    expect(screen.getByTestId('total-params').getAttribute('data-value')).not.toBe(total);
  });
});

describe('hostile links in the embed (embed=1)', () => {
  it.each(LINKS.filter(([, query]) => !query.includes('embed=')))(
    '%s: %s renders the embed and a notice naming %s',
    async (_, query, field) => {
      history.replaceState(null, '', `/${query}&embed=1`);
      const presentation = readPresentation(new URLSearchParams(location.search));
      render(EmbedApp, { presentation });
      expect(notice().textContent).toContain(`${field}:`);
      await waitFor(() => expect(screen.getByTestId('total-params')).toBeInTheDocument());
    },
  );
});
