import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import ConfigImport from '../../src/lib/components/ConfigImport.svelte';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';
import { startHub, type LoopbackHub } from '../unit/helpers/hub-server.ts';
import { MIXTRAL_REPO, mixtralHubFiles } from '../unit/helpers/mixtral-hub.ts';

// Mixtral 8x7B: 46,702,792,704 parameters (tests/fixtures/expected-params.json).
const MIXTRAL_TOTAL = 46_702_792_704;

let hub: LoopbackHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

/** The import group with its Hub field (loaded after the group), pointed at a loopback Hub. */
async function open() {
  hub = await startHub(mixtralHubFiles());
  const explorer = new ExplorerState();
  render(ConfigImport, { explorer });
  const address = await screen.findByLabelText('Hub address');
  await userEvent.clear(address);
  await userEvent.type(address, hub.url);
  return explorer;
}

async function submit(id: string) {
  const field = screen.getByLabelText('Hugging Face model id');
  await userEvent.clear(field);
  await userEvent.type(field, `${id}{Enter}`);
}

describe('HubImport, in the import group', () => {
  it('an id typed and entered opens the model, and says how it compares with its checkpoint', async () => {
    const explorer = await open();
    await submit(MIXTRAL_REPO);
    await waitFor(() =>
      expect(screen.getByTestId('hub-check')).toHaveTextContent(
        'Checked against the checkpoint: 995 tensors, total matches to the parameter',
      ),
    );
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
    expect(screen.getByTestId('hub-check')).toHaveTextContent(
      `Opened ${MIXTRAL_REPO}: 46.70B parameters in total`,
    );
    // The paste box keeps its own regions, and says nothing of the Hub.
    expect(screen.getByRole('alert')).toHaveTextContent('');
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('a failure is said beside the field; the model stays; what was read before goes once another model shows', async () => {
    const explorer = await open();
    await submit(MIXTRAL_REPO);
    await waitFor(() => expect(screen.getByTestId('hub-check')).toHaveTextContent('matches'));
    await submit('acme/missing');
    await waitFor(() =>
      expect(screen.getByText(/acme\/missing@main has no config\.json \(HTTP 404\)/)).toBeVisible(),
    );
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
    explorer.selectPreset('dbrx');
    await waitFor(() => expect(screen.getByTestId('hub-check')).toHaveTextContent(''));
  });

  it('the Open button waits for an id', async () => {
    await open();
    expect(screen.getByRole('button', { name: 'Open' })).toBeDisabled();
  });
});
