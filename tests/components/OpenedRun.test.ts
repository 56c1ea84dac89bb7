import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import {
  addServingModel,
  formatPublishedValue,
  PUBLISHED_SERVING_RUNS,
  resolveExplorer,
  SERVING_MODEL,
} from '../../src/lib/core/index.ts';
import { addLinkDecoders } from '../../src/lib/share/link-decoders.ts';
import { LINK_DECODERS } from '../../src/lib/share/link-decoders-all.ts';
import { decode } from '../../src/lib/share/url-codec.ts';
import OpenedRun from '../../src/lib/components/OpenedRun.svelte';

addServingModel(SERVING_MODEL);
addLinkDecoders(LINK_DECODERS); // as the page has them once it has loaded them

describe('OpenedRun', () => {
  // LMSYS's DeepSeek-V3 decode on 72 H100s (EP 72): 200,538 tok/s published.
  const row = PUBLISHED_SERVING_RUNS.find((r) => r.id === 'sglang-deepseek-decode')!;
  const { config } = decode(row.link!.slice(1));
  const { serving } = resolveExplorer(config);

  it('gives the published figure and the page’s own for the run the page was opened from', () => {
    render(OpenedRun, {
      id: row.id,
      preset: 'deepseek-v3',
      serving,
      whole: null,
      benchmark: null,
    });
    const note = screen.getByTestId('opened-run');
    // The explorer's 205,959 (listed as 206,000, to four digits).
    expect(note).toHaveTextContent(
      `200,538 decode tok/s published; the page shows ${formatPublishedValue(serving!.decode.tokensPerSecond)} with these settings (1.03×).`,
    );
    expect(serving!.decode.tokensPerSecond / row.explorer).toBeCloseTo(1, 3);
    expect(note).toHaveTextContent(/^Opened from a published run \(LMSYS blog 2025-05-05/);
  });

  it('says nothing once the model shown is another, or for a run it does not list', () => {
    render(OpenedRun, { id: row.id, preset: 'kimi-k2', serving, whole: null, benchmark: null });
    render(OpenedRun, {
      id: 'no-such-run',
      preset: 'deepseek-v3',
      serving,
      whole: null,
      benchmark: null,
    });
    expect(screen.queryByTestId('opened-run')).toBeNull();
  });

  it('says where the page shows no such figure', () => {
    render(OpenedRun, {
      id: row.id,
      preset: 'deepseek-v3',
      serving: null,
      whole: null,
      benchmark: null,
    });
    expect(screen.getByTestId('opened-run')).toHaveTextContent(
      /published; the page shows no such figure with these settings\.$/,
    );
  });
});
