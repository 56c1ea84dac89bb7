import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import NumberControl from '../../src/lib/components/NumberControl.svelte';
import { evaluateNumber } from '../../src/lib/core/index.ts';

// Expressions load mathjs on first use: loaded once here, out of the tests' waits.
beforeAll(async () => {
  expect(await evaluateNumber('pi')).toMatchObject({ ok: true });
});

/** A NumberControl whose changes are recorded (and accepted). */
function control(id: 'layers' | 'capacityFactor' | 'usdPerHour', value: number) {
  const onchange = vi.fn(() => true);
  render(NumberControl, { id, value, onchange });
  return onchange;
}

describe('NumberControl', () => {
  it.each([
    ['2.5', 'Layers: expected a whole number, got 2.5'],
    ['pi', 'Layers: expected a whole number, got pi (3.141592653589793)'],
    ['10/4', 'Layers: expected a whole number, got 10/4 (2.5)'],
  ])(
    'finding 7: %j typed into Layers is refused with a message, not rounded',
    async (typed, message) => {
      const onchange = control('layers', 48);
      const field = screen.getByLabelText('Layers, exact value');
      await userEvent.clear(field);
      await userEvent.type(field, `${typed}{Enter}`);
      await waitFor(() => expect(screen.getByText(message)).toBeInTheDocument());
      expect(onchange).not.toHaveBeenCalled();
      expect(field).toHaveValue(typed);
      expect(field).toHaveAttribute('aria-invalid', 'true');
    },
  );

  it('a whole number typed into Layers applies as typed', async () => {
    const onchange = control('layers', 48);
    const field = screen.getByLabelText('Layers, exact value');
    await userEvent.clear(field);
    await userEvent.type(field, '2*20{Enter}');
    await waitFor(() => expect(onchange).toHaveBeenCalledWith(40));
  });

  it('finding 7: ArrowUp from 1.4 gives exactly 1.45, and the field shows 1.45', async () => {
    const onchange = control('capacityFactor', 1.4);
    const field = screen.getByLabelText('Capacity factor, exact value');
    await userEvent.click(field);
    await userEvent.keyboard('{ArrowUp}');
    expect(onchange).toHaveBeenLastCalledWith(1.45);
    expect(field).toHaveValue('1.45');
  });

  it('finding 7: every slider position of a fractional control applies the value it shows', async () => {
    const onchange = control('capacityFactor', 1.25);
    const slider = screen.getByRole('slider', { name: 'Capacity factor' });
    for (const position of ['0.55', '1.45', '2.15', '3.35']) {
      await fireEvent.input(slider, { target: { value: position } });
      expect(onchange).toHaveBeenLastCalledWith(Number(position));
    }
  });

  it('ten ArrowUp steps of $0.01 from 2 give exactly 2.1', async () => {
    const onchange = control('usdPerHour', 2);
    await userEvent.click(screen.getByLabelText('$/GPU-hour, exact value'));
    for (let i = 0; i < 10; i++) await userEvent.keyboard('{ArrowUp}');
    expect(onchange).toHaveBeenLastCalledWith(2.1);
  });
});

describe('typed and stepped values in the page', () => {
  it('finding 3: ArrowUp four times on "Active experts per token" (Kimi K2) gives 12, and Tab keeps 12', async () => {
    history.replaceState(null, '', '/?v=1&m=kimi-k2');
    render(App);
    const field = screen.getByLabelText('Active experts per token, exact value');
    await userEvent.click(field);
    for (let i = 0; i < 4; i++) await userEvent.keyboard('{ArrowUp}');
    expect(field).toHaveValue('12');
    await userEvent.tab();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(field).toHaveValue('12');
    expect(screen.getByRole('slider', { name: 'Active experts per token' })).toHaveValue('12');
    await waitFor(() => expect(location.search).toBe('?v=1&m=kimi-k2&k=12'));
  });

  it('finding 7: the capacity-factor slider at 1.45 writes cf=1.45 in the link', async () => {
    render(App);
    await fireEvent.input(screen.getByRole('slider', { name: 'Capacity factor' }), {
      target: { value: '1.45' },
    });
    await waitFor(() => expect(location.search).toBe('?v=1&cf=1.45'));
    expect(screen.getByLabelText('Capacity factor, exact value')).toHaveValue('1.45');
  });
});
