import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import EmbedDialog from '../../src/lib/components/EmbedDialog.svelte';
import { openLink } from '../../src/lib/state/share.ts';
import { UrlSync } from '../../src/lib/state/url-sync.svelte.ts';

// jsdom has <dialog> but not showModal/close: just enough of them to open and close it.
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
});

async function openDialog(query = 'v=1&m=kimi-k2') {
  const { explorer } = openLink(query);
  render(EmbedDialog, { sync: new UrlSync(explorer) });
  await userEvent.click(screen.getByRole('button', { name: 'Embed' }));
  const dialog = await screen.findByRole('dialog', { name: 'Embed this configuration' });
  await within(dialog).findByLabelText('View');
  return dialog;
}

const code = (name: string) => (screen.getByRole('textbox', { name }) as HTMLTextAreaElement).value;

describe('EmbedDialog', () => {
  it('loads its contents when opened and starts on the first choice, named in words', async () => {
    const dialog = await openDialog();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Start from'));
    const view = within(dialog).getByLabelText('View');
    expect(
      within(view)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Parameter breakdown',
      'Experts activated per token',
      'Serving: memory and speed',
      'Compare',
      'Training: GPU-hours, cost and memory',
      'Plan: the cheapest deployment for a workload',
    ]);
    expect(within(dialog).getByLabelText('Theme')).toHaveDisplayValue('Auto');
    expect(within(dialog).getByLabelText('Height')).toHaveDisplayValue('Fit the content');
    expect(within(dialog).queryByLabelText('Chart')).toBeNull(); // only for the serving view
  });

  it('the preview is the embed address the iframe snippet gives, and follows every choice', async () => {
    const dialog = await openDialog();
    const frame = within(dialog).getByTitle('Preview of the embed');
    expect(frame.getAttribute('src')).toBe(`${location.origin}/?v=1&m=kimi-k2&embed=1&view=params`);
    await userEvent.selectOptions(within(dialog).getByLabelText('View'), 'serving');
    await userEvent.selectOptions(within(dialog).getByLabelText('Chart'), 'speed');
    await userEvent.selectOptions(within(dialog).getByLabelText('Theme'), 'light');
    const src = frame.getAttribute('src')!;
    expect(src).toContain('embed=1&view=serving&chart=speed&theme=light');
    expect(code('An iframe')).toContain(`src="${src.replace(/&/g, '&amp;')}"`);
    expect(code('The <moe-explorer> element')).toContain(
      'view="serving" chart="speed" theme="light"',
    );
  });

  it('can start from a guided question: its state, on the view that answers it', async () => {
    const dialog = await openDialog();
    const frame = within(dialog).getByTitle('Preview of the embed');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Start from'),
      "Question: Does Scout's 10M context fit on one node?",
    );
    expect(within(dialog).getByLabelText('View')).toHaveValue('serving');
    const src = frame.getAttribute('src')!;
    expect(src).not.toContain('m='); // Scout, the default preset
    expect(src).toContain('ctx=10000000');
    expect(src).toContain('embed=1&view=serving');
  });

  it('a height sets the preview, the iframe and the element; a typed one is kept in range', async () => {
    const dialog = await openDialog();
    const frame = within(dialog).getByTitle('Preview of the embed');
    await userEvent.selectOptions(within(dialog).getByLabelText('Height'), 'Tall, 900 px');
    expect(frame).toHaveAttribute('height', '900');
    expect(code('An iframe')).toContain('height="900"');
    expect(code('The <moe-explorer> element')).toContain('style="height: 900px; overflow: auto"');
    await userEvent.selectOptions(within(dialog).getByLabelText('Height'), 'Other height…');
    const typed = within(dialog).getByLabelText('Height in pixels');
    await userEvent.clear(typed);
    await userEvent.type(typed, '50');
    expect(frame).toHaveAttribute('height', '200');
    expect(within(dialog).getByText(/using 200 px/)).toBeInTheDocument();
  });

  it('Copy says what it did in a live region that is there, empty, before', async () => {
    const dialog = await openDialog();
    const [iframeStatus] = within(dialog).getAllByRole('status');
    expect(iframeStatus!.textContent).toBe('');
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy iframe snippet' }));
    await waitFor(() => expect(iframeStatus).toHaveTextContent('Copied the iframe snippet.'));
    expect(written).toEqual([code('An iframe')]);
  });

  it('closing puts the focus back on the Embed button and unloads the contents', async () => {
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Embed' })),
    );
    expect(within(dialog).queryByLabelText('View')).toBeNull();
  });
});
