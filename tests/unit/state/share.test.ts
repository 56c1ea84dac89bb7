import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRAINING, defaultComparison, defaultConfig } from '../../../src/lib/core/index.ts';
import * as codec from '../../../src/lib/share/url-codec.ts';
import { openLink, shareLink, shareQuery } from '../../../src/lib/state/share.ts';

vi.mock('../../../src/lib/share/url-codec.ts', async (importOriginal) => {
  const original = await importOriginal<typeof codec>();
  return { ...original, decode: vi.fn(original.decode) };
});

describe('openLink', () => {
  it("openLink('?v=1&m=dbrx&k=2') is the explorer of the link, without warnings", () => {
    const { explorer, warnings } = openLink('?v=1&m=dbrx&k=2');
    expect(warnings).toEqual([]);
    expect(explorer.config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(explorer.arch.topK).toBe(2);
    expect(shareQuery(explorer)).toBe('v=1&m=dbrx&k=2');
    expect(shareLink(explorer, 'https://x.test/')).toBe('https://x.test/?v=1&m=dbrx&k=2');
  });

  it.each([
    ['?v=1&m=deepseek-v3&x.first_k_dense_replace=1000', 'deepseek-v3', 'x.first_k_dense_replace'],
    ['?v=1&m=mixtral-8x7b&x.vocab_size=1000000000000000', 'mixtral-8x7b', 'x.vocab_size'],
    ['?v=1&m=mixtral-8x7b&x.num_hidden_layers=1000000000', 'mixtral-8x7b', 'x.num_hidden_layers'],
  ])(
    'finding 1: openLink(%j) never throws: the preset %s, and a notice naming %s',
    (query, id, field) => {
      const { explorer, warnings } = openLink(query);
      expect(explorer.config.source).toEqual({ kind: 'preset', id });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^${field.replace('.', '\\.')}: expected`));
    },
  );

  it('finding 1: a decoded state the model still refuses opens the preset with a notice, never a blank page', () => {
    const broken = {
      config: { ...defaultConfig('dbrx'), arch: { layers: -1 } },
      view: { unit: 'GiB' as const, theme: 'dark' as const },
      compare: defaultComparison(),
      training: { ...DEFAULT_TRAINING },
      warnings: ['k: something'],
    };
    vi.mocked(codec.decode).mockReturnValueOnce(broken);
    const { explorer, warnings } = openLink('?anything');
    expect(explorer.config).toEqual(defaultConfig('dbrx'));
    expect(explorer.unit).toBe('GiB');
    expect(warnings).toEqual([
      'k: something',
      expect.stringMatching(/^this link could not be shown \(layers: .*\); showing dbrx$/),
    ]);
  });

  it('finding 11: the warnings come back each said once', () => {
    const { warnings } = openLink(`?v=1&${Array(500).fill('zz=1&zz=1').join('&')}`);
    expect(warnings).toEqual(['"zz": not a parameter of this explorer; ignored']);
  });
});
