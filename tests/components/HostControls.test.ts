import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';

const fits = () => screen.getByTestId('fits').getAttribute('data-value');
const controls = () => within(document.getElementById('deployment-controls')!);

/** The page on gpt-oss-120b and one RTX 4090, its system-RAM section open. */
async function openOn4090() {
  history.replaceState(null, '', '/?m=gpt-oss-120b&g=rtx-4090');
  render(App);
  const user = userEvent.setup();
  await user.click(controls().getByText('System RAM (llama.cpp)'));
  const toggle = await controls().findByRole('checkbox', { name: 'Use system RAM (one GPU)' });
  return { user, toggle };
}

describe('System RAM (llama.cpp) controls', () => {
  it('turned on for gpt-oss-120b on an RTX 4090: does not fit; the suggested --n-cpu-moe, one click, fits', async () => {
    const { user, toggle } = await openOn4090();
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(toggle).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'GPUs' })).toHaveValue('1');
    expect(fits()).toBe('false');
    const suggestion = controls().getByTestId('n-cpu-moe-suggestion');
    expect(suggestion).toHaveTextContent(
      '--n-cpu-moe 27 is the fewest expert layers in RAM for the GPU to fit.',
    );
    await user.click(within(suggestion).getByRole('button', { name: 'Apply --n-cpu-moe 27' }));
    await waitFor(() => expect(fits()).toBe('true'));
    expect(controls().getByLabelText('Expert layers in RAM (--n-cpu-moe)')).toHaveValue('27');
    expect(Number(screen.getByTestId('decode-tps').getAttribute('data-value'))).toBeGreaterThan(5);
    // The Fits card: the GPU and the RAM, each against its capacity.
    const bars = await screen.findByTestId('host-fit');
    expect(within(bars).getByText('GPU').closest('li')).toHaveAttribute('data-fits', 'true');
    expect(within(bars).getByText('RAM').closest('li')).toHaveTextContent('of 64.0 GB');
  });

  it('labels every control; picking DDR speed and channels sets the bandwidth', async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    const c = controls();
    expect(c.getByLabelText('System RAM (GB)')).toHaveValue('64');
    expect(c.getByLabelText('RAM type')).toHaveDisplayValue('DDR5-5600');
    expect(c.getByLabelText('Channels')).toHaveDisplayValue('2');
    expect(c.getByLabelText('RAM bandwidth (GB/s)')).toHaveValue('89.6');
    expect(c.getByLabelText('PCIe link')).toHaveDisplayValue('PCIe 4.0 x16');
    expect(c.getByLabelText('Every routed expert in RAM (--cpu-moe)')).not.toBeChecked();
    expect(c.getByLabelText('GPU layers (-ngl)')).toHaveValue('');
    await user.selectOptions(c.getByLabelText('Channels'), '4');
    expect(c.getByLabelText('RAM bandwidth (GB/s)')).toHaveValue('179.2');
    await user.selectOptions(c.getByLabelText('RAM type'), 'DDR4-3200');
    expect(c.getByLabelText('RAM bandwidth (GB/s)')).toHaveValue('102.4');
    expect(c.getByLabelText('Channels')).toHaveDisplayValue('4');
  });

  it('a value out of range is refused under its field, and the host keeps the last good one', async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    const ram = controls().getByLabelText('System RAM (GB)');
    await user.clear(ram);
    await user.type(ram, '0{Enter}');
    await user.tab();
    expect(ram).toHaveAttribute('aria-invalid', 'true');
    expect(
      controls().getByText(/System RAM, GB: expected a number from 1 to 100000/),
    ).toBeVisible();
    await waitFor(() => expect(location.search).toMatch(/[?&]ram=64(&|$)/));
  });

  it('a unified device (Apple M4 Max 128GB) says it is one pool, without RAM or PCIe controls', async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    await user.selectOptions(controls().getByLabelText('GPU type'), 'm4-max-128gb');
    expect(controls().getByTestId('unified-note')).toHaveTextContent('one pool of unified memory');
    expect(controls().queryByLabelText('System RAM (GB)')).toBeNull();
    expect(controls().queryByLabelText('PCIe link')).toBeNull();
    expect(fits()).toBe('true');
  });

  it('turned off, the deployment is a data-centre one again and the link carries no host', async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    await waitFor(() => expect(location.search).toMatch(/ram=64/));
    await user.click(toggle);
    await waitFor(() => expect(location.search).not.toMatch(/ram=/));
    expect(screen.queryByTestId('host-fit')).toBeNull();
  });
});
