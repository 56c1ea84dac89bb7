import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import TextField from '../../src/lib/components/TextField.svelte';

describe('TextField', () => {
  it('is labelled, described by its hint and its message, and hands over the typed text on leaving', async () => {
    const onchange = vi.fn();
    render(TextField, {
      id: 'engine-gpusPerNode',
      label: 'GPUs per node',
      value: '8',
      hint: 'One node of 8',
      onchange,
    });
    const field = screen.getByRole('textbox', { name: 'GPUs per node' });
    expect(field).toHaveAccessibleDescription('One node of 8');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    await userEvent.clear(field);
    await userEvent.type(field, '4');
    await userEvent.tab();
    expect(onchange).toHaveBeenLastCalledWith('4');
  });

  it('a message marks the field invalid and is read with it', () => {
    render(TextField, {
      id: 'run-promptTokens',
      label: 'Prompt tokens per request',
      value: '0',
      error: 'Prompt tokens per request: expected 1 to 1,048,576, got 0',
      onchange: () => {},
    });
    const field = screen.getByRole('textbox', { name: 'Prompt tokens per request' });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      'Prompt tokens per request: expected 1 to 1,048,576, got 0',
    );
  });
});
