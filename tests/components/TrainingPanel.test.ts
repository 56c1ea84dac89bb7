import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import EmbedTraining from '../../src/embed/EmbedTraining.svelte';
import TrainingSection from '../../src/lib/components/sections/TrainingSection.svelte';
import { DEFAULT_TRAINING } from '../../src/lib/core/index.ts';
import { shareQuery } from '../../src/lib/state/link-state.ts';
import { ExplorerState } from '../../src/lib/state/explorer.svelte.ts';

const value = (testid: string) => screen.getByTestId(testid).getAttribute('data-value');

async function typeInto(label: string | RegExp, text: string) {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  await userEvent.type(field, `${text}{Enter}`);
}

describe('TrainingPanel', () => {
  it('shows Scout as the card states it: GPU-hours beside the card’s 5.0M, FLOPs, cost, memory, fits', () => {
    render(TrainingSection, { explorer: new ExplorerState() });
    expect(screen.getByRole('heading', { name: 'Training' })).toBeInTheDocument();
    // Llama 4 card: 5.0M H100 GPU-hours for ~40T tokens (tests/fixtures/training-runs.json);
    // the default throughput lands within x1.5 (validation band).
    const gpuHours = Number(value('training-gpu-hours'));
    expect(gpuHours / 5.0e6).toBeGreaterThan(1 / 1.5);
    expect(gpuHours / 5.0e6).toBeLessThan(1.5);
    expect(screen.getByTestId('training-published')).toHaveTextContent('Llama 4 Scout card: 5.0M');
    expect(Number(value('training-flops'))).toBeGreaterThan(1e24);
    expect(Number(value('training-cost'))).toBeCloseTo(gpuHours * 2.69, 0);
    expect(Number(value('training-memory-per-gpu'))).toBeGreaterThan(0);
    expect(value('training-fits')).toBe('true');
    expect(screen.getByTestId('training-fits')).toHaveTextContent('Fits');
  });

  it('each headline number has "How is this computed" with its formula and values', async () => {
    render(TrainingSection, { explorer: new ExplorerState() });
    const card = document.getElementById('training-gpu-hours-card')!;
    await userEvent.click(within(card).getByText('How is this computed'));
    expect(
      within(card).getByText(/GPU-hours = FLOPs ÷ achieved FLOP\/s per GPU ÷ 3600/),
    ).toBeVisible();
    expect(screen.getAllByText('How is this computed')).toHaveLength(4);
  });

  it('typed tokens (22T) apply on Enter and the GPU-hours scale with them', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    const before = Number(value('training-gpu-hours'));
    await typeInto('Training tokens', '20T');
    expect(explorer.training.tokens).toBe(20e12);
    expect(Number(value('training-gpu-hours'))).toBeCloseTo(before / 2, 0);
    expect(shareQuery(explorer)).toContain('tk=20000000000000');
  });

  it('a layout the core refuses says the field, the value and what is expected; the rest still computes', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    await typeInto('Tensor parallel (tp)', '3');
    const alert = screen.getByTestId('training-problems');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent(/tp x pp x cp: expected a divisor of the 8192 GPUs .*got 3/);
    expect(screen.getByLabelText('Tensor parallel (tp)')).toHaveAttribute('aria-invalid', 'true');
    expect(value('training-memory-per-gpu')).toBeNull();
    expect(value('training-fits')).toBeNull();
    expect(Number(value('training-gpu-hours'))).toBeGreaterThan(0);
  });

  it('a layout that does not fit says by how much and offers the smallest changes, applied in a click', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    expect(screen.queryByTestId('training-fit-advice')).toBeNull();
    await typeInto('Micro-batch', '4');
    expect(value('training-fits')).toBe('false');
    const advice = screen.getByTestId('training-fit-advice');
    expect(within(advice).getByRole('heading', { name: 'Does not fit' })).toBeInTheDocument();
    expect(advice).toHaveTextContent(/The busiest GPU needs .* GB, .* GB more than the 85\.5 GB/);
    const button = within(advice).getByRole('button', { name: 'Micro-batch 2' });
    expect(within(advice).getByRole('button', { name: /^Full recompute/ })).toBeInTheDocument();
    await userEvent.click(button);
    expect(explorer.training.microBatch).toBe(2);
    expect(value('training-fits')).toBe('true');
    expect(screen.queryByTestId('training-fit-advice')).toBeNull();
  });

  it('the embed shows whether it fits, without the advice’s buttons', () => {
    const explorer = new ExplorerState();
    explorer.training = { ...DEFAULT_TRAINING, microBatch: 4 };
    render(EmbedTraining, { explorer });
    expect(value('training-fits')).toBe('false');
    expect(screen.queryByTestId('training-fit-advice')).toBeNull();
  });

  it('FP8 on an A100 is refused by name, and BF16 computes again', async () => {
    render(TrainingSection, { explorer: new ExplorerState() });
    await userEvent.selectOptions(screen.getByLabelText('Device for training'), 'a100-80gb');
    expect(screen.getByTestId('training-problems')).toHaveTextContent(
      /precision: .*no FP8 tensor cores/,
    );
    expect(value('training-gpu-hours')).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Training precision'), 'bf16');
    expect(Number(value('training-gpu-hours'))).toBeGreaterThan(0);
  });

  it('the MFU and TFLOP/s fields are empty for the default, which they show; a value overrides it', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    const mfu = screen.getByLabelText('MFU');
    expect(mfu).toHaveValue('');
    expect(mfu.getAttribute('placeholder')).toMatch(/^\d+\.\d% MFU$/);
    expect(screen.getByText(/The default throughput: size .* × precision 1.3/)).toBeInTheDocument();
    await typeInto('TFLOP/s per GPU', '390');
    expect(explorer.training.tflopsPerGpu).toBe(390);
    await typeInto('MFU', '200%');
    expect(screen.getByText(/MFU: expected a number from 0.01 to 1/)).toBeInTheDocument();
    expect(explorer.training.mfu).toBeNull();
    await typeInto('TFLOP/s per GPU', '');
    expect(explorer.training.tflopsPerGpu).toBeNull();
  });

  it('LoRA rank is there only with LoRA, and applies', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    expect(screen.queryByLabelText('LoRA rank')).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Training method'), 'lora');
    await typeInto('LoRA rank', '64');
    expect(explorer.training.loraRank).toBe(64);
    expect(screen.queryByTestId('training-published')).toBeNull();
    expect(explorer.training.finetune).toBe('lora');
  });

  it('every control is labelled: ZeRO, recompute, layout, sequence length, micro-batch, GPUs', () => {
    render(TrainingSection, { explorer: new ExplorerState() });
    for (const label of [
      'ZeRO stage',
      'Activation recompute',
      'Pipeline parallel (pp)',
      'Expert parallel (ep)',
      'Context parallel (cp)',
      'Micro-batch',
      'Sequence length',
      'Training GPUs',
      'Device for training',
      'Training precision',
      'Training method',
    ])
      expect(screen.getByLabelText(label), label).toBeInTheDocument();
  });

  it('the Behemoth button sets the blog’s 32K GPUs at 390 TFLOP/s and ~30T tokens', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    await userEvent.click(screen.getByRole('button', { name: 'Llama 4 Behemoth' }));
    await screen.findByText(/Llama 4 Behemoth/, { selector: '.summary' });
    expect(explorer.training).toMatchObject({ gpus: 32_000, tflopsPerGpu: 390, tokens: 30e12 });
    expect(explorer.config.source).toEqual({ kind: 'preset', id: 'llama4-behemoth' });
    expect(screen.queryByTestId('training-published')).toBeNull();
  });

  it('the published run on show has its button pressed, until a setting changes', async () => {
    const explorer = new ExplorerState();
    render(TrainingSection, { explorer });
    const pressed = () =>
      within(screen.getByRole('group', { name: 'Published training runs' }))
        .queryAllByRole('button', { pressed: true })
        .map((b) => b.textContent);
    expect(pressed()).toEqual(['Llama 4 Scout']); // the default is the Scout card's run
    await typeInto('Training tokens', '22T');
    expect(pressed()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Llama 4 Behemoth' }));
    await screen.findByText(/Llama 4 Behemoth/, { selector: '.summary' });
    expect(pressed()).toEqual(['Llama 4 Behemoth']);
  });

  it('the embed shows the numbers without the settings', () => {
    const explorer = new ExplorerState();
    explorer.training = { ...DEFAULT_TRAINING, tokens: 22e12 };
    render(EmbedTraining, { explorer });
    expect(Number(value('training-gpu-hours'))).toBeGreaterThan(0);
    expect(screen.queryByLabelText('Training tokens')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Llama 4 Scout' })).toBeNull();
  });
});
