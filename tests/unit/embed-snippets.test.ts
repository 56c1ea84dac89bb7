import { describe, expect, it } from 'vitest';
import { readPresentation } from '../../src/lib/share/presentation.ts';
import { elementSnippet, iframeSnippet } from '../../src/lib/share/snippets.ts';

describe('embed snippets', () => {
  it('the element snippet loads the module next to the app and carries the state', () => {
    expect(elementSnippet('https://example.org/moe/', 'v=1&m=kimi-k2', 'serving')).toBe(
      '<script type="module" src="https://example.org/moe/moe-explorer.js"></script>\n' +
        '<moe-explorer state="v=1&amp;m=kimi-k2" view="serving" theme="auto"></moe-explorer>',
    );
  });

  it('the iframe snippet embeds the compact view and sizes it from height messages', () => {
    const snippet = iframeSnippet('https://example.org/moe/', 'v=1&m=dbrx', 'params');
    expect(snippet).toContain(
      'src="https://example.org/moe/?v=1&amp;m=dbrx&amp;embed=1&amp;view=params"',
    );
    expect(snippet).toContain("e.data?.type !== 'moe-explorer:height'");
  });

  it('markup in a state cannot break out of the attribute', () => {
    expect(elementSnippet('https://x/', 'm="><script>alert(1)</script>', 'params')).not.toContain(
      '"><script>alert',
    );
  });
});

describe('readPresentation', () => {
  it('reads embed, view and theme, and reports bad values', () => {
    expect(readPresentation(new URLSearchParams('embed=1&view=serving&theme=dark'))).toEqual({
      embed: true,
      view: 'serving',
      theme: 'dark',
      warnings: [],
    });
    const bad = readPresentation(new URLSearchParams('embed=1&view=<b>&theme=neon'));
    expect(bad).toMatchObject({ view: 'params', theme: 'auto' });
    expect(bad.warnings).toHaveLength(2);
  });
});
