import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/App.svelte';

describe('share links', () => {
  it('opens a link with its settings and reports what it ignored, as text', async () => {
    history.replaceState(null, '', '/?v=1&m=deepseek-v3&k=4&zz=%3Cb%3Ex%3C%2Fb%3E&u=GiB');
    render(App);
    expect(screen.getByLabelText('Preset')).toHaveDisplayValue('DeepSeek-V3');
    expect(screen.getByRole('slider', { name: 'Active experts per token' })).toHaveValue('4');
    expect(screen.getByLabelText('Bytes in')).toHaveDisplayValue('GiB (2³⁰ bytes)');
    const notice = screen
      .getByText('Some settings in this link were ignored; the rest applied.')
      .closest('[role=alert]') as HTMLElement;
    expect(notice).toHaveTextContent('"zz": not a parameter of this explorer; ignored');
    expect(notice.querySelector('b')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/were ignored/)).toBeNull();
  });

  it('keeps the address bar equal to the state', async () => {
    render(App);
    await userEvent.selectOptions(screen.getByLabelText('Preset'), 'Kimi K2');
    await waitFor(() => expect(location.search).toBe('?v=1&m=kimi-k2'));
  });
});
