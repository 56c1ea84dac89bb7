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
    // What each side holds, by part (the estimate's perDevice and perHost).
    const [gpuParts, ramParts] = within(bars).getAllByTestId('host-fit-parts');
    expect(gpuParts).toHaveTextContent(/^weights .* GB · KV .* · buffer .*B$/);
    expect(ramParts).toHaveTextContent(/^weights .* GB$/);
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

  it("a unified device's GPU share: stated with its source, changed as a percentage, carried by the link, reset", async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    await user.selectOptions(controls().getByLabelText('GPU type'), 'm4-max-128gb');
    const share = controls().getByLabelText('GPU share of the pool (%)');
    expect(share).toHaveValue('75');
    expect(share).toHaveAccessibleDescription(
      /^Default 75%: macOS's default GPU wired limit .* Changed with sudo sysctl iogpu\.wired_limit_mb=<MiB>\./,
    );
    expect(controls().getByTestId('unified-note')).toHaveTextContent('its GPU may use 75% of it');
    expect(fits()).toBe('true');
    // 40% of 128 GiB is 55 GB: too little for gpt-oss-120b's 65 GB of MXFP4 weights.
    await user.clear(share);
    await user.type(share, '40{Enter}');
    await user.tab();
    await waitFor(() => expect(fits()).toBe('false'));
    await waitFor(() => expect(location.search).toMatch(/[?&]gshare=0\.4(&|$)/));
    expect(controls().getByTestId('unified-note')).toHaveTextContent('its GPU may use 40% of it');
    // Out of range: refused under the field, the share kept.
    await user.clear(share);
    await user.type(share, '120{Enter}');
    await user.tab();
    expect(share).toHaveAttribute('aria-invalid', 'true');
    expect(
      controls().getByText(
        'GPU share of the unified pool, %: expected a number from 5 to 100, got 120',
      ),
    ).toBeVisible();
    expect(location.search).toMatch(/[?&]gshare=0\.4(&|$)/);
    await user.click(controls().getByRole('button', { name: 'Back to the default, 75%' }));
    await waitFor(() => expect(fits()).toBe('true'));
    expect(share).toHaveValue('75');
    expect(share).toHaveAttribute('aria-invalid', 'false');
    await waitFor(() => expect(location.search).not.toMatch(/gshare=/));
  });

  it('a host that does not fit gets host-side advice (never more GPUs), each a click that fits', async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    const advice = await screen.findByTestId('fit-advice');
    expect(advice).toHaveTextContent(
      /The GPU needs .* of weights, .* of KV cache, a .* compute buffer/,
    );
    const buttons = await within(advice).findAllByRole('button');
    const labels = buttons.map((b) => b.textContent!.trim());
    expect(labels[0]).toBe('--n-cpu-moe 27: the routed experts of the first 27 layers in RAM');
    expect(labels.some((l) => /×|GPUs|pipeline/.test(l))).toBe(false);
    await user.click(buttons[0]!);
    await waitFor(() => expect(fits()).toBe('true'));
    expect(controls().getByLabelText('Expert layers in RAM (--n-cpu-moe)')).toHaveValue('27');
  });

  it('the memory chart against context shows the GPU and system RAM, each against its capacity', async () => {
    history.replaceState(null, '', '/?m=gpt-oss-120b&g=rtx-4090&n=1&ctx=8192&ram=64&ncmoe=24');
    render(App);
    const legend = await screen.findByTestId('host-memory-context-legend');
    expect(legend).toHaveTextContent(/GPU: fits up to .* tokens, against .* usable/);
    expect(legend).toHaveTextContent('RAM: fits at any context, against 64.0 GB');
  });

  it('a GPU with its own memory shows no GPU share', async () => {
    const { user, toggle } = await openOn4090();
    await user.click(toggle);
    expect(controls().queryByLabelText('GPU share of the pool (%)')).toBeNull();
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
