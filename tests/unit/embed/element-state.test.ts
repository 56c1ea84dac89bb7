import { describe, expect, it, vi } from 'vitest';
import { openLink } from '../../../src/lib/state/share.ts';
import { openState } from '../../../src/embed/element-state.ts';

/** A link whose model cannot be built: any query with "boom" throws, as a bad config once did. */
vi.mock('../../../src/lib/state/share.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/lib/state/share.ts')>();
  return {
    ...actual,
    openLink: (query: string) => {
      if (query.includes('boom')) throw new RangeError('Invalid array length');
      return actual.openLink(query);
    },
  };
});

describe('openState', () => {
  it('openState of a link that opens is that link, with its warnings', () => {
    const opened = openState('v=1&m=dbrx&zz=1');
    expect(opened.explorer.modelLabel).toBe(openLink('v=1&m=dbrx').explorer.modelLabel);
    expect(opened.warnings).toEqual(openLink('v=1&m=dbrx&zz=1').warnings);
  });

  it('finding 1: openState of a state whose opening throws shows the default model, and says why', () => {
    const opened = openState('v=1&m=mixtral-8x7b&x.boom=1');
    const fallback = openLink('').explorer.modelLabel;
    expect(opened.explorer.modelLabel).toBe(fallback);
    expect(opened.warnings).toEqual([
      `state: this model could not be shown (Invalid array length); showing ${fallback} instead`,
    ]);
  });
});
