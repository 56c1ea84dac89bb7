import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';
import { ggufWeights, parseGguf } from '../../src/lib/core/index.ts';
import { buildGguf, gptOss20bLike } from '../unit/helpers/gguf-builder.ts';
import { gptOss20bGguf, splitSpecs } from '../unit/helpers/gguf-fixtures.ts';

const built = gptOss20bGguf();
/** gpt-oss-20b-like's tensors, exactly (gguf-builder.ts): what the weights become. */
const FILE_BYTES = ggufWeights(parseGguf(built.bytes, { fileBytes: built.fileBytes })).bytes;

const weights = () => Number(screen.getByTestId('weights-memory').getAttribute('data-value'));
const controls = () => within(document.getElementById('deployment-controls')!);

/** A File holding only a header, but as large as the whole file (jsdom keeps the bytes). */
function bigFile(head: Uint8Array, size: number, name: string): File {
  const file = new File([new Uint8Array(head)], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** `preset` on one RTX 4090 with system RAM turned on, its GGUF control shown. */
async function openWithRam(preset = 'gpt-oss-20b') {
  history.replaceState(null, '', `/?m=${preset}&g=rtx-4090&ctx=8192`);
  render(App);
  const user = userEvent.setup();
  await user.click(controls().getByText('System RAM (llama.cpp)'));
  await user.click(await controls().findByRole('checkbox', { name: 'Use system RAM (one GPU)' }));
  const drop = await controls().findByRole('region', { name: 'Drop a .gguf file here' });
  return { user, drop };
}

function dropFiles(zone: HTMLElement, ...files: File[]) {
  fireEvent.drop(zone, { dataTransfer: { files, types: ['Files'] } });
}

describe('the model file (GGUF) control, in the system-RAM section', () => {
  it('a dropped GGUF: its name, architecture, quant mix and bytes; the weights memory becomes its bytes; Remove', async () => {
    const { user, drop } = await openWithRam();
    const before = weights();
    expect(before).not.toBe(FILE_BYTES);
    dropFiles(drop, bigFile(built.bytes, built.fileBytes, 'gpt-oss-20b-mxfp4.gguf'));
    const summary = await controls().findByTestId('gguf-summary');
    await waitFor(() => expect(weights()).toBe(FILE_BYTES));
    expect(summary).toHaveTextContent('gpt-oss-20b-mxfp4.gguf');
    expect(summary).toHaveTextContent(/gpt-oss · 13\.\d GB \(20\.91B weights, 459 tensors\)/);
    expect(within(summary).getByTestId('gguf-mix')).toHaveTextContent(
      /^MXFP4_MOE: \d+% MXFP4, \d+% BF16, <1% F32$/,
    );
    expect(within(summary).getByTestId('gguf-bytes')).toHaveAttribute(
      'data-value',
      String(FILE_BYTES),
    );
    expect(summary).toHaveTextContent('A file from this computer: the share link cannot carry it');
    await waitFor(() => expect(location.search).toMatch(/ram=64/));
    expect(location.search).not.toMatch(/gguf=/);
    await user.click(within(summary).getByRole('button', { name: 'Remove file' }));
    expect(controls().queryByTestId('gguf-summary')).toBeNull();
    expect(weights()).toBe(before);
  });

  it('the file chooser takes the parts of a split file together', async () => {
    const { user } = await openWithRam();
    const input = controls().getByLabelText('Choose .gguf file');
    await user.upload(input, [
      bigFile(built.bytes, built.fileBytes, 'a.gguf'),
      bigFile(built.bytes, built.fileBytes, 'b.gguf'),
    ]);
    expect(await controls().findByTestId('gguf-error')).toHaveTextContent(
      '2 files were given: choose one .gguf file, or every part of one split model. The file was not used.',
    );
    // The three parts of a split file, chosen together, in any order: one model.
    const parts = splitSpecs(gptOss20bLike(), 3).map((spec, i) => {
      const b = buildGguf(spec);
      return bigFile(b.bytes, b.fileBytes, `gpt-oss-20b-MXFP4-0000${i + 1}-of-00003.gguf`);
    });
    await user.upload(input, [parts[1]!, parts[2]!, parts[0]!]);
    await waitFor(() => expect(weights()).toBe(FILE_BYTES));
    expect(controls().getByTestId('gguf-error')).toHaveTextContent('');
    const summary = controls().getByTestId('gguf-summary');
    expect(summary).toHaveTextContent('gpt-oss-20b-MXFP4-00001-of-00003.gguf');
    expect(summary).toHaveTextContent('gpt-oss · 3 parts ·');
  });

  it('a truncated file and a non-GGUF file get their errors; the rest of the page keeps its state', async () => {
    const { user, drop } = await openWithRam();
    dropFiles(drop, bigFile(built.bytes, built.fileBytes, 'good.gguf'));
    await waitFor(() => expect(weights()).toBe(FILE_BYTES));
    const ncmoe = controls().getByLabelText('Expert layers in RAM (--n-cpu-moe)');
    await user.clear(ncmoe);
    await user.type(ncmoe, '4{Enter}');
    await user.tab();
    await waitFor(() => expect(location.search).toMatch(/ncmoe=4/));
    const search = location.search;
    const tps = screen.getByTestId('decode-tps').getAttribute('data-value');

    dropFiles(drop, new File([new Uint8Array(built.bytes)], 'cut.gguf'));
    const error = controls().getByTestId('gguf-error');
    await waitFor(() =>
      expect(error).toHaveTextContent(
        /^cut\.gguf at byte \d+: tensor .* \(truncated\)\. The file was not used\.$/,
      ),
    );
    dropFiles(drop, new File(['{"model_type": "gpt_oss"}'], 'config.json'));
    await waitFor(() =>
      expect(error).toHaveTextContent(
        'config.json at byte 0: magic: expected "GGUF" (a .gguf file), got "{"mo" (7b 22 6d 6f). The file was not used.',
      ),
    );
    // The file in use, the placement, the figures and the link are as they were.
    expect(controls().getByTestId('gguf-summary')).toHaveTextContent('good.gguf');
    expect(weights()).toBe(FILE_BYTES);
    expect(ncmoe).toHaveValue('4');
    expect(screen.getByTestId('decode-tps').getAttribute('data-value')).toBe(tps);
    expect(location.search).toBe(search);
  });

  it('after the model changes, the file in use says what differs; Remove gives the estimate back', async () => {
    const { user, drop } = await openWithRam();
    dropFiles(drop, bigFile(built.bytes, built.fileBytes, 'gpt-oss-20b.gguf'));
    await waitFor(() => expect(weights()).toBe(FILE_BYTES));
    await user.selectOptions(screen.getByLabelText('Preset'), 'gpt-oss-120b');
    const summary = controls().getByTestId('gguf-summary');
    await waitFor(() =>
      expect(within(summary).getByRole('alert')).toHaveTextContent(
        "Does not match gpt-oss-120b: gpt-oss-20b.gguf is a gpt-oss file of 24 blocks; expected a file of gpt-oss-120b's 36 layers. Remove it, or choose its model.",
      ),
    );
    // The serving estimate is refused, saying why, until the file goes or the model comes back.
    expect(screen.queryByTestId('weights-memory')).toBeNull();
    expect(
      screen.getAllByText(/gguf: gpt-oss-20b\.gguf is a gpt-oss file of 24 blocks/).length,
    ).toBeGreaterThan(0);
    await user.click(within(summary).getByRole('button', { name: 'Remove file' }));
    await waitFor(() => expect(weights()).toBeGreaterThan(FILE_BYTES));
  });

  it("another model's file is refused, naming what differs", async () => {
    const { drop } = await openWithRam('gpt-oss-120b');
    const before = weights();
    dropFiles(drop, bigFile(built.bytes, built.fileBytes, 'gpt-oss-20b.gguf'));
    await waitFor(() =>
      expect(controls().getByTestId('gguf-error')).toHaveTextContent(
        "gpt-oss-20b.gguf is a gpt-oss file of 24 blocks; expected a file of gpt-oss-120b's 36 layers. The file was not used: choose the model it holds first.",
      ),
    );
    expect(controls().queryByTestId('gguf-summary')).toBeNull();
    expect(weights()).toBe(before);
  });
});
