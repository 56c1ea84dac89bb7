import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ConfigImport from '../../src/lib/components/ConfigImport.svelte';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';

const mixtral = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'models', 'mixtral-8x7b.json'),
  'utf8',
);
// Mixtral 8x7B: 46,702,792,704 parameters (tests/fixtures/expected-params.json).
const MIXTRAL_TOTAL = 46_702_792_704;
const SCOUT_TOTAL = 108_641_793_536;

function open() {
  const explorer = new ExplorerState();
  render(ConfigImport, { explorer });
  return explorer;
}

async function paste(text: string) {
  await fireEvent.input(screen.getByLabelText('config.json contents'), {
    target: { value: text },
  });
  await userEvent.click(screen.getByRole('button', { name: 'Count parameters' }));
  await settled();
}

/** Waits until the import has run (its code loads on demand). */
async function settled() {
  const box = screen.getByRole('region', { name: 'Drop a config.json here' });
  await waitFor(() => expect(box).not.toHaveAttribute('aria-busy', 'true'));
}

/** UTF-16 LE bytes of a text, with a byte order mark. */
function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, true);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), true);
  return bytes;
}

describe('ConfigImport', () => {
  it('pasting a config.json shows it, and says so where the import happened', async () => {
    const explorer = open();
    await paste(mixtral);
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Imported config: 46\.70B parameters in total/,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('');
  });

  it.each([
    ['text that is not JSON', '{"model_type": "mixtral",}', /invalid JSON at line 1, column 26/],
    ['JSON nested 100,000 deep', '['.repeat(100_000), /nested deeper than/],
    ['a JSON value that is no object', '"hello"', /expected a JSON object/],
    [
      'a config of a billion experts',
      JSON.stringify({ ...JSON.parse(mixtral), num_local_experts: 1e9 }),
      /num_local_experts: expected at most .*, got 1000000000/,
    ],
    [
      'a config too big to count',
      JSON.stringify({ ...JSON.parse(mixtral), vocab_size: 1e15 }),
      /vocab_size: expected at most/,
    ],
  ])(
    'finding 6: pasting %s shows why in the import box, never an uncaught error',
    async (_, text, message) => {
      const explorer = open();
      await paste(text);
      expect(screen.getByRole('alert')).toHaveTextContent(message);
      expect(screen.getByRole('alert').textContent).toMatch(/^config\.json: /);
      expect(screen.getByRole('status')).toHaveTextContent('');
      expect(explorer.result.count.total).toBe(SCOUT_TOTAL);
    },
  );

  it('finding 10: pasted text with a byte order mark is read, as the same file is', async () => {
    const explorer = open();
    await paste(`\ufeff${mixtral}`);
    expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL);
  });

  it('finding 10: a UTF-16 file with a byte order mark is read', async () => {
    const explorer = open();
    const file = new File([utf16le(mixtral)], 'config.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Choose file'), file);
    await waitFor(() => expect(explorer.result.count.total).toBe(MIXTRAL_TOTAL));
    expect(screen.getByRole('status')).toHaveTextContent(/^Imported config: 46\.70B/);
  });

  it('finding 6: a file of a config too big to count says so, not "could not be read"', async () => {
    const explorer = open();
    const text = JSON.stringify({ ...JSON.parse(mixtral), vocab_size: 1e15 });
    await userEvent.upload(
      screen.getByLabelText('Choose file'),
      new File([text], 'huge.json', { type: 'application/json' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /^huge\.json: vocab_size: expected at most/,
      ),
    );
    expect(explorer.result.count.total).toBe(SCOUT_TOTAL);
  });

  it('the name of an imported model is shown isolated, without its bidirectional controls', async () => {
    open();
    await paste(JSON.stringify({ ...JSON.parse(mixtral), _name_or_path: 'acme/\u202egnp.exe' }));
    const name = screen.getByRole('status').querySelector('bdi');
    expect(name).toHaveTextContent(/^gnp\.exe$/);
  });
});
