import { describe, expect, it, vi } from 'vitest';
import { openLoadedLink } from '../../../src/lib/state/link-state.ts';
import { openState, stateLoading } from '../../../src/embed/element-state.ts';

/** A link whose model cannot be built: any query with "boom" throws, as a bad config once did. */
vi.mock('../../../src/lib/state/link-state.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/lib/state/link-state.ts')>();
  return {
    ...actual,
    openLoadedLink: (query: string) => {
      if (query.includes('boom')) throw new RangeError('Invalid array length');
      return actual.openLoadedLink(query);
    },
  };
});

describe('openState', () => {
  it('openState of a link that opens is that link, with its warnings', () => {
    const opened = openState('v=1&m=dbrx&zz=1');
    expect(opened.explorer.modelLabel).toBe(openLoadedLink('v=1&m=dbrx').explorer.modelLabel);
    expect(opened.warnings).toEqual(openLoadedLink('v=1&m=dbrx&zz=1').warnings);
  });

  it('finding 1: openState of a state whose opening throws shows the default model, and says why', () => {
    const opened = openState('v=1&m=mixtral-8x7b&x.boom=1');
    const fallback = openLoadedLink('').explorer.modelLabel;
    expect(opened.explorer.modelLabel).toBe(fallback);
    expect(opened.warnings).toEqual([
      `state: this model could not be shown (Invalid array length); showing ${fallback} instead`,
    ]);
  });
});

describe('stateLoading', () => {
  it('stateLoading is null when the serving model, the link decoders and the model are at hand (the test setup installs them)', () => {
    expect(stateLoading('v=1&m=dbrx&k=2')).toBeNull();
  });
});
